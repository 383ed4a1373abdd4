/**
 * ogm-ge: score, ratio and coefficient formulas against hand values, the window, the gradient std,
 * and the instance scaling encoder kernels by k_m (GeWu-Lab/OGM-GE_CVPR2022 main.py `train_epoch`).
 */
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../../src/main/training/engine/backend'
import type { GradientView } from '../../../../src/main/training/engine/method'
import method from '../../../../src/main/training/methods/ogm-ge/index'
import { inWindow, modalityScore, ogmCoefficient, sampleStd, scoreRatios } from '../../../../src/main/training/methods/ogm-ge/ogm'
import { fakeEnv } from './fake-step'

// Hand values (Python math): softmax([2,0])[0] = 0.880797078, softmax([0,1])[1] = 0.731058579.
describe('OGM-GE formulas', () => {
  it('s_m sums the softmax probability of the target (soft targets weight the classes)', () => {
    expect(modalityScore(Float32Array.from([2, 0, 0, 1]), Float32Array.from([1, 0, 0, 1]), 2)).toBeCloseTo(1.6118556566, 6)
    // Soft target (0.5, 0.5) on logits (2, 0): 0.5·0.8808 + 0.5·0.1192 = 0.5.
    expect(modalityScore(Float32Array.from([2, 0]), Float32Array.from([0.5, 0.5]), 2)).toBeCloseTo(0.5, 6)
  })

  it('ρ_m is the ratio to the weakest score; k = 1 − tanh(α·ρ) for ρ > 1 (Eq. 10 as coded), else 1', () => {
    const [r0, r1] = scoreRatios([1.6118556566, 0.8])
    expect(r0).toBeCloseTo(2.0148195708, 8)
    expect(r1).toBe(1)
    expect(ogmCoefficient(r0!, 0.5, 'paper')).toBeCloseTo(0.2353114434, 8) // 1 − tanh(0.5 · 2.01482)
    expect(ogmCoefficient(r0!, 0.5, 'continuous')).toBeCloseTo(0.5320754258, 8) // 1 − tanh(0.5 · 1.01482)
    expect(ogmCoefficient(1, 0.5, 'paper')).toBe(1)
    // The jump at ρ = 1 that methods.md §6.1 warns about: just above 1, k ≈ 1 − tanh(α).
    expect(ogmCoefficient(1.0001, 0.5, 'paper')).toBeCloseTo(0.5378435213, 6)
    expect(ogmCoefficient(1.0001, 0.5, 'continuous')).toBeCloseTo(1, 4)
    // M = 3: every ratio is to the minimum (BalanceMM's M > 2 rule).
    expect(scoreRatios([3, 1.5, 6])).toEqual([2, 1, 4])
    expect(scoreRatios([0, 1]).every(Number.isFinite)).toBe(true)
  })

  it('the window is inclusive and 1-based; std is the sample (n − 1) std as torch', () => {
    expect([0, 1, 5, 6].map((e) => inWindow(e, 1, 5))).toEqual([false, true, true, false])
    expect(sampleStd(Float32Array.from([1, 2, 3, 4]))).toBeCloseTo(1.2909944487, 6)
    expect(sampleStd(Float32Array.from([7]))).toBe(0)
  })
})

describe('ogm-ge instance', () => {
  beforeAll(async () => {
    await initBackend('cpu')
  })

  /** Two samples of class 0; modality 0 features (2, 1), modality 1 features (0.5, 0); blocks W = [1, −1], b = 0. */
  function view(epoch: number): GradientView {
    const W = tf.tensor2d([[1, -1]])
    return {
      batch: { inputs: [], targets: tf.tensor2d([[1, 0], [1, 0]]), weights: tf.ones([2]), labels: Int32Array.from([0, 0]), indices: Int32Array.from([0, 1]) },
      output: { logits: tf.zeros([2, 2]), features: [tf.tensor2d([[2], [1]]), tf.tensor2d([[0.5], [0]])] },
      epoch,
      step: 1,
      numClasses: 2,
      classifiers: { fusionBlock: () => ({ W, b: tf.zeros([2]) as tf.Tensor1D }) },
      modalityOfVariable: new Map([['p/enc0/dense0/W', 0], ['p/enc0/dense0/b', 0], ['p/enc1/dense0/W', 1]]),
    }
  }
  const grads = (): tf.NamedTensorMap => ({ 'p/enc0/dense0/W': tf.ones([2, 2]), 'p/enc0/dense0/b': tf.ones([2]), 'p/enc1/dense0/W': tf.ones([2, 2]), 'p/cls/W': tf.ones([2, 2]) })
  const env = fakeEnv({ classCounts: [2, 2], modalities: [{ name: 'a', features: 1 }, { name: 'b', features: 1 }] })

  it('scales only the dominant encoder kernels by k (hand: s = 1.86281, 1.23106 → ρ0 = 1.51318 → k0 = 0.84983 at α = 0.1)', () => {
    tf.tidy(() => {
      const inst = method.create(method.options.parse({ noise: false }), env)
      const out = inst.modulateGradients!(grads(), view(1))
      expect(out['p/enc0/dense0/W']!.dataSync()[0]).toBeCloseTo(0.8498266225, 5)
      expect(out['p/enc0/dense0/b']!.dataSync()[0]).toBe(1) // scope "kernels": biases untouched
      expect(out['p/enc1/dense0/W']!.dataSync()[0]).toBe(1) // the weak modality keeps k = 1
      expect(out['p/cls/W']!.dataSync()[0]).toBe(1) // fusion classifier untouched
      const m = inst.metrics!()
      expect(m['ratio.0']).toBeCloseTo(1.5131780895, 5)
      expect(m['score.0']).toBeCloseTo(1.8628108680 / 2, 5)
      expect(m['coeff.1']).toBe(1)
    })
  })

  it('adds noise with the modulated gradient’s std (GE) and leaves gradients alone outside the window', () => {
    tf.tidy(() => {
      const inst = method.create(method.options.parse({ endEpoch: 3 }), env)
      const g = { ...grads(), 'p/enc1/dense0/W': tf.tensor2d([[1, 2], [3, 4]]) }
      const noisy = inst.modulateGradients!(g, view(1))['p/enc1/dense0/W']!.dataSync()
      expect(Array.from(noisy)).not.toEqual([1, 2, 3, 4])
      const outside = inst.modulateGradients!(grads(), view(4))
      expect(outside['p/enc0/dense0/W']!.dataSync()[0]).toBe(1)
      expect(inst.metrics!().modulatedSteps).toBe(0)
    })
  })
})
