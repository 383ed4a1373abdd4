/** CLIMD views in the run monitor: schedule and score summaries read from epoch extras, the charts they draw, nothing for other methods. */
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import ClimdPanel from '@renderer/components/methods/ClimdPanel.vue'
import { climdSchedule, isClimdExtra, latestClimdScores } from '@renderer/utils/climd-schedule'
import { curvesFromEpochs, type EpochPoint } from '@renderer/utils/curves'

const base = { trainLoss: 1, valLoss: 1, valAccuracy: 0.5 }
const scoreKeys = (o: number): Record<string, number> =>
  Object.fromEntries(
    ['r', 'phi', 'psi'].flatMap((s) => [0, 1].flatMap((c) => ['mean', 'q10', 'q50', 'q90'].map((q, k) => [`climd.${s}.${q}.${c}`, o + c + k / 10]))),
  )
const epochs: EpochPoint[] = [
  { epoch: 1, ...base, extras: { 'climd.phase': 0, 'climd.realised.0': 30, 'climd.realised.1': 6, 'climd.guard': 0, 'wce.weight.0': 1 } },
  { epoch: 2, ...base, extras: { 'climd.phase': 1, 'climd.realised.0': 5, 'climd.realised.1': 5, 'climd.target.0': 5, 'climd.target.1': 5, 'climd.alpha': 1, 'climd.scoredAt': 1, ...scoreKeys(0) } },
  { epoch: 3, ...base, extras: { 'climd.phase': 1, 'climd.realised.0': 18, 'climd.realised.1': 6, 'climd.target.0': 16.5, 'climd.target.1': 7.5, 'climd.alpha': 3, 'climd.scoredAt': 2, ...scoreKeys(10) } },
]

describe('climd-schedule helpers', () => {
  it('reads realised and target counts per class, α(t), the guard flag', () => {
    const s = climdSchedule(curvesFromEpochs(epochs))!
    expect(s.classes).toEqual([0, 1])
    expect(s.realised[0]).toEqual([[1, 30], [2, 5], [3, 18]])
    expect(s.target[1]).toEqual([[2, 5], [3, 7.5]])
    expect(s.alpha).toEqual([[2, 1], [3, 3]])
    expect(s.guard).toBe(false)
    expect(climdSchedule(curvesFromEpochs([{ epoch: 1, ...base, extras: { 'wce.weight.0': 1 } }]))).toBeUndefined()
    expect(isClimdExtra('climd.alpha')).toBe(true)
    expect(isClimdExtra('wce.weight.0')).toBe(false)
  })

  it('takes the score summaries of the latest scoring epoch', () => {
    const s = latestClimdScores(curvesFromEpochs(epochs))!
    expect(s.epoch).toBe(3)
    expect(s.scores.r).toEqual([
      { c: 0, mean: 10, q10: 10.1, q50: 10.2, q90: 10.3 },
      { c: 1, mean: 11, q10: 11.1, q50: 11.2, q90: 11.3 },
    ])
    expect(latestClimdScores(curvesFromEpochs(epochs.slice(0, 1)))).toBeUndefined()
  })
})

describe('ClimdPanel', () => {
  it('draws the stacked schedule with targets and the three score charts', () => {
    const w = mount(ClimdPanel, { props: { curves: curvesFromEpochs(epochs), version: 1, classNames: ['alive', 'deceased'] } })
    const schedule = w.find('[data-testid="climd-schedule-chart"] svg').html()
    expect(schedule).toContain('deceased realised')
    expect(schedule).toContain('alive target')
    expect(w.findAll('[data-testid="climd-scores"] [data-score]').map((d) => d.attributes('data-score'))).toEqual(['r', 'phi', 'psi'])
    expect(w.find('[data-testid="climd-guard"]').exists()).toBe(false)
    w.unmount()
  })

  it('says when the balanced-data guard engaged, and renders nothing without CLIMD extras', () => {
    const guarded = epochs.map((e) => ({ ...e, extras: { ...e.extras, 'climd.guard': 1 } }))
    const w = mount(ClimdPanel, { props: { curves: curvesFromEpochs(guarded), version: 1 } })
    expect(w.find('[data-testid="climd-guard"]').exists()).toBe(true)
    w.unmount()
    const none = mount(ClimdPanel, { props: { curves: curvesFromEpochs([{ epoch: 1, ...base, extras: { 'wce.weight.0': 1 } }]), version: 1 } })
    expect(none.find('[data-testid="climd-panel"]').exists()).toBe(false)
  })
})
