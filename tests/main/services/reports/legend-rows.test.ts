/** Report chart layout helpers: legend wrapping (grouped bars) and the "own page" heading rule. */
import { describe, expect, it } from 'vitest'
import { legendRows } from '../../../../src/main/services/reports/charts/bar-charts'
import { textWidth } from '../../../../src/main/services/reports/charts/label-placement'
import { h2NewPage, keepHeadingsWithContent } from '../../../../src/main/services/reports/layout'

describe('legendRows', () => {
  it('wraps legend items as ECharts does, by hand', () => {
    // One item of a 20-character name: 12 (icon) + 5 + textWidth + 10 px.
    const name = 'a'.repeat(20)
    const item = 12 + 5 + textWidth(name, 12) + 10
    expect(item).toBeCloseTo(159, 0) // 0.55 · 12 · 20 = 132
    // 320 px hold two items (318 px); the third starts a second row, the fifth a third.
    expect(legendRows([name], 320)).toBe(1)
    expect(legendRows([name, name], 320)).toBe(1)
    expect(legendRows([name, name, name], 320)).toBe(2)
    expect(legendRows([name, name, name, name, name], 320)).toBe(3)
  })
})

describe('h2NewPage', () => {
  it('breaks the page unless the heading already stands at its top', () => {
    // The empty page 10 of the Diabetes-130 thresholds report came from an explicit pageBreak after a page that ended full.
    const node = h2NewPage('Fairness by gender') as { headlineLevel?: number }
    expect(keepHeadingsWithContent({ ...node, startPosition: { verticalRatio: 0.05 } })).toBe(false)
    expect(keepHeadingsWithContent({ ...node, startPosition: { verticalRatio: 0.5 } })).toBe(true)
  })
})
