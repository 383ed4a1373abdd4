/** Creates an ECharts instance on a template ref when mounted, follows the element's size, disposes on unmount. */
import { onBeforeUnmount, onMounted, type Ref } from 'vue'
import { createChart, type Chart } from './echarts'

export function useChart(el: Readonly<Ref<HTMLElement | null>>, height: () => number, onReady: (chart: Chart) => void): { chart: () => Chart | undefined } {
  let chart: Chart | undefined
  let observer: ResizeObserver | undefined

  onMounted(() => {
    if (!el.value) return
    chart = createChart(el.value, height())
    onReady(chart)
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(() => {
        if (el.value && el.value.clientWidth > 0) chart?.resize({ width: 'auto', height: 'auto' })
      })
      observer.observe(el.value)
    }
  })

  onBeforeUnmount(() => {
    observer?.disconnect()
    chart?.dispose()
    chart = undefined
  })

  return { chart: () => chart }
}
