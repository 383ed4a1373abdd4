/** Pieces of the report that need no run: fairness sentences, internal labels, number formats, chart SVGs, bar geometry. */
import { describe, expect, it } from 'vitest'
import type { MeanStd } from '../../../../src/shared/runs'
import { pct as cliPct, plain as cliPlain } from '../../../../src/main/cli/output'
import { confusionChart, rocChart, tradeoffChart } from '../../../../src/main/services/reports/charts/analysis-charts'
import { barLayout, groupedBarsChart } from '../../../../src/main/services/reports/charts/bar-charts'
import { fairnessSentence } from '../../../../src/main/services/reports/findings'
import { pct, plain, pValue } from '../../../../src/main/services/reports/format'
import { internalLabel } from '../../../../src/main/services/reports/internals'
import type { AttributeGroups, GroupStat } from '../../../../src/main/services/reports/report-data'
import { compact } from '../../../../src/main/services/reports/sections/closing'

const ms = (mean: number, std = 0, n = 3): MeanStd => ({ mean, std, n })
const group = (name: string, acc: number): GroupStat => ({
  group: name,
  count: ms(30),
  minCount: 28,
  accuracy: ms(acc),
  tpr: ms(0.5),
  fpr: ms(0.1),
  auc: ms(0.8),
  selectionRate: ms(0.3),
})
const fairness = (eod: number) => ({ attribute: 'sex', esAuc: ms(0.7), esAcc: ms(0.6), dpd: ms(0.1), eod: ms(eod), worstGroupAccuracy: ms(0.58) })

describe('fairnessSentence', () => {
  it('names the worse group, the gap in points, its accuracy and the equalized-odds gap', () => {
    const groups: AttributeGroups = { attribute: 'sex', excluded: 0, groups: [group('M', 0.709), group('F', 0.586)] }
    expect(fairnessSentence('weighted-ce', groups, fairness(0.2613))).toBe(
      'With weighted-ce, accuracy for group F is 12.3 points below group M (worst group F: 58.6 %); the equalized-odds gap is 0.26.',
    )
  })

  it('compares with the best group when there are more than two, and handles equal and missing groups', () => {
    const three: AttributeGroups = { attribute: 'age', excluded: 0, groups: [group('<40', 0.8), group('40-65', 0.7), group('>65', 0.6)] }
    expect(fairnessSentence('a', three, { ...fairness(0.1), attribute: 'age' })).toBe(
      'With a, accuracy for group >65 is 20.0 points below the best group of age, <40 (worst group >65: 60.0 %); the equalized-odds gap is 0.10.',
    )
    const equal: AttributeGroups = { attribute: 'sex', excluded: 0, groups: [group('F', 0.7), group('M', 0.7)] }
    expect(fairnessSentence('b', equal, fairness(0))).toBe('With b, accuracy is the same for every group of sex (70.0 %); the equalized-odds gap is 0.00.')
    const one: AttributeGroups = { attribute: 'sex', excluded: 0, groups: [group('F', 0.7), { ...group('M', 0), accuracy: ms(NaN, NaN, 0) }] }
    expect(fairnessSentence('c', one, { ...fairness(0), eod: ms(NaN, NaN, 0) })).toMatch(/^With c, only group F of sex has test samples.*undefined/)
  })
})

describe('report formats', () => {
  it('format mean ± std exactly like the CLI tables', () => {
    for (const m of [ms(0.715, 0.018), ms(1, 0), ms(0.0004, 0.12345), ms(NaN, NaN, 0)]) {
      expect(pct(m)).toBe(cliPct(m))
      expect(plain(m)).toBe(cliPlain(m))
    }
    expect(pct(ms(0.715, 0.018))).toBe('71.5 ± 1.8')
    expect(pValue(0.0001)).toBe('< 0.001')
    expect(pValue(0.04742)).toBe('0.047')
    expect(compact(2.9112)).toBe('2.91')
    expect(compact(160)).toBe('160')
  })

  it('labels a class-indexed internal with the class name', () => {
    const classes = ['class-A', 'class-B']
    expect(internalLabel('weighted-ce.weight.1', classes)).toBe('weighted-ce.weight (class-B)')
    expect(internalLabel('weighted-ce.weight.7', classes)).toBe('weighted-ce.weight.7')
    expect(internalLabel('focal-loss.gamma', classes)).toBe('focal-loss.gamma')
  })
})

describe('report charts', () => {
  const charts = [
    groupedBarsChart({ categories: ['ACC', 'bACC'], series: [{ name: 'a', values: [ms(0.7, 0.02), ms(0.6, 0.03)] }, { name: 'b', values: [ms(0.72, 0.01), ms(NaN, NaN, 0)] }], yName: 'percent', percent: true }),
    confusionChart(['x', 'y'], [
      [90, 10],
      [5, 45],
    ]),
    rocChart([{ name: 'a (AUC 0.750)', fpr: [0, 0, 0.5, 0.5, 1], tpr: [0, 0.5, 0.5, 1, 1] }]),
    tradeoffChart([{ arm: 'a', gap: 0.2, score: 0.7, color: '#0072B2' }], 'EOD', 'bACC (%)'),
  ]

  it('are SVG documents with a viewBox, without text strokes that svg-to-pdfkit would paint over the glyphs', () => {
    for (const c of charts) {
      expect(c.svg.startsWith('<svg')).toBe(true)
      expect(c.svg).toContain(`viewBox="0 0 ${c.width} ${c.height}"`)
      expect(c.svg).not.toContain('paint-order')
    }
    // Confusion counts are written out; the dominant cell is labelled in white.
    expect(charts[1]!.svg).toMatch(/fill="#ffffff"[^>]*>90</)
    expect(charts[1]!.svg).toMatch(/>10</)
  })

  it('centre each error bar on its bar', () => {
    const { width, offsets } = barLayout(100, 3)
    expect(offsets).toHaveLength(3)
    expect(offsets[1]).toBeCloseTo(0)
    expect(offsets[0]).toBeCloseTo(-(offsets[2] ?? 0))
    expect((offsets[1] ?? 0) - (offsets[0] ?? 0)).toBeCloseTo(width * 1.15)
    expect(width * 3 + 2 * 0.15 * width).toBeLessThanOrEqual(70 + 1e-9)
  })
})
