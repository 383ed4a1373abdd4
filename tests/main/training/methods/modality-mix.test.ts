/** modality-mix: proportion targets, selection, partners, the swap, the soft BCE by hand, and mixed rows in a batch. */
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../../src/main/training/engine/backend'
import { appendMixedRows } from '../../../../src/main/training/methods/modality-mix/mix-batch'
import { mixLoss, softBcePerSample } from '../../../../src/main/training/methods/modality-mix/mix-loss'
import { drawPartner, mixTarget, partnerModalities, selectConfident, weakestModality } from '../../../../src/main/training/methods/modality-mix/mix'
import { createRng } from '../../../../src/main/util/rng'

// Targets by the formula of methods.md §5.2: t = (1/M) Σ_m onehot(y_source(m)).
describe('MM targets and selection', () => {
  it('t_mix holds the share of modalities each label contributed', () => {
    expect(Array.from(mixTarget([false, true], 0, 2, 3))).toEqual([0.5, 0, 0.5])
    const t = mixTarget([false, false, true], 1, 0, 2) // two modalities of class 1, one of class 0
    expect(t[0]).toBeCloseTo(1 / 3, 6)
    expect(t[1]).toBeCloseTo(2 / 3, 6)
  })

  it('selects correct predictions with p ≥ τ per class, with the top-share fallback for an empty class', () => {
    const probs = Float32Array.from([0.95, 0.05, 0.6, 0.4, 0.2, 0.8, 0.3, 0.7, 0.45, 0.55, 0.05, 0.95])
    const labels = Int32Array.from([0, 0, 1, 1, 1, 0])
    const s = selectConfident(probs, labels, 2, 0.9, 0.3)
    expect(Array.from(s[0]!)).toEqual([0]) // row 5 (class 0, p = 0.05 for its class) is wrong, row 1 below τ
    expect(Array.from(s[1]!)).toEqual([2]) // none ≥ 0.9: ⌈0.3 · 3⌉ = 1 most confident (0.8)
    expect(Array.from(selectConfident(Float32Array.from([Number.NaN, Number.NaN]), Int32Array.from([0]), 2, 0.9, 0.3)[0]!)).toEqual([])
  })

  it('partners come from another class; the swap takes exactly the weak modality', () => {
    const rng = createRng(3)
    const selected = [Int32Array.from([0, 1]), Int32Array.from([]), Int32Array.from([7, 8])]
    for (let k = 0; k < 20; k++) expect([7, 8]).toContain(drawPartner(0, selected, rng))
    expect(drawPartner(0, [Int32Array.from([0]), Int32Array.from([])], rng)).toBe(-1)
    expect(partnerModalities(3, 2, true, rng)).toEqual([false, false, true])
    for (let k = 0; k < 20; k++) {
      const n = partnerModalities(3, 0, false, rng).filter(Boolean).length
      expect(n > 0 && n < 3).toBe(true)
    }
    expect(weakestModality([0.9, 0.6, 0.6])).toBe(1)
  })
})

describe.each(['cpu', 'wasm'] as const)('MM loss and batch on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend)
  })

  it('soft BCE by hand: z = 0, t = 0.5 → ln 2; (z, t) = (2, 1), (−1, 0) → 0.2200948', () => {
    const v = tf.tidy(() => Array.from(softBcePerSample(tf.tensor2d([[0, 0], [2, -1]]), tf.tensor2d([[0.5, 0.5], [1, 0]])).dataSync()))
    expect(v[0]).toBeCloseTo(Math.LN2, 6)
    expect(v[1]).toBeCloseTo(0.2200948493, 6)
    // Masked soft CE: only row 1 counts; −(0.5 ln σ… ) for logits (0, 0) and t = (0.5, 0.5) is ln 2.
    const l = tf.tidy(() => mixLoss(tf.tensor2d([[5, -5], [0, 0]]), tf.tensor2d([[1, 0], [0.5, 0.5]]), tf.tensor1d([0, 1]), 'soft-ce').dataSync()[0])
    expect(l).toBeCloseTo(Math.LN2, 6)
  })

  it('appends mixed rows with inputs from their sources, soft targets, weight 0 and labels −1', () => {
    tf.tidy(() => {
      const training = [Float32Array.from([0, 0, 1, 1, 2, 2]), Float32Array.from([10, 11, 12])] // n = 3, d = (2, 1)
      const labels = Int32Array.from([0, 1, 1])
      const batch = { inputs: [tf.tensor2d([[0, 0]]), tf.tensor2d([[10]])], targets: tf.tensor2d([[1, 0]]), weights: tf.ones([1]) as tf.Tensor1D, labels: Int32Array.from([0]), indices: Int32Array.from([0]), groups: [Int32Array.from([1])] }
      const out = appendMixedRows(batch, [{ anchor: 0, partner: 2, fromPartner: [false, true] }], training, labels, 2)
      expect(Array.from(out.inputs[0]!.dataSync())).toEqual([0, 0, 0, 0])
      expect(Array.from(out.inputs[1]!.dataSync())).toEqual([10, 12])
      expect(Array.from(out.targets.dataSync())).toEqual([1, 0, 0.5, 0.5])
      expect(Array.from(out.weights.dataSync())).toEqual([1, 0])
      expect(Array.from(out.labels)).toEqual([0, -1])
      expect(Array.from(out.indices)).toEqual([0, -1])
      expect(Array.from(out.groups![0]!)).toEqual([1, -1])
    })
  })
})
