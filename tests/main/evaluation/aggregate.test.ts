import { describe, expect, it } from 'vitest'
import { meanStd } from '../../../src/main/evaluation/aggregate'

describe('meanStd', () => {
  it('gives the mean and the sample standard deviation (ddof = 1)', () => {
    // [2,4,4,4,5,5,7,9]: mean 5, squared deviations sum 9+1+1+1+0+0+4+16 = 32,
    // sample variance 32/7 → std √(32/7) = 2.138 (numpy std(ddof=1); population std would be 2).
    const r = meanStd([2, 4, 4, 4, 5, 5, 7, 9])
    expect(r.mean).toBe(5)
    expect(r.std).toBeCloseTo(Math.sqrt(32 / 7), 14)
    expect(r.n).toBe(8)
  })

  it('skips null, undefined, NaN and ±Infinity and reports how many values it used', () => {
    expect(meanStd([1, null, 2, NaN, 3, undefined, Infinity])).toEqual({ mean: 2, std: 1, n: 3 })
  })

  it('has std 0 for one value and NaN mean/std for none', () => {
    expect(meanStd([0.8])).toEqual({ mean: 0.8, std: 0, n: 1 })
    expect(meanStd([null, NaN])).toEqual({ mean: NaN, std: NaN, n: 0 })
    expect(meanStd([])).toEqual({ mean: NaN, std: NaN, n: 0 })
  })
})
