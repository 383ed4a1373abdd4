/** Wilcoxon signed-rank test against scipy.stats.wilcoxon (scipy 1.10.1) and hand-computed exact values. */
import { describe, expect, it } from 'vitest'
import { averageRanks, wilcoxonSignedRank } from '../../../src/main/statistics'

describe('wilcoxonSignedRank', () => {
  // Darwin's Zea mays height differences (cross- minus self-fertilised, eighths of an inch), the example
  // of the scipy.stats.wilcoxon documentation: "res = wilcoxon(d); res.statistic, res.pvalue → (24.0, 0.041259765625)".
  const darwin = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75]

  it('reproduces the scipy documentation example exactly (exact distribution, n = 15)', () => {
    const r = wilcoxonSignedRank(darwin)
    expect(r.method).toBe('exact')
    expect(r.statistic).toBe(24)
    expect(r.p).toBe(0.041259765625)
    expect([r.rPlus, r.rMinus]).toEqual([96, 24])
  })

  it('exact p by hand: five positive differences give 2 · (1/2⁵) = 0.0625', () => {
    const r = wilcoxonSignedRank([0.01, 0.02, 0.03, 0.04, 0.05])
    expect(r.p).toBe(0.0625)
    expect(r.statistic).toBe(0)
  })

  it('exact at n = 25 and normal (continuity-corrected) at n = 26, matching scipy', () => {
    // d = [(i*7 % 13 - 6) + i/100 for i in range(1, 27)] (no ties)
    // /usr/bin/python3 -c "from scipy import stats; d=[(i*7%13-6)+i/100 for i in range(1,27)]; print(stats.wilcoxon(d[:25], method='exact'), stats.wilcoxon(d, method='approx', correction=True))"
    const d = Array.from({ length: 26 }, (_, k) => (((k + 1) * 7) % 13) - 6 + (k + 1) / 100)
    const exact = wilcoxonSignedRank(d.slice(0, 25))
    expect(exact.method).toBe('exact')
    expect(exact.statistic).toBe(138)
    expect(exact.p).toBeCloseTo(0.5249125957489014, 12)
    const normal = wilcoxonSignedRank(d)
    expect(normal.method).toBe('normal')
    expect(normal.statistic).toBe(162)
    expect(normal.p).toBeCloseTo(0.7412687146298154, 12)
  })

  it('drops zero differences and uses the normal approximation with tie correction when |d| ties', () => {
    // /usr/bin/python3 -c "from scipy import stats; print(stats.wilcoxon([0.5,-0.5,1,1,2,0,3,-1,2,4,0,1.5], method='approx', correction=True, zero_method='wilcox'))"
    // → statistic 5.5, pvalue 0.027801830120072507
    const r = wilcoxonSignedRank([0.5, -0.5, 1, 1, 2, 0, 3, -1, 2, 4, 0, 1.5])
    expect(r.zeros).toBe(2)
    expect(r.n).toBe(10)
    expect(r.method).toBe('normal')
    expect(r.statistic).toBe(5.5)
    expect(r.p).toBeCloseTo(0.027801830120072507, 12)
  })

  it('counts differences within the tolerance as zero and |d| within it as tied', () => {
    // 0.9 − 0.8 and 0.8 − 0.7 differ in the last bits; they tie with a tolerance and not without.
    const d = [0.9 - 0.8, 0.8 - 0.7, 0.3, 1e-15]
    expect(d[0]).not.toBe(d[1])
    const loose = wilcoxonSignedRank(d, { tolerance: 1e-12 })
    expect(loose.zeros).toBe(1)
    expect(loose.method).toBe('normal')
    expect(wilcoxonSignedRank(d).method).toBe('exact')
  })

  it('p = 1 at the centre of the exact distribution and when every difference is zero', () => {
    expect(wilcoxonSignedRank([1, -2, -3, 4]).p).toBe(1) // R+ = 5 = n(n+1)/4
    expect(wilcoxonSignedRank([0, 0, 0])).toMatchObject({ p: 1, n: 0, zeros: 3 })
  })

  it('average ranks match scipy.stats.rankdata', () => {
    // rankdata([3, 1, 4, 1, 5]) = [3, 1.5, 4, 1.5, 5]
    expect(averageRanks([3, 1, 4, 1, 5]).ranks).toEqual([3, 1.5, 4, 1.5, 5])
    expect(averageRanks([3, 1, 4, 1, 5]).tieGroups).toEqual([2, 1, 1, 1])
  })
})
