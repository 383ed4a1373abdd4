/**
 * CLIMD measurer (Eqs. 1–4) against hand-computed values, and the curriculum's phases and subsets
 * on a fixed inspection (no model).
 */
import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../../../src/shared/result'
import type { TrainingInspection } from '../../../../src/main/training/engine/method'
import { Curriculum, type CurriculumSettings } from '../../../../src/main/training/methods/climd/curriculum'
import { combineScores, interComplementarity, intraConfidence, sortByScore, spearman, toSharedDimension } from '../../../../src/main/training/methods/climd/measurer'

describe('Eq. 1: ψ = σ(log p_true / C)', () => {
  it('p = 0.5, C = 2 → σ(−ln√2) = 1/(1+√2) = √2 − 1; p = 1 → 0.5; p = e^−2, C = 2 → σ(−1) = 0.268941', () => {
    const probs = Float32Array.of(0.5, 0.5, 0, 1, Math.exp(-2), 1 - Math.exp(-2))
    const psi = intraConfidence(probs, Int32Array.of(0, 1, 0), 2)
    expect(psi[0]).toBeCloseTo(Math.SQRT2 - 1, 6)
    expect(psi[1]).toBeCloseTo(0.5, 12)
    expect(psi[2]).toBeCloseTo(0.268941, 6)
  })

  it('p_true = 0 stays finite (log guarded)', () => {
    expect(Number.isFinite(intraConfidence(Float32Array.of(0, 1), Int32Array.of(0), 2)[0]!)).toBe(true)
  })
})

describe('Eqs. 2–3: φ = 1 − mean cosine over ordered modality pairs', () => {
  it('orthogonal → 1, parallel → 0, opposite → 2', () => {
    const phi = interComplementarity([Float32Array.of(1, 0, 1, 1, 1, 0), Float32Array.of(0, 1, 2, 2, -1, 0)], 2)
    expect(phi[0]).toBeCloseTo(1, 12)
    expect(phi[1]).toBeCloseTo(0, 6)
    expect(phi[2]).toBeCloseTo(2, 12)
  })

  it('three modalities (1,0), (0,1), (1,1): 1 − 2·(0 + 2/√2·… )/6 = 1 − √2/3 = 0.528595', () => {
    // cos12 = 0, cos13 = cos23 = 1/√2; ordered pairs sum = 2·(2/√2) = 2√2; /(3·2) → √2/3.
    const phi = interComplementarity([Float32Array.of(1, 0), Float32Array.of(0, 1), Float32Array.of(1, 1)], 2)
    expect(phi[0]).toBeCloseTo(1 - Math.SQRT2 / 3, 6)
  })

  it('a zero feature vector counts as cosine 0', () => {
    expect(interComplementarity([Float32Array.of(0, 0), Float32Array.of(1, 0)], 2)[0]).toBe(1)
  })

  it('equal sizes pass through; different sizes are projected to the smallest', () => {
    const same = toSharedDimension([Float32Array.of(1, 2)], [2], 1)
    expect(same.size).toBe(2)
    expect(same.features[0]).toEqual(Float32Array.of(1, 2))
    const mixed = toSharedDimension([Float32Array.of(1, 2, 3, 4, 5, 6), Float32Array.of(1, 2, 3, 4)], [3, 2], 1)
    expect(mixed.size).toBe(2)
    expect(mixed.features[0]).toHaveLength(4)
  })
})

describe('Eq. 4 and ordering', () => {
  it('r = φ + mean ψ; intra = mean ψ; inter = φ', () => {
    const psi = [Float64Array.of(Math.SQRT2 - 1), Float64Array.of(0.5)]
    const phi = Float64Array.of(1)
    expect(combineScores(psi, phi, 'both')[0]).toBeCloseTo(1 + (Math.SQRT2 - 1 + 0.5) / 2, 12) // 1.457107
    expect(combineScores(psi, phi, 'intra')[0]).toBeCloseTo(0.457107, 6)
    expect(combineScores(psi, phi, 'inter')[0]).toBe(1)
  })

  it('sorts highest first (desc) or lowest first (asc), ties by index; Spearman of identical/reversed orders = ±1', () => {
    const r = Float64Array.of(0.2, 0.9, 0.5, 0.9)
    expect(sortByScore([0, 1, 2, 3], r, 'desc')).toEqual([1, 3, 2, 0])
    expect(sortByScore([0, 1, 2, 3], r, 'asc')).toEqual([0, 2, 1, 3])
    expect(spearman([0, 1, 2, 3], [0, 1, 2, 3])).toBe(1)
    expect(spearman([0, 1, 2, 3], [3, 2, 1, 0])).toBe(-1)
  })
})

const SETTINGS: CurriculumSettings = {
  measure: 'both', scheduler: 'class-distribution', gamma: 0.3, fit: 'mle', allocation: 'redistribute', guardRatio: 1.5, maxGammaAlpha: 5,
  order: 'desc', refresh: 'once', refreshEvery: 10, warmupEpochs: 2, curriculumEpochs: 4, buckets: 5, c0: 0.1, competenceFraction: 0.8,
}

/** 12 samples: class 0 × 8, class 1 × 4; ψ from unimodal p_true = 0.05·(i+1), φ = 1 (orthogonal features). */
function fixture(): { labels: Int32Array; view: TrainingInspection } {
  const labels = Int32Array.of(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1)
  const probs = new Float32Array(24)
  labels.forEach((c, i) => {
    probs[i * 2 + c] = 0.05 * (i + 1)
    probs[i * 2 + 1 - c] = 1 - 0.05 * (i + 1)
  })
  const f0 = new Float32Array(24).map((_, k) => (k % 2 === 0 ? 1 : 0))
  const f1 = new Float32Array(24).map((_, k) => (k % 2 === 1 ? 1 : 0))
  return { labels, view: { probs, unimodalProbs: [probs, probs], features: [f0, f1], featureSizes: [2, 2] } }
}

describe('Curriculum (warm-up → Eq. 7 subsets → full data)', () => {
  it('uses all data in the warm-up, then the highest-r samples of each class per Eq. 7, then all data', () => {
    const { labels, view } = fixture()
    const cur = new Curriculum(SETTINGS, labels, 2, 8, 1)
    let calls = 0
    const inspect = (): TrainingInspection => (calls++, view)
    expect(cur.select(1, inspect).selected).toHaveLength(12)
    expect(calls).toBe(0)
    // t = 1: S_1 = round(12/4) = 3, q uniform → round(1.5) = 2 per class = 4, one too many.
    const e3 = cur.select(3, inspect)
    expect(calls).toBe(1)
    expect(e3.phase).toBe(1)
    expect(e3.metrics.targetTotal).toBe(3)
    expect(e3.selected).toHaveLength(3)
    // Tie in the surplus (both 0.5 above 1.5) → taken from class 0: s = (1, 2). Highest p_true (hence ψ, r) first:
    // class 0 → 7; class 1 → 11, 10.
    expect([...e3.selected].sort((a, b) => a - b)).toEqual([7, 10, 11])
    expect(e3.metrics['realised.0']).toBe(1)
    expect(e3.metrics['realised.1']).toBe(2)
    // t = 4 = T: every sample (redistribute).
    const e6 = cur.select(6, inspect)
    expect(e6.selected).toHaveLength(12)
    expect(e6.metrics['seen.1']).toBe(1)
    expect(cur.select(7, inspect).phase).toBe(2)
    expect(calls).toBe(1) // refresh 'once'
  })

  it('re-scores every k curriculum epochs and logs the Spearman of the orders', () => {
    const { labels, view } = fixture()
    const cur = new Curriculum({ ...SETTINGS, refresh: 'every', refreshEvery: 2 }, labels, 2, 8, 1)
    let calls = 0
    const inspect = (): TrainingInspection => (calls++, view)
    for (let e = 1; e <= 6; e++) cur.select(e, inspect)
    expect(calls).toBe(2) // t = 1 and t = 3
  })

  it('engages the balanced-data guard on near-balanced classes: shares = true proportions', () => {
    const labels = Int32Array.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0)
    const { view } = fixture()
    const cur = new Curriculum(SETTINGS, labels, 2, 8, 1)
    const m = cur.select(4, () => view).metrics
    expect(m.guard).toBe(1)
    expect(m['share.0']).toBeCloseTo(0.5, 12)
    expect(cur.fit.alphaT).toBeCloseTo(5 / 0.3, 10) // γα clamped to 5
  })

  it('fails clearly without unimodal heads when ψ is needed, but not for the inter-only measure', () => {
    const { labels, view } = fixture()
    const bare = { ...view, unimodalProbs: undefined }
    const cur = new Curriculum(SETTINGS, labels, 2, 8, 1)
    expect(() => cur.select(3, () => bare)).toThrow(AppFailure)
    expect(() => cur.select(3, () => bare)).toThrow(/unimodal heads/)
    const inter = new Curriculum({ ...SETTINGS, measure: 'inter' }, labels, 2, 8, 1)
    expect(inter.select(3, () => bare).selected.length).toBeGreaterThan(0)
  })

  it('ablation schedulers take a prefix of the global order (linear: ⌈c(t)·N⌉)', () => {
    const { labels, view } = fixture()
    const cur = new Curriculum({ ...SETTINGS, scheduler: 'linear', curriculumEpochs: 10, competenceFraction: 0.8 }, labels, 2, 12, 1)
    // t = 4 (epoch 6), T_c = 8: c = 0.1 + 0.9·0.5 = 0.55 → ⌈6.6⌉ = 7 samples, the 7 highest r (indices 11..5).
    const sel = cur.select(6, () => view)
    expect(sel.metrics.competence).toBeCloseTo(0.55, 12)
    expect([...sel.selected]).toEqual([11, 10, 9, 8, 7, 6, 5])
  })
})
