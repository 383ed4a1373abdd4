/** Distribution functions against closed forms, printed tables and scipy 1.10.1 (Debian python3-scipy). */
import { describe, expect, it } from 'vitest'
import { chiSquareSf, fSf, normalCdf, normalSf, studentTCdf, studentTQuantile, studentTTwoSidedP } from '../../../src/main/statistics'
import { nemenyiQ, studentizedRangeQ } from '../../../src/main/statistics/nemenyi-q'
import { logGamma, regularizedIncompleteBeta } from '../../../src/main/statistics/special'

describe('special functions', () => {
  it('ln Γ matches factorials and Γ(½) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14)
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13)
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13)
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 10) // ln(100!)
  })

  it('I_x(a, b) matches closed forms: I_x(1, 1) = x, I_x(a, 1) = x^a, I_x(1, b) = 1 − (1 − x)^b', () => {
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14)
    expect(regularizedIncompleteBeta(0.4, 3, 1)).toBeCloseTo(0.064, 14)
    expect(regularizedIncompleteBeta(0.2, 1, 4)).toBeCloseTo(1 - 0.8 ** 4, 14)
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0)
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1)
  })
})

describe('Student t', () => {
  it('quantiles: t_{0.975,4} = 2.776, t_{0.975,9} = 2.262 (printed t tables)', () => {
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.776, 3)
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.262, 3)
  })

  it('quantiles match the closed forms for df = 1 (tan(π(p − ½))) and df = 2 ((2p − 1)/√(2p(1 − p)))', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(Math.tan(0.475 * Math.PI), 10)
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(0.95 / Math.sqrt(2 * 0.975 * 0.025), 11)
  })

  it('quantiles match scipy', () => {
    // /usr/bin/python3 -c "from scipy import stats; print([stats.t.ppf(0.975, d) for d in (4, 9, 30, 1000)], stats.t.ppf(0.05, 3), stats.t.ppf(0.995, 7))"
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.7764451051977987, 9)
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.2621571627409915, 9)
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.0422724563012373, 9)
    expect(studentTQuantile(0.975, 1000)).toBeCloseTo(1.9623390808264074, 9)
    expect(studentTQuantile(0.05, 3)).toBeCloseTo(-2.3533634348018273, 9)
    expect(studentTQuantile(0.995, 7)).toBeCloseTo(3.4994832973505026, 9)
    expect(studentTQuantile(0.5, 7)).toBe(0)
  })

  it('CDF and two-sided p match scipy and invert the quantile', () => {
    // /usr/bin/python3 -c "from scipy import stats; print(stats.t.cdf(1.5, 3), stats.t.cdf(-2.0, 10), stats.t.sf(8.0, 5))"
    expect(studentTCdf(1.5, 3)).toBeCloseTo(0.8847080673775886, 12)
    expect(studentTCdf(-2, 10)).toBeCloseTo(0.036694017385370196, 12)
    expect(studentTTwoSidedP(8, 5) / 2).toBeCloseTo(0.00024645333028622187, 15)
    expect(studentTCdf(studentTQuantile(0.9, 6), 6)).toBeCloseTo(0.9, 12)
    expect(studentTTwoSidedP(Infinity, 3)).toBe(0)
  })
})

describe('normal, chi-square and F tails', () => {
  it('normal: Φ(1.959964) = 0.975 and Demšar’s two-sided p for z = 2.416, 2.342, 0.512', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 13)
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 13)
    // Demšar (2006) §3.2.2 prints p = 0.016, 0.019, 0.607; scipy: 2*stats.norm.sf(z)
    expect(2 * normalSf(2.416)).toBeCloseTo(0.015692061346901758, 12)
    expect(2 * normalSf(2.342)).toBeCloseTo(0.019180714924057013, 12)
    expect(2 * normalSf(0.512)).toBeCloseTo(0.6086510095666086, 12)
  })

  it('chi-square: df 2 closed form e^(−x/2), and scipy values', () => {
    expect(chiSquareSf(8, 2)).toBeCloseTo(Math.exp(-4), 14)
    // /usr/bin/python3 -c "from scipy import stats; print(stats.chi2.sf(9.28, 3), stats.chi2.sf(30.0, 5), stats.chi2.sf(0.5, 1))"
    expect(chiSquareSf(9.28, 3)).toBeCloseTo(0.025790724198756772, 12)
    expect(chiSquareSf(30, 5)).toBeCloseTo(1.4748581038443073e-5, 15)
    expect(chiSquareSf(0.5, 1)).toBeCloseTo(0.47950012218695337, 12)
  })

  it('F: scipy values; F(1, 1) closed form 1 − (2/π) atan(√f)', () => {
    // /usr/bin/python3 -c "from scipy import stats; print(stats.f.sf(3.69, 3, 39), stats.f.sf(2.0, 4, 12))"
    expect(fSf(3.69, 3, 39)).toBeCloseTo(0.019744099689488835, 12)
    expect(fSf(2, 4, 12)).toBeCloseTo(0.15863039999999992, 12)
    expect(fSf(10, 1, 1)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(Math.sqrt(10)), 12)
    expect(fSf(Infinity, 3, 39)).toBe(0)
  })
})

describe('Nemenyi critical values', () => {
  it('uses Demšar (2006) Table 5(a) for k ≤ 10', () => {
    expect(nemenyiQ(4, 0.05)).toBe(2.569)
    expect(nemenyiQ(4, 0.1)).toBe(2.291)
    expect(nemenyiQ(10, 0.05)).toBe(3.164)
    expect(nemenyiQ(2, 0.1)).toBe(1.645)
  })

  it('computes the studentized range at df = ∞ / √2, matching the table and scipy beyond it', () => {
    for (const [k, q05, q10] of [
      [2, 1.96, 1.645],
      [5, 2.728, 2.459],
      [10, 3.164, 2.92],
    ] as const) {
      expect(studentizedRangeQ(k, 0.05)).toBeCloseTo(q05, 2)
      expect(studentizedRangeQ(k, 0.1)).toBeCloseTo(q10, 2)
    }
    // /usr/bin/python3 -c "import numpy as np; from scipy import stats; print(stats.studentized_range.ppf(0.95, 15, 1e5)/np.sqrt(2))"
    expect(nemenyiQ(15, 0.05)).toBeCloseTo(3.391230283765257, 4)
    expect(() => nemenyiQ(1, 0.05)).toThrow(RangeError)
  })
})
