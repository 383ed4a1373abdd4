/** Chart creation spread over tasks: a view's charts are created one budget per task, never after unmount. */
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import MetricBarChart from '@renderer/components/charts/MetricBarChart.vue'
import { CHART_TASK_BUDGET_MS, flushCharts, pendingCharts, scheduleChart, setChartScheduling } from '@renderer/components/charts/chart-scheduler'

afterEach(() => {
  flushCharts()
  setChartScheduling('sync')
  vi.useRealTimers()
  vi.restoreAllMocks()
})

const bars = [{ arm: 'base', mean: 0.8, std: 0.05 }]
const ThreeCharts = defineComponent(() => () => h('div', [0, 1, 2].map((i) => h(MetricBarChart, { key: i, bars, metric: `M${i}` }))))

describe('chart scheduler', () => {
  it('creates the charts of a view in later tasks, not while mounting', async () => {
    setChartScheduling('deferred')
    const w = mount(ThreeCharts)
    expect(w.findAll('svg')).toHaveLength(0)
    expect(pendingCharts()).toBe(3)
    await vi.waitFor(() => expect(w.findAll('svg')).toHaveLength(3))
    expect(w.find('svg').html()).toContain('M0 (%)')
    w.unmount()
  })

  it('runs queued creations until the time budget of a task is spent, then yields', () => {
    vi.useFakeTimers()
    setChartScheduling('deferred')
    let clock = 0
    vi.spyOn(performance, 'now').mockImplementation(() => clock)
    const ran: number[] = []
    // Each creation "takes" 5 ms: with a 12 ms budget, three fit in the first task (0, 5, 10 < 12), then it yields.
    for (let i = 0; i < 5; i++) scheduleChart(() => { ran.push(i); clock += 5 })
    expect(CHART_TASK_BUDGET_MS).toBe(12)
    vi.advanceTimersToNextTimer()
    expect(ran).toEqual([0, 1, 2])
    vi.advanceTimersToNextTimer()
    expect(ran).toEqual([0, 1, 2, 3, 4])
    expect(pendingCharts()).toBe(0)
  })

  it('skips a chart unmounted before its turn', async () => {
    setChartScheduling('deferred')
    const w = mount(MetricBarChart, { props: { bars, metric: 'ACC' } })
    w.unmount()
    expect(() => flushCharts()).not.toThrow()
    expect(document.querySelectorAll('svg')).toHaveLength(0)
  })
})
