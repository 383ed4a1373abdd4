/** Holm–Bonferroni adjusted p-values against textbook examples. */
import { describe, expect, it } from 'vitest'
import { holm } from '../../../src/main/statistics'

describe('holm', () => {
  it('reproduces Demšar (2006) §3.2.2: p = 0.016, 0.019, 0.607 — the first two rejected at 0.05, the third not', () => {
    // Step-down: 3·0.016 = 0.048, max(0.048, 2·0.019 = 0.038) = 0.048, max(0.048, 1·0.607) = 0.607.
    const adj = holm([0.016, 0.019, 0.607])
    expect(adj[0]).toBeCloseTo(0.048, 14)
    expect(adj[1]).toBeCloseTo(0.048, 14)
    expect(adj[2]).toBeCloseTo(0.607, 14)
  })

  it('keeps the input order and caps at 1 (hand-worked: 0.01, 0.04, 0.03, 0.005)', () => {
    // Sorted 0.005, 0.01, 0.03, 0.04 → 4·0.005 = 0.02, 3·0.01 = 0.03, 2·0.03 = 0.06, max(0.06, 0.04) = 0.06;
    // at α = 0.05 H1 and H4 are rejected, H2 and H3 not.
    const adj = holm([0.01, 0.04, 0.03, 0.005])
    expect(adj.map((p) => +p.toFixed(12))).toEqual([0.03, 0.06, 0.06, 0.02])
    expect(holm([0.5, 0.6])).toEqual([1, 1])
  })

  it('leaves NaN (a test that could not run) out of the family', () => {
    const adj = holm([0.01, NaN, 0.04])
    expect(adj[0]).toBeCloseTo(0.02, 14)
    expect(Number.isNaN(adj[1])).toBe(true)
    expect(adj[2]).toBeCloseTo(0.04, 14)
    expect(holm([])).toEqual([])
  })
})
