/** Mean, sample std, t-based and bootstrap percentile CIs. */
import { describe, expect, it } from 'vitest'
import { bootstrapInterval, quantileSorted, sampleStd, summarizeValues, tInterval } from '../../../src/main/statistics'

describe('summarizeValues', () => {
  const xs = [0.8, 0.82, 0.79, 0.85, 0.81]

  it('computes mean, sample std (ddof = 1) and the t interval by hand', () => {
    // mean 0.814; Σ(x − x̄)² = 0.00212 → s = √(0.00212/4) = 0.0230217; half width = 2.776445 · s / √5 = 0.0285853
    const s = summarizeValues(xs)
    expect(s.n).toBe(5)
    expect(s.mean).toBeCloseTo(0.814, 14)
    expect(s.std).toBeCloseTo(Math.sqrt(0.00212 / 4), 14)
    expect(s.ciT[0]).toBeCloseTo(0.814 - 0.0285852519, 9)
    expect(s.ciT[1]).toBeCloseTo(0.814 + 0.0285852519, 9)
  })

  it('gives the same bootstrap interval for the same seed, another for another seed', () => {
    const ys = [0.812, 0.797, 0.834, 0.761, 0.825, 0.806, 0.843, 0.779, 0.818, 0.801, 0.829, 0.788]
    const a = summarizeValues(ys, { seed: 11 })
    const b = summarizeValues(ys, { seed: 11 })
    const c = summarizeValues(ys, { seed: 12 })
    expect(b.ciBootstrap).toEqual(a.ciBootstrap)
    expect(c.ciBootstrap).not.toEqual(a.ciBootstrap)
    expect(summarizeValues(ys, { seed: 11, bootstrap: 500 }).ciBootstrap).not.toEqual(a.ciBootstrap)
  })

  it('puts the bootstrap interval of the mean inside [min, max] and around the mean', () => {
    const [lo, hi] = summarizeValues(xs, { seed: 11 }).ciBootstrap
    expect(lo).toBeGreaterThanOrEqual(0.79)
    expect(hi).toBeLessThanOrEqual(0.85)
    expect(lo).toBeLessThan(0.814)
    expect(hi).toBeGreaterThan(0.814)
  })

  it('bootstrap approaches the normal interval x̄ ± 1.96 s/√n for a large sample', () => {
    const big = Array.from({ length: 400 }, (_, i) => Math.sin(i * 12.9898) * 0.5)
    const [lo, hi] = bootstrapInterval(big, { seed: 3, resamples: 4000 })
    const [tlo, thi] = tInterval(big)
    const half = (thi - tlo) / 2
    expect(Math.abs(lo - tlo)).toBeLessThan(0.1 * half)
    expect(Math.abs(hi - thi)).toBeLessThan(0.1 * half)
  })

  it('handles degenerate samples: skips non-finite values, one value, none, constant values', () => {
    expect(summarizeValues([0.5, NaN, Infinity]).n).toBe(1)
    const one = summarizeValues([0.5])
    expect(one.std).toBe(0)
    expect(one.ciT.every(Number.isNaN)).toBe(true)
    expect(one.ciBootstrap).toEqual([0.5, 0.5])
    const none = summarizeValues([])
    expect(Number.isNaN(none.mean)).toBe(true)
    const flat = summarizeValues([0.7, 0.7, 0.7])
    expect(flat.ciT[0]).toBeCloseTo(0.7, 12)
    expect(flat.ciT[1]).toBeCloseTo(0.7, 12)
    expect(sampleStd([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 14)
  })

  it('quantiles interpolate linearly like numpy (type 7)', () => {
    // numpy.quantile([1, 2, 3, 4], [0.25, 0.5, 0.9]) = [1.75, 2.5, 3.7]
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 14)
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5, 14)
    expect(quantileSorted([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 14)
  })
})
