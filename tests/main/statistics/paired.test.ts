/** Paired comparison: pairing by identity, the Nadeau–Bengio correction, win/tie/loss, verdicts, fairness gaps. */
import { describe, expect, it } from 'vitest'
import { correctedTTest, fairnessGapChange, pairByKey, pairedComparison, type Keyed } from '../../../src/main/statistics'

const keyed = (values: number[], prefix = 'seed=1|fold='): Keyed[] => values.map((value, i) => ({ key: `${prefix}${i}`, value }))

describe('correctedTTest (Nadeau & Bengio 2003)', () => {
  // Hand-worked: 5-fold CV, d = 0.01..0.05: mean 0.03, var(d) = 2.5e-4.
  // Naive paired t = 0.03 / √(2.5e-4/5) = 3√2 = 4.2426; corrected (ratio 1/(k − 1) = 1/4):
  // t = 0.03 / √((1/5 + 1/4) · 2.5e-4) = 2√2 = 2.8284, i.e. the naive t times √((1/n)/(1/n + ratio)) = √(0.2/0.45) = 2/3.
  const d = [0.01, 0.02, 0.03, 0.04, 0.05]

  it('shrinks t by √((1/n)/(1/n + n_test/n_train)) against the naive paired t', () => {
    const naive = correctedTTest(d, 0)
    const corrected = correctedTTest(d, 1 / 4)
    expect(naive.t).toBeCloseTo(3 * Math.SQRT2, 12)
    expect(corrected.t).toBeCloseTo(2 * Math.SQRT2, 12)
    expect(corrected.t / naive.t).toBeCloseTo(Math.sqrt(0.2 / 0.45), 12)
    expect(corrected.df).toBe(4)
  })

  it('gives the two-sided p of t with n − 1 df (scipy)', () => {
    // /usr/bin/python3 -c "from scipy import stats; import numpy as np; print(stats.ttest_1samp(np.arange(1,6)/100, 0).pvalue, 2*stats.t.sf(2*np.sqrt(2), 4))"
    expect(correctedTTest(d, 0).p).toBeCloseTo(0.013235599563682686, 12)
    expect(correctedTTest(d, 1 / 4).p).toBeCloseTo(0.04742065558431957, 12)
  })

  it('handles degenerate samples', () => {
    expect(Number.isNaN(correctedTTest([0.1], 0.25).p)).toBe(true)
    expect(correctedTTest([0, 0, 0], 0.25)).toEqual({ t: 0, df: 2, p: 1 })
    expect(correctedTTest([0.1, 0.1, 0.1], 0.25)).toEqual({ t: Infinity, df: 2, p: 0 })
  })
})

describe('pairByKey', () => {
  it('matches by key identity, not by position, and counts the partners missing on either side', () => {
    const arm = [
      { key: 'seed=1|fold=2', value: 0.9 },
      { key: 'seed=1|fold=0', value: 0.7 },
      { key: 'seed=2|fold=0', value: 0.5 },
    ]
    const reference = [
      { key: 'seed=1|fold=0', value: 0.6 },
      { key: 'seed=1|fold=1', value: 0.1 },
      { key: 'seed=1|fold=2', value: 0.8 },
    ]
    const p = pairByKey(arm, reference)
    expect(p.keys).toEqual(['seed=1|fold=2', 'seed=1|fold=0'])
    expect(p.arm).toEqual([0.9, 0.7])
    expect(p.reference).toEqual([0.8, 0.6])
    expect(p.dropped).toBe(2) // seed=2|fold=0 on the arm side, seed=1|fold=1 on the reference side
  })

  it('drops non-finite values and refuses duplicate keys', () => {
    expect(pairByKey(keyed([0.5, NaN]), keyed([0.4, 0.4])).dropped).toBe(2)
    expect(() => pairByKey([...keyed([0.5]), ...keyed([0.6])], keyed([0.4]))).toThrow(/twice/)
  })
})

describe('pairedComparison', () => {
  const reference = keyed([0.7, 0.72, 0.69, 0.71, 0.7])

  it('reports both tests, the mean difference and win/tie/loss for a higher-is-better metric', () => {
    const arm = keyed([0.71, 0.74, 0.72, 0.75, 0.75])
    const r = pairedComparison({ arm, reference, higherIsBetter: true, testTrainRatio: 1 / 4, alpha: 0.05 })
    expect(r.n).toBe(5)
    expect(r.dropped).toBe(0)
    expect(r.meanDiff).toBeCloseTo(0.03, 12) // d = 0.01..0.05 as in the hand-worked example above
    expect(r.tTest.t).toBeCloseTo(2 * Math.SQRT2, 9)
    expect(r.tTest.p).toBeCloseTo(0.04742065558431957, 9)
    expect(r.wilcoxon).toMatchObject({ p: 0.0625, method: 'exact', statistic: 0 })
    expect([r.wins, r.ties, r.losses]).toEqual([5, 0, 0])
    expect(r.verdicts).toEqual({ 'corrected-t': 'better', wilcoxon: 'no-difference' })
  })

  it('turns the verdict for a lower-is-better metric (ECE, DPD, EOD) and counts wins by direction', () => {
    const arm = keyed([0.71, 0.74, 0.72, 0.75, 0.75])
    const r = pairedComparison({ arm, reference, higherIsBetter: false, testTrainRatio: 1 / 4, alpha: 0.05 })
    expect([r.wins, r.ties, r.losses]).toEqual([0, 0, 5])
    expect(r.verdicts['corrected-t']).toBe('worse')
  })

  it('counts |d| ≤ tolerance as ties (floating-point noise included) and verdicts no-difference', () => {
    const arm = keyed([0.9, 0.8, 0.75])
    const ref = keyed([0.9, 0.8 + 1e-16, 0.7])
    const r = pairedComparison({ arm, reference: ref, higherIsBetter: true, testTrainRatio: 0.5, alpha: 0.05 })
    expect([r.wins, r.ties, r.losses]).toEqual([1, 2, 0])
    expect(r.wilcoxon.zeros).toBe(2)
    const same = pairedComparison({ arm, reference: arm, higherIsBetter: true, testTrainRatio: 0.5, alpha: 0.05 })
    expect(same.tTest.p).toBe(1)
    expect(same.verdicts).toEqual({ 'corrected-t': 'no-difference', wilcoxon: 'no-difference' })
  })

  it('pairs by key even when the arm lists its jobs in another order', () => {
    const arm = keyed([0.71, 0.74, 0.72, 0.75, 0.75]).reverse()
    const r = pairedComparison({ arm, reference, higherIsBetter: true, testTrainRatio: 1 / 4, alpha: 0.05 })
    expect(r.tTest.t).toBeCloseTo(2 * Math.SQRT2, 9)
  })
})

describe('fairnessGapChange', () => {
  const reference = keyed([0.2, 0.25, 0.22, 0.3, 0.28, 0.24])
  const narrower = keyed([0.1, 0.12, 0.11, 0.15, 0.13, 0.12])

  it('calls a smaller EOD or DPD better and a larger one worse', () => {
    const eod = fairnessGapChange({ gap: 'eod', arm: narrower, reference, testTrainRatio: 1 / 2, alpha: 0.05 })
    expect(eod.higherIsBetter).toBe(false)
    expect(eod.meanDiff).toBeLessThan(0)
    expect(eod.wins).toBe(6)
    expect(eod.verdicts['corrected-t']).toBe('better')
    const dpd = fairnessGapChange({ gap: 'dpd', arm: reference, reference: narrower, testTrainRatio: 1 / 2, alpha: 0.05 })
    expect(dpd.verdicts['corrected-t']).toBe('worse')
  })

  it('calls a larger ES-AUC better', () => {
    const es = fairnessGapChange({ gap: 'esAuc', arm: reference, reference: narrower, testTrainRatio: 1 / 2, alpha: 0.05 })
    expect(es.higherIsBetter).toBe(true)
    expect(es.verdicts['corrected-t']).toBe('better')
  })
})
