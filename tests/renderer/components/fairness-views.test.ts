/** Group-fairness views: chart data from jobs / epoch logs (by hand), and the charts render SVG in happy-dom. */
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { EpochEntry, JobListEntry } from '@shared/ipc/views'
import ExpertUsageChart from '@renderer/components/fairness/ExpertUsageChart.vue'
import { expertUsage, gapCurves, groupMetricBars, type GroupBars } from '@renderer/components/fairness/fairness-view'
import GroupGapEpochChart from '@renderer/components/fairness/GroupGapEpochChart.vue'
import GroupMetricCiChart from '@renderer/components/fairness/GroupMetricCiChart.vue'

function job(arm: string, seed: number, groups: { group: string; accuracy: number; ci?: [number, number] }[]): JobListEntry {
  return {
    key: { arm, seed, fold: 0 },
    keyString: `${arm}|seed=${seed}|fold=0`,
    status: 'done',
    error: null,
    backend: 'cpu',
    durationMs: 1,
    bestEpoch: 1,
    finishedAt: '',
    metrics: {
      classification: {} as never,
      fairness: [
        {
          attribute: 'sex',
          excluded: 0,
          esAuc: null,
          esAcc: 0,
          dpd: 0,
          eod: null,
          worstGroupAccuracy: 0,
          groups: groups.map((g) => ({ group: g.group, count: 10, accuracy: g.accuracy, auc: null, tpr: null, fpr: null, selectionRate: 0, ...(g.ci ? { ci: { accuracy: g.ci } } : {}) })),
        },
      ],
    },
  }
}
const epoch = (e: number, extras: Record<string, number>): EpochEntry => ({ epoch: e, trainLoss: 1, valLoss: 1, valAccuracy: 0.5, valMacroF1: 0.5, extras })

describe('fairness-view', () => {
  it('uses the bootstrap interval of a single job, and mean ± 1.96·sd/√n over several', () => {
    const one = groupMetricBars([job('a', 1, [{ group: 'F', accuracy: 0.6, ci: [0.5, 0.7] }])], ['a'], 'sex', 'accuracy')
    expect(one.series[0]).toEqual({ arm: 'a', values: [0.6], intervals: [[0.5, 0.7]] })
    // Jobs 0.6 and 0.8: mean 0.7, sd = √0.02 = 0.141421, half-width 1.96·0.141421/√2 = 0.196.
    const two = groupMetricBars([job('a', 1, [{ group: 'F', accuracy: 0.6 }]), job('a', 2, [{ group: 'F', accuracy: 0.8 }])], ['a', 'b'], 'sex', 'accuracy')
    expect(two.series[0]!.values[0]).toBeCloseTo(0.7, 12)
    expect(two.series[0]!.intervals[0]![0]).toBeCloseTo(0.504, 12)
    expect(two.series[0]!.intervals[0]![1]).toBeCloseTo(0.896, 12)
    expect(two.series[1]).toEqual({ arm: 'b', values: [null], intervals: [null] })
  })

  it('averages the validation gap per epoch over the jobs of an arm', () => {
    const curves = gapCurves(
      [
        { arm: 'a', epochs: [epoch(1, { 'group.sex.accGap': 0.2 }), epoch(2, { 'group.sex.accGap': 0.1 })] },
        { arm: 'a', epochs: [epoch(1, { 'group.sex.accGap': 0.4 })] },
      ],
      'sex',
    )
    expect(curves).toHaveLength(1)
    expect(curves[0]!.epochs).toEqual([1, 2])
    expect(curves[0]!.values[0]).toBeCloseTo(0.3, 12)
    expect(curves[0]!.values[1]).toBeCloseTo(0.1, 12)
  })

  it('reads Fair-MoE usage by group from the last epoch, null without any', () => {
    const logs = [{ arm: 'moe', epochs: [epoch(1, {}), epoch(2, { 'fair-moe.usage.sex.F.0': 0.2, 'fair-moe.usage.sex.F.1': 0.8, 'fair-moe.usage.sex.M.1': 0.5 })] }]
    expect(expertUsage(logs, 'sex')).toEqual({ groups: ['F', 'M'], experts: 2, matrix: [[0.2, 0.8], [0, 0.5]] })
    expect(expertUsage([{ arm: 'a', epochs: [epoch(1, {})] }], 'sex')).toBeNull()
  })
})

describe('fairness charts', () => {
  it('render as SVG with their labels', () => {
    const bars = groupMetricBars([job('base', 1, [{ group: 'F', accuracy: 0.6, ci: [0.5, 0.7] }, { group: 'M', accuracy: 0.8, ci: [0.75, 0.85] }])], ['base'], 'sex', 'accuracy')
    const a = mount(GroupMetricCiChart, { props: { bars, metric: 'Accuracy' } })
    expect(a.find('svg').html()).toContain('Accuracy (%)')
    expect(a.text()).toContain('bootstrap')
    a.unmount()
    const b = mount(GroupGapEpochChart, { props: { curves: [{ arm: 'base', epochs: [1, 2], values: [0.2, 0.1] }] } })
    expect(b.find('svg').html()).toContain('base')
    b.unmount()
    const c = mount(ExpertUsageChart, { props: { usage: { groups: ['F', 'M'], experts: 2, matrix: [[0.2, 0.8], [0.1, 0.5]] } } })
    expect(c.find('svg').html()).toContain('expert 1')
    c.unmount()
  })
})

/** Numbers of an SVG path's `d` attribute, in order. */
const pathNumbers = (d: string): number[] => (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number)

describe('group metric chart whiskers', () => {
  it('sit at the centre of their own bar for every arm and group (none for a missing interval)', () => {
    const bars: GroupBars = {
      groups: ['F', 'M'],
      rule: 'averaged over folds',
      series: [
        { arm: 'a', values: [0.6, 0.8], intervals: [[0.5, 0.7], [0.7, 0.9]] },
        { arm: 'b', values: [0.65, 0.7], intervals: [[0.55, 0.75], null] },
        { arm: 'c', values: [0.5, 0.9], intervals: [[0.45, 0.55], [0.85, 0.95]] },
      ],
    }
    const w = mount(GroupMetricCiChart, { props: { bars, metric: 'Accuracy' } })
    const paths = w.findAll('svg path')
    // Bars are "M x y l width 0 l 0 -height l -width 0 Z" in the arm's colour; the legend icons are transformed.
    const barCentres = ['#0072B2', '#E69F00', '#009E73'].map((fill) =>
      paths.filter((p) => p.attributes('fill') === fill && !p.attributes('transform')).map((p) => pathNumbers(p.attributes('d')!)).map(([x, , width]) => x! + width! / 2),
    )
    // Whisker stems: the vertical lines "M x y1 L x y2".
    const stems = paths.filter((p) => p.attributes('stroke') === '#333').map((p) => pathNumbers(p.attributes('d')!)).filter(([x1, , x2]) => x1 === x2).map(([x]) => x!)
    const expected = [barCentres[0]![0], barCentres[0]![1], barCentres[1]![0], barCentres[2]![0], barCentres[2]![1]]
    expect(barCentres.map((c) => c.length)).toEqual([2, 2, 2])
    expect(stems).toHaveLength(5)
    for (const [i, x] of stems.entries()) expect(x).toBeCloseTo(expected[i]!, 6)
    w.unmount()
  })
})
