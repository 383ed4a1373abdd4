/**
 * CLIMD scheduler maths (Eqs. 6–7, allocation, ablation competence curves) against the worked BRCA
 * numbers of ../shared/docs/methods.md §2.4.5–2.4.6 (train counts of the MOGONET split, γ = 0.3,
 * T = 100) and hand-computed curve values.
 */
import { describe, expect, it } from 'vitest'
import { bucketRange, bucketStage, competence } from '../../../../src/main/training/methods/climd/competence'
import { classRanks, imbalanceRatio, powerLawMle, rankFitExponent } from '../../../../src/main/training/methods/climd/power-law'
import { allocate, alphaAt, classShares, progress, subsetSize } from '../../../../src/main/training/methods/climd/scheduler'

// BRCA train counts in label order (Normal-like, Basal-like, HER2, LumA, LumB): labels_tr.csv of the MOGONET split.
const BRCA = [80, 92, 32, 305, 103]
const N = 612
const T = 100
const gamma = 0.3

describe('power law (Eq. 6) and rank fit', () => {
  it('gives α(T) = 6.42 and γα(T) = 1.93 on BRCA (methods.md §2.4.5)', () => {
    const a = powerLawMle(BRCA, gamma)
    expect(a).toBeCloseTo(6.42, 2)
    expect(gamma * a).toBeCloseTo(1.93, 2)
  })

  it('explodes on nearly balanced ROSMAP (127/118 → α(T) ≈ 94, γα ≈ 28, §2.4.6) and is infinite on equal classes', () => {
    expect(powerLawMle([127, 118], gamma)).toBeCloseTo(94, 0)
    expect(gamma * powerLawMle([127, 118], gamma)).toBeCloseTo(28, 0)
    expect(powerLawMle([50, 50], gamma)).toBe(Infinity)
    expect(imbalanceRatio([127, 118])).toBeCloseTo(1.076, 3)
  })

  it('ranks classes by frequency, rank 1 = majority', () => {
    expect(classRanks(BRCA)).toEqual([4, 3, 5, 1, 2])
    expect(classRanks([5, 5, 1])).toEqual([1, 2, 3])
  })

  it('rank fit: slope s = 1.19 on BRCA (§2.4.6)', () => {
    expect(rankFitExponent(BRCA)).toBeCloseTo(1.19, 2)
    // Exact power law n_k = 100·k^-2 → s = 2.
    expect(rankFitExponent([100, 25, 100 / 9, 6.25])).toBeCloseTo(2, 10)
  })
})

describe('Eq. 7 target shares', () => {
  const ranks = classRanks(BRCA)
  it('q_T on BRCA = (0.668, 0.176, 0.080, 0.046, 0.030) by rank (§2.4.5)', () => {
    const q = classShares(progress(T, T), ranks, gamma * alphaAt(T, T, powerLawMle(BRCA, gamma)))
    // label order: Normal-like rank 4, Basal rank 3, HER2 rank 5, LumA rank 1, LumB rank 2
    const expected = [0.046, 0.08, 0.03, 0.668, 0.176]
    q.forEach((v, c) => expect(v).toBeCloseTo(expected[c]!, 3))
    expect(q.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
  })

  it('q_1 is uniform and α(1) = 1', () => {
    expect(alphaAt(1, T, 6.42)).toBe(1)
    expect(classShares(progress(1, T), ranks, 0.3)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2])
  })

  it('rank fit: q_T = (0.489, 0.214, 0.132, 0.094, 0.072) by rank (§2.4.6)', () => {
    const q = classShares(1, [1, 2, 3, 4, 5], rankFitExponent(BRCA))
    const expected = [0.489, 0.214, 0.132, 0.094, 0.072]
    q.forEach((v, k) => expect(v).toBeCloseTo(expected[k]!, 3))
  })

  it('α(t) interpolates linearly: α(50.5) is the midpoint for T = 100', () => {
    expect(alphaAt(50.5, T, 7)).toBeCloseTo(4, 12)
  })
})

describe('subset size and allocation', () => {
  const ranks = classRanks(BRCA)
  const alphaT = powerLawMle(BRCA, gamma)
  const shares = (t: number): number[] => classShares(progress(t, T), ranks, gamma * alphaAt(t, T, alphaT))

  it('S_1 = 6 and S_T = N on BRCA (§2.4.5: "epoch 1 has S_1 = 6 samples")', () => {
    expect(subsetSize(1, T, N)).toBe(6)
    expect(subsetSize(T, T, N)).toBe(N)
  })

  it('literal capping at T gives (305, 103, 49, 28, 18) by rank = 503 of 612 (§2.4.5)', () => {
    const s = allocate(shares(T), N, BRCA, 'literal')
    expect(s).toEqual([28, 49, 18, 305, 103])
    expect(s.reduce((a, b) => a + b, 0)).toBe(503)
  })

  it('redistribute reaches N at the last epoch and S_t before it; no class ever exceeds its size', () => {
    for (let t = 1; t <= T; t++) {
      const S = subsetSize(t, T, N)
      for (const mode of ['literal', 'redistribute'] as const) {
        const s = allocate(shares(t), S, BRCA, mode)
        s.forEach((v, c) => {
          expect(v).toBeLessThanOrEqual(BRCA[c]!)
          expect(v).toBeGreaterThanOrEqual(1)
        })
        if (mode === 'redistribute') expect(s.reduce((a, b) => a + b, 0)).toBe(S)
      }
    }
    expect(allocate(shares(T), N, BRCA, 'redistribute')).toEqual(BRCA)
  })

  it('redistribute hands a shortfall to classes with spare supply in proportion to q', () => {
    // q = (0.5, 0.25, 0.25), S = 20, counts (100, 2, 100): class 1 capped at 2, its 3 missing go to 0 and 2 by 2:1.
    expect(allocate([0.5, 0.25, 0.25], 20, [100, 2, 100], 'literal')).toEqual([10, 2, 5])
    expect(allocate([0.5, 0.25, 0.25], 20, [100, 2, 100], 'redistribute')).toEqual([12, 2, 6])
  })
})

describe('Table 4 ablation schedules (c0 = 0.1, T_c = 8; K = 5, T_c = 10, N = 100)', () => {
  it('linear: c(0) = 0.1, c(4) = 0.55, c(8) = 1, c(12) = 1', () => {
    expect(competence('linear', 0, 8, 0.1)).toBeCloseTo(0.1, 12)
    expect(competence('linear', 4, 8, 0.1)).toBeCloseTo(0.55, 12)
    expect(competence('linear', 8, 8, 0.1)).toBe(1)
    expect(competence('linear', 12, 8, 0.1)).toBe(1)
  })

  it('root: c(4) = sqrt(0.01 + 0.99/2) = 0.71063, c(2) = sqrt(0.2575) = 0.50744', () => {
    expect(competence('root', 4, 8, 0.1)).toBeCloseTo(0.71063, 5)
    expect(competence('root', 2, 8, 0.1)).toBeCloseTo(0.50744, 5)
    expect(competence('root', 8, 8, 0.1)).toBe(1)
  })

  it('geometric: c(0) = 0.1, c(4) = 0.1^0.5 = 0.31623, c(8) = 1', () => {
    expect(competence('geometric', 0, 8, 0.1)).toBeCloseTo(0.1, 12)
    expect(competence('geometric', 4, 8, 0.1)).toBeCloseTo(0.31623, 5)
    expect(competence('geometric', 8, 8, 0.1)).toBe(1)
  })

  it('baby step: cumulative buckets [0, 20k) at stage k, all data after T_c', () => {
    expect(bucketStage(1, 10, 5)).toBe(1)
    expect(bucketStage(3, 10, 5)).toBe(2)
    expect(bucketStage(10, 10, 5)).toBe(5)
    expect(bucketRange('baby-step', 1, 10, 5, 100)).toEqual([0, 20])
    expect(bucketRange('baby-step', 3, 10, 5, 100)).toEqual([0, 40])
    expect(bucketRange('baby-step', 10, 10, 5, 100)).toEqual([0, 100])
    expect(bucketRange('baby-step', 11, 10, 5, 100)).toEqual([0, 100])
  })

  it('one-pass: bucket k only, [20(k−1), 20k); buckets of ⌈N/K⌉ with a smaller last one', () => {
    expect(bucketRange('one-pass', 1, 10, 5, 100)).toEqual([0, 20])
    expect(bucketRange('one-pass', 3, 10, 5, 100)).toEqual([20, 40])
    expect(bucketRange('one-pass', 9, 10, 5, 100)).toEqual([80, 100])
    expect(bucketRange('one-pass', 9, 10, 5, 97)).toEqual([80, 97])
    expect(bucketRange('one-pass', 11, 10, 5, 100)).toEqual([0, 100])
  })
})
