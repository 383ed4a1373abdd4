/** Exact Shapley values over modality subsets, against values computed by hand. */
import { describe, expect, it } from 'vitest'
import { shapleyValues, shapleyWeight } from '../../../../src/main/training/engine/diagnostics/shapley'
import { createRng } from '../../../../src/main/util/rng'

describe('shapleyValues', () => {
  it('weights |S|!(M−|S|−1)!/M!: M = 3 gives 1/3, 1/6, 1/3 for |S| = 0, 1, 2', () => {
    expect(shapleyWeight(0, 3)).toBeCloseTo(1 / 3, 12)
    expect(shapleyWeight(1, 3)).toBeCloseTo(1 / 6, 12)
    expect(shapleyWeight(2, 3)).toBeCloseTo(1 / 3, 12)
  })

  it('gives each player its own term in an additive game', () => {
    // v(S) = 0.1 + Σ_{m∈S} a_m with a = (0.3, −0.05, 0.2): φ_m = a_m (the constant goes to nobody).
    const a = [0.3, -0.05, 0.2]
    const v = Array.from({ length: 8 }, (_, S) => 0.1 + a.reduce((s, am, m) => s + (S & (1 << m) ? am : 0), 0))
    const phi = shapleyValues(v, 3)
    phi.forEach((p, m) => expect(p).toBeCloseTo(a[m]!, 12))
  })

  it('splits a two-player interaction by hand', () => {
    // v(∅) = 0.5, v({0}) = 0.6, v({1}) = 0.5, v({0,1}) = 0.9 (masks 0, 1, 2, 3):
    // φ0 = ½[(0.6 − 0.5) + (0.9 − 0.5)] = 0.25, φ1 = ½[(0.5 − 0.5) + (0.9 − 0.6)] = 0.15.
    const [p0, p1] = shapleyValues([0.5, 0.6, 0.5, 0.9], 2)
    expect(p0).toBeCloseTo(0.25, 12)
    expect(p1).toBeCloseTo(0.15, 12)
  })

  it('matches a three-player game computed by hand', () => {
    // v({0}) = 1, v({1}) = v({2}) = v(∅) = 0, v({0,1}) = 3, v({0,2}) = 2, v({1,2}) = 1, v(N) = 4.
    // φ0 = ⅓·1 + ⅙·3 + ⅙·2 + ⅓·(4 − 1) = 13/6; φ1 = ⅓·0 + ⅙·(3 − 1) + ⅙·(1 − 0) + ⅓·(4 − 2) = 7/6;
    // φ2 = ⅓·0 + ⅙·(2 − 1) + ⅙·(1 − 0) + ⅓·(4 − 3) = 4/6.
    const v = [0, 1, 0, 3, 0, 2, 1, 4]
    const phi = shapleyValues(v, 3)
    expect(phi[0]).toBeCloseTo(13 / 6, 12)
    expect(phi[1]).toBeCloseTo(7 / 6, 12)
    expect(phi[2]).toBeCloseTo(4 / 6, 12)
  })

  it('is symmetric (majority game: ⅓ each) and efficient on random games up to M = 5', () => {
    const majority = Array.from({ length: 8 }, (_, S) => ((S & 1) + ((S >> 1) & 1) + ((S >> 2) & 1) >= 2 ? 1 : 0))
    for (const p of shapleyValues(majority, 3)) expect(p).toBeCloseTo(1 / 3, 12)
    const rng = createRng(3)
    for (const M of [1, 2, 4, 5]) {
      const v = Array.from({ length: 1 << M }, () => rng.next())
      const sum = shapleyValues(v, M).reduce((s, p) => s + p, 0)
      expect(sum).toBeCloseTo(v[(1 << M) - 1]! - v[0]!, 12)
    }
  })

  it('refuses a value table of the wrong length', () => {
    expect(() => shapleyValues([0, 1, 2], 2)).toThrow(/need 4/)
  })
})
