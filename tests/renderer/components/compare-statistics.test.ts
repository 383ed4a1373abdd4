/** The compare view's statistics: significance markers with the test named, CIs, win/tie/loss, rules, per-class and per-group rows. */
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { comparison, summary } from '../helpers/fixtures'
import CompareTable from '@renderer/features/compare/CompareTable.vue'
import GroupAccuracyTable from '@renderer/features/compare/GroupAccuracyTable.vue'
import PerClassTable from '@renderer/features/compare/PerClassTable.vue'
import PerGroupTable from '@renderer/features/compare/PerGroupTable.vue'
import StatisticsLegend from '@renderer/features/compare/StatisticsLegend.vue'
import { ciText, ciTitle, significanceMark } from '@renderer/utils/compare-stats'

beforeEach(() => setActivePinia(createPinia()))

describe('compare statistics in the tables', () => {
  it('marks significance against the reference with the test in the tooltip, shows CIs, the rule and win/tie/loss', () => {
    const w = mount(CompareTable, { props: { summary: summary(), best: {}, comparison: comparison() } })
    // The CLI-formatted cell text is unchanged by the statistics around it.
    expect(w.get('[data-testid="cell-focal-accuracy"]').text()).toBe('84.0 ± 2.1')
    const marks = w.findAll('[data-testid="sig-marker"]')
    expect(marks.map((m) => [m.element.closest('td')!.querySelector('span')!.getAttribute('data-testid'), m.attributes('data-verdict'), m.text()])).toEqual([
      ['cell-focal-accuracy', 'better', '↑'],
    ])
    const title = marks[0]!.attributes('title')!
    expect(title).toContain('Better than the reference "baseline" at α = 0.05')
    expect(title).toContain('corrected resampled t-test (Nadeau & Bengio 2003)')
    expect(title).toContain('Holm–Bonferroni')
    expect(title).toContain('adjusted p = 0.020')
    expect(w.get('[data-testid="ci-baseline-accuracy"]').text()).toBe('[79.5, 83.5]')
    expect(w.find('[data-testid="ci-baseline-auc"]').exists()).toBe(false)
    expect(w.get('[data-testid="rule-accuracy"]').text()).toBe('averaged over folds')
    expect(w.get('[data-testid="reference-marker"]').element.closest('tr')!.textContent).toContain('baseline')
    expect(w.get('[data-testid="wtl-focal-accuracy"]').text()).toBe('3/0/0')
    expect(w.find('[data-testid="wtl-baseline-accuracy"]').exists()).toBe(false)
    w.unmount()
  })

  it('shows no marker, CI or footer without statistics (one arm, or still loading)', () => {
    const w = mount(CompareTable, { props: { summary: summary(), best: {}, comparison: null } })
    expect(w.findAll('[data-testid="sig-marker"]')).toHaveLength(0)
    expect(w.find('[data-testid="wtl-footer"]').exists()).toBe(false)
    w.unmount()
  })

  it('per-class recall: worse minority recall marked, rarest class flagged; per-group rows with CIs; a lower EOD is better', () => {
    const pc = mount(PerClassTable, { props: { summary: summary(), comparison: comparison(), support: { a: 70, b: 30 } } })
    const mark = pc.get('[data-testid="sig-marker"]')
    expect([mark.attributes('data-verdict'), mark.element.closest('td')!.querySelector('span')!.getAttribute('data-testid')]).toEqual(['worse', 'recall-focal-b'])
    expect(pc.get('thead').text()).toContain('n = 30 · rarest')
    pc.unmount()

    const g = mount(GroupAccuracyTable, { props: { comparison: comparison(), attributes: ['sex'] } })
    const cells = g.findAll('[data-testid="groupacc-table"] tbody tr td').map((td) => td.text().replace(/\s+/g, ' '))
    expect(cells).toEqual(['sex', 'f', '80.0 ± 1.0[78.0, 82.0]', '82.0 ± 1.0[80.0, 84.0]', '85.0 ± 1.0↑[83.0, 87.0]'])
    // Same cell as the other tables (StatCell): the marker carries its verdict for the e2e contract.
    expect(g.get('[data-testid="sig-marker"]').attributes('data-verdict')).toBe('better')
    g.unmount()

    const f = mount(PerGroupTable, { props: { summary: summary(), comparison: comparison() } })
    const eodMark = f.get('[data-testid="sig-marker"]')
    expect(eodMark.attributes('data-verdict')).toBe('better')
    expect(eodMark.element.closest('tr')!.textContent).toContain('wce')
    expect(f.text()).toContain('[0.080, 0.120]')
    f.unmount()
  })

  it('the legend names the test, the correction, α and each metric\'s rule, pooled predictions included', () => {
    const w = mount(StatisticsLegend, { props: { comparison: comparison() } })
    const text = w.text().replace(/\s+/g, ' ')
    expect(text).toContain('better / worse than baseline at α = 0.05: corrected resampled t-test (Nadeau & Bengio 2003); Holm–Bonferroni across the arms')
    expect(w.get('[data-testid="rule-legend"]').text().replace(/\s+/g, ' ')).toContain('averaged over folds: Accuracy, EOD (sex).')
    expect(text).toContain('pooled test predictions')
    w.unmount()
  })

  it('formats intervals per scale and gives no marker to the reference or a non-significant arm', () => {
    const c = comparison()
    const [base, focal, wce] = c.metrics[0]!.arms
    expect(ciText(focal, 'percent')).toBe('[82.0, 86.0]')
    expect(ciText(c.metrics[1]!.arms[2], 'plain')).toBe('[0.080, 0.120]')
    expect(ciText({ ...base!, ciT: null }, 'percent')).toBe('')
    // A t interval past the metric's range is shown clipped to [0, 1]; the tooltip keeps the raw one.
    const wide = { ...base!, ciT: [-0.169, 1.01] as [number, number] }
    expect(ciText(wide, 'percent')).toBe('[0.0, 100.0]')
    expect(ciTitle(wide, 'percent')).toContain('unclipped [-16.9, 101.0]')
    expect(significanceMark(base, c, 'percent')).toBeNull()
    expect(significanceMark(wce, c, 'percent')).toBeNull()
    expect(significanceMark(focal, null, 'percent')).toBeNull()
  })
})
