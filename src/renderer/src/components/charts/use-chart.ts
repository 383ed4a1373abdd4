/**
 * Creates an ECharts instance on a template ref once mounted (through the chart scheduler, so a view
 * with many charts does not block the page), follows the element's size, disposes on unmount.
 */
import { onBeforeUnmount, onMounted, type Ref } from 'vue'
import { scheduleChart } from './chart-scheduler'
import { createChart, type Chart } from './echarts'

export function useChart(el: Readonly<Ref<HTMLElement | null>>, height: () => number, onReady: (chart: Chart) => void): { chart: () => Chart | undefined } {
  let chart: Chart | undefined
  let observer: ResizeObserver | undefined
  let unmounted = false

  onMounted(() => {
    scheduleChart(() => {
      if (unmounted || !el.value) return
      chart = createChart(el.value, height())
      // The option is read now, so the chart shows the latest props even if they changed while it waited.
      onReady(chart)
      if (typeof ResizeObserver !== 'undefined') {
        observer = new ResizeObserver(() => {
          if (el.value && el.value.clientWidth > 0) chart?.resize({ width: 'auto', height: 'auto' })
        })
        observer.observe(el.value)
      }
    })
  })

  onBeforeUnmount(() => {
    unmounted = true
    observer?.disconnect()
    chart?.dispose()
    chart = undefined
  })

  return { chart: () => chart }
}
