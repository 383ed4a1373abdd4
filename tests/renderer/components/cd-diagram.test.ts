/** The critical-difference diagram: its layout (Demšar 2006, Fig. 1 conventions) and its SVG. */
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import CdDiagramChart from '@renderer/components/charts/CdDiagramChart.vue'
import { cdLayout } from '@renderer/utils/cd-layout'

describe('critical-difference diagram', () => {
  it('puts the better half of the arms on the left, the worse on the right, without crossing elbows', () => {
    const L = cdLayout(['A', 'B', 'C', 'D', 'E'], [2.5, 1.2, 4.1, 3.0, 4.2], [[1, 0, 3], [3, 2, 4]])
    expect(L.k).toBe(5)
    expect(L.arms.map((a) => [a.name, a.side])).toEqual([
      ['B', 'left'],
      ['A', 'left'],
      ['D', 'left'],
      ['C', 'right'],
      ['E', 'right'],
    ])
    // Left: the best arm on the lowest row; right: the worst arm on the lowest row.
    const y = Object.fromEntries(L.arms.map((a) => [a.name, a.y]))
    expect(y.B! > y.A! && y.A! > y.D!).toBe(true)
    expect(y.E! > y.C!).toBe(true)
    // Clique bars span their members' ranks, stacked above the labels.
    expect(L.cliques.map((c) => [c.from, c.to])).toEqual([
      [1.2, 3.0],
      [3.0, 4.2],
    ])
    expect(Math.max(...L.cliques.map((c) => c.y))).toBeLessThan(Math.min(...L.arms.map((a) => a.y)))
    expect(L.rows).toBeGreaterThan(Math.max(...L.arms.map((a) => a.y)))
  })

  it('draws every arm with its average rank, the clique bars and the CD interval as SVG', () => {
    const w = mount(CdDiagramChart, { props: { arms: ['baseline', 'focal', 'climd'], ranks: [2.6, 2.1, 1.3], cd: 1.91, cliques: [[2, 1, 0]] } })
    const html = w.find('svg').html()
    for (const text of ['baseline (2.60)', 'focal (2.10)', 'climd (1.30)', 'CD = 1.91']) expect(html).toContain(text)
    expect(w.attributes('aria-label')).toContain('CD = 1.91')
    w.unmount()
  })
})
