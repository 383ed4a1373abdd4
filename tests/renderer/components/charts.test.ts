/** Chart components render SVG in happy-dom; live curves update data in place without resetting the chart. */
import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import ClassCountChart from '@renderer/components/charts/ClassCountChart.vue'
import GroupMetricChart from '@renderer/components/charts/GroupMetricChart.vue'
import LiveCurvesChart from '@renderer/components/charts/LiveCurvesChart.vue'
import MetricBarChart from '@renderer/components/charts/MetricBarChart.vue'
import TradeoffScatterChart from '@renderer/components/charts/TradeoffScatterChart.vue'

describe('charts', () => {
  it('ClassCountChart renders bars as SVG with the class names', () => {
    const w = mount(ClassCountChart, { props: { classes: [{ name: 'benign', count: 70 }, { name: 'malignant', count: 30 }] }, attachTo: document.body })
    const svg = w.find('svg')
    expect(svg.exists()).toBe(true)
    expect(svg.html()).toContain('benign')
    expect(svg.html()).toContain('malignant')
    expect(w.findAll('svg path').length).toBeGreaterThan(2)
    w.unmount()
  })

  it('MetricBarChart draws bars and error bars', () => {
    const w = mount(MetricBarChart, { props: { bars: [{ arm: 'base', mean: 0.8, std: 0.05 }, { arm: 'focal', mean: 0.85, std: 0.02 }, { arm: 'none', mean: null, std: null }], metric: 'ACC' } })
    const html = w.find('svg').html()
    expect(html).toContain('focal')
    expect(html).toContain('ACC (%)')
    w.unmount()
  })

  it('GroupMetricChart names every group on the axis, even when the names crowd it', () => {
    // Diabetes-130's race groups: ECharts' automatic label interval showed only every other one.
    const groups = ['AfricanAmerican', 'Caucasian', 'Hispanic', 'Other', 'other (<1000)']
    const series = ['baseline', 'baseline+thresholds', 'baseline+thresholds-bacc'].map((arm) => ({ arm, values: groups.map(() => 0.8) }))
    const w = mount(GroupMetricChart, { props: { groups, series, metric: 'accuracy' }, attachTo: document.body })
    const html = w.find('svg').html()
    for (const g of ['AfricanAmerican', 'Caucasian', 'Hispanic', '>Other<', 'other (&lt;1000)']) expect(html).toContain(g)
    w.unmount()
  })

  it('TradeoffScatterChart never pads a gap axis below 0', () => {
    // Measured case: EOD 0.001 / 0.020 / 0.170 drew ticks from −0.05 with the y axis crossing at 0.
    const points = [
      { arm: 'baseline', x: 0.02, y: 0.888 },
      { arm: 'baseline+thresholds', x: 0.001, y: 0.888 },
      { arm: 'baseline+thresholds-bacc', x: 0.17, y: 0.63 },
    ]
    const w = mount(TradeoffScatterChart, { props: { points, xName: 'EOD' }, attachTo: document.body })
    const html = w.find('svg').html()
    expect(html).toContain('EOD (lower is fairer)')
    expect(html).not.toMatch(/>−?-0\.0\d*</)
    expect(html).toMatch(/>0</)
    w.unmount()
  })

  it('LiveCurvesChart sends only series data on version bumps, and resets when the series change', async () => {
    const train: [number, number][] = [[1, 1.0]]
    const w = mount(LiveCurvesChart, { props: { series: [{ name: 'train loss', data: train }], version: 0, label: 'loss' } })
    expect(w.find('svg').exists()).toBe(true)
    const { getInstanceByDom } = await import('echarts/core')
    const chart = getInstanceByDom(w.element as HTMLElement)!
    const spy = vi.spyOn(chart, 'setOption')
    train.push([2, 0.5], [3, 0.25])
    await w.setProps({ version: 1 })
    expect(spy).toHaveBeenCalledTimes(1)
    expect(spy.mock.calls[0]![0]).toEqual({ series: [{ id: 'train loss', data: [[1, 1], [2, 0.5], [3, 0.25]] }] })
    const option = chart.getOption() as { series: { data: unknown[] }[] }
    expect(option.series[0]!.data).toHaveLength(3)

    await w.setProps({ series: [{ name: 'train loss', data: train }, { name: 'val accuracy', data: [[1, 0.5]], axis: 1 }], axisNames: ['loss', 'accuracy'] })
    expect(spy).toHaveBeenCalledTimes(2)
    expect(spy.mock.calls[1]![1]).toEqual({ notMerge: true })
    expect(w.find('svg').html()).toContain('val accuracy')
    w.unmount()
  })
})
