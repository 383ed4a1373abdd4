/**
 * cggm: B_m against hand values (zrguo/CGGM src/foodtrain.py: `diff_sum = sum(diff) + 1e-8;
 * coeff = (diff_sum - d) / diff_sum`; MultiFair's |Δ| form), the direction term and its gradient
 * (checked with tf.grad against d cos(a, b)/db by hand), batch accuracy, and the instance.
 */
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../../src/main/training/engine/backend'
import type { GradientView } from '../../../../src/main/training/engine/method'
import { stopGradient } from '../../../../src/main/training/engine/stop-gradient'
import { batchAccuracy, cggmCoefficients, cosineSimilarity, directionLoss } from '../../../../src/main/training/methods/cggm/cggm'
import method from '../../../../src/main/training/methods/cggm/index'
import { fakeEnv } from './fake-step'

describe('CGGM coefficients B_m', () => {
  it('signed (CGGM code): the modality that improved less gets the larger coefficient', () => {
    const [b1, b2] = cggmCoefficients([0.2, 0.1], 'signed') // S = 0.3: (0.1/0.3, 0.2/0.3)
    expect(b1).toBeCloseTo(1 / 3, 7)
    expect(b2).toBeCloseTo(2 / 3, 7)
    const three = cggmCoefficients([0.1, 0.2, 0.3], 'signed') // S = 0.6: (0.5, 0.4, 0.3)/0.6
    ;[5 / 6, 4 / 6, 3 / 6].forEach((v, m) => expect(three[m]).toBeCloseTo(v, 7))
  })

  it('signed explodes and flips sign when ΣΔ ≈ 0 (the pitfall of the reference code)', () => {
    const [b1, b2] = cggmCoefficients([0.1, -0.1], 'signed') // S = 1e-8
    expect(b1).toBeCloseTo(-9_999_999, -1)
    expect(b2).toBeCloseTo(10_000_001, -1)
    expect(cggmCoefficients([0, 0.05], 'signed')).toEqual([1, expect.closeTo(0, 6)]) // a saturated head (Δ = 0) gets B = 1
  })

  it('absolute (MultiFair form): (Σ|Δ| − |Δ_m|) / (Σ|Δ| + 1e-8), in [0, 1]', () => {
    const [b1, b2] = cggmCoefficients([0.1, -0.3], 'absolute') // Σ|Δ| = 0.4 → (0.75, 0.25)
    expect(b1).toBeCloseTo(0.75, 7)
    expect(b2).toBeCloseTo(0.25, 7)
    expect(cggmCoefficients([0, 0], 'absolute')).toEqual([0, 0])
  })

  it('batch accuracy skips synthetic rows (label −1)', () => {
    expect(batchAccuracy(Float32Array.from([2, 0, 0, 1, 5, 0]), Int32Array.from([0, 0, -1]), 2)).toBe(0.5)
    expect(batchAccuracy(Float32Array.from([2, 0]), Int32Array.from([-1]), 2)).toBeNaN()
  })
})

describe.each(['cpu', 'wasm'] as const)('CGGM direction term on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend)
  })

  it('L_gm = (Σ|B| − Σ B cos)/M by hand', () => {
    const v = tf.tidy(() => directionLoss([0.5, 1], [tf.scalar(0.2), tf.scalar(-0.4)]).dataSync()[0])
    expect(v).toBeCloseTo(0.9, 6) // (1.5 − (0.1 − 0.4)) / 2
  })

  it('is differentiable in the fusion weights and constant in the (detached) classifier weights', () => {
    tf.tidy(() => {
      const a = tf.tensor1d([1, 0])
      const b = tf.tensor1d([1, 1])
      expect(cosineSimilarity(a, b).dataSync()[0]).toBeCloseTo(Math.SQRT1_2, 6)
      // d cos/db = a/(|a||b|) − cos·b/|b|² = (0.70711 − 0.35355, −0.35355); L = 1 − cos (B = 1, M = 1) → dL/db = −that.
      const gb = tf.grad((x: tf.Tensor) => directionLoss([1], [cosineSimilarity(stopGradient(a), x)]))(b).dataSync()
      expect(gb[0]).toBeCloseTo(-0.3535533906, 5)
      expect(gb[1]).toBeCloseTo(0.3535533906, 5)
      const ga = tf.grad((x: tf.Tensor) => directionLoss([1], [cosineSimilarity(stopGradient(x), b)]))(a).dataSync()
      expect(Array.from(ga)).toEqual([0, 0])
    })
  })
})

describe('cggm instance', () => {
  beforeAll(async () => {
    await initBackend('cpu')
  })
  const env = fakeEnv({ classCounts: [2, 2], modalities: [{ name: 'a', features: 1 }, { name: 'b', features: 1 }] })
  const uniW = [0, 1].map(() => ({ W: tf.variable(tf.tensor2d([[1, 0]])), b: tf.variable(tf.zeros([2])) }))
  /** Head 0 right on both rows, head 1 right on one row. */
  const view = (): GradientView => ({
    batch: { inputs: [], targets: tf.tensor2d([[1, 0], [0, 1]]), weights: tf.ones([2]), labels: Int32Array.from([0, 1]), indices: Int32Array.from([0, 1]) },
    output: { logits: tf.zeros([2, 2]), features: [], unimodalLogits: [tf.tensor2d([[1, 0], [0, 1]]), tf.tensor2d([[1, 0], [1, 0]])] },
    epoch: 1,
    step: 1,
    numClasses: 2,
    classifiers: { unimodal: uniW },
    modalityOfVariable: new Map([['e0/W', 0], ['e1/W', 1], [uniW[0]!.W.name, 0]]),
  })

  it('scales encoder m by ρ·B_m from the accuracy change, leaves the heads alone, and saves its state', () => {
    tf.tidy(() => {
      const inst = method.create(method.options.parse({ clipNorm: 0 }), env)
      const g = { 'e0/W': tf.ones([1]), 'e1/W': tf.ones([1]), [uniW[0]!.W.name]: tf.ones([1]) }
      // First step from acc(0) = 0: Δ = (1, 0.5), S = 1.5 → B = (0.5/1.5, 1/1.5); ρ = 1.3.
      const out = inst.modulateGradients!(g, view())
      expect(out['e0/W']!.dataSync()[0]).toBeCloseTo((1.3 * 0.5) / 1.5, 5)
      expect(out['e1/W']!.dataSync()[0]).toBeCloseTo(1.3 / 1.5, 5)
      expect(out[uniW[0]!.W.name]!.dataSync()[0]).toBe(1)
      expect(inst.saveState!()).toEqual({ prevAccuracy: [1, 0.5], prevCoefficients: [expect.closeTo(1 / 3, 6), expect.closeTo(2 / 3, 6)] })
    })
  })

  it('clips the global norm (heads excluded) to clipNorm', () => {
    tf.tidy(() => {
      const inst = method.create(method.options.parse({ clipNorm: 0.1, rho: 1 }), env)
      const out = inst.modulateGradients!({ 'e0/W': tf.tensor1d([3]), 'e1/W': tf.tensor1d([3]), other: tf.tensor1d([4]) }, view())
      const norm = Math.hypot(...['e0/W', 'e1/W', 'other'].map((n) => out[n]!.dataSync()[0]!))
      expect(norm).toBeCloseTo(0.1, 4)
      expect(inst.metrics!().clippedSteps).toBe(1)
    })
  })

  it('refuses a model without unimodal heads with a message naming the setting', () => {
    const inst = method.create(method.options.parse({}), env)
    const v = { ...view(), output: { logits: tf.zeros([2, 2]) as tf.Tensor2D, features: [] } }
    expect(() => inst.modulateGradients!({}, v)).toThrow(/model.unimodalHeads/)
    expect(method.requires?.unimodalHeads).toBeTruthy()
  })
})
