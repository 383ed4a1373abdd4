/** weighted-ce: class weights by hand (sklearn 'balanced'), the PyTorch weighted-mean reduction, the instance. */
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../../src/main/training/engine/backend'
import { classWeights, weightedCrossEntropy } from '../../../../src/main/training/methods/weighted-ce/weights'
import method from '../../../../src/main/training/methods/weighted-ce/index'
import { fakeEnv, fakeStep } from './fake-step'

beforeAll(async () => {
  await initBackend('cpu')
})

describe('classWeights', () => {
  // Reference: sklearn.utils.class_weight.compute_class_weight('balanced', classes=[0,1,2], y) with counts
  // [6, 3, 1] = n_samples / (n_classes · bincount) = 10/18, 10/9, 10/3; the rest computed in Python by hand.
  it('matches sklearn "balanced" for power 1', () => {
    const w = classWeights([6, 3, 1])
    expect(w[0]).toBeCloseTo(0.5555555556, 9)
    expect(w[1]).toBeCloseTo(1.1111111111, 9)
    expect(w[2]).toBeCloseTo(3.3333333333, 9)
    // Power 1 already gives Σ n_c w_c = N: the 'samples' normalisation changes nothing.
    classWeights([6, 3, 1], 1, 'samples').forEach((v, c) => expect(v).toBeCloseTo(w[c]!, 12))
  })

  it('applies the power and the normalisations', () => {
    const sqrt = classWeights([6, 3, 1], 0.5)
    ;[0.74535599, 1.05409255, 1.82574186].forEach((v, c) => expect(sqrt[c]).toBeCloseTo(v, 7))
    const samples = classWeights([6, 3, 1], 0.5, 'samples')
    ;[0.78788979, 1.11424443, 1.92992796].forEach((v, c) => expect(samples[c]).toBeCloseTo(v, 7))
    const classes = classWeights([6, 3, 1], 0.5, 'classes')
    ;[0.61681394, 0.87230664, 1.51087942].forEach((v, c) => expect(classes[c]).toBeCloseTo(v, 7))
    expect(classWeights([6, 3, 1], 0)).toEqual([1, 1, 1])
  })

  it('gives an absent class weight 0 instead of Infinity', () => {
    // N = 6, C = 3: 6/(3·4), —, 6/(3·2).
    expect(classWeights([4, 0, 2])).toEqual([0.5, 0, 1])
  })
})

describe('weightedCrossEntropy', () => {
  it('equals Σ w_y ℓ / Σ w_y (PyTorch CrossEntropyLoss(weight=w)), computed by hand', () => {
    const logits = [
      [2, 1, 0.1],
      [0.5, 0.2, 1.5],
    ]
    const y = [0, 2]
    const w = [0.5, 1, 3]
    // ℓ_i = −log softmax(z_i)_{y_i} in plain JS.
    const ce = logits.map((z, i) => Math.log(z.reduce((s, v) => s + Math.exp(v), 0)) - z[y[i]!]!)
    const expected = (w[0]! * ce[0]! + w[2]! * ce[1]!) / (w[0]! + w[2]!)
    const got = tf.tidy(() =>
      weightedCrossEntropy(tf.tensor2d(logits), tf.oneHot(y, 3).toFloat() as tf.Tensor2D, tf.ones([2]) as tf.Tensor1D, tf.tensor1d(w)).dataSync()[0],
    )
    expect(got).toBeCloseTo(expected, 5)
    // With reduction 'mean' the denominator is the batch size.
    const mean = tf.tidy(() =>
      weightedCrossEntropy(tf.tensor2d(logits), tf.oneHot(y, 3).toFloat() as tf.Tensor2D, tf.ones([2]) as tf.Tensor1D, tf.tensor1d(w), 'mean').dataSync()[0],
    )
    expect(mean).toBeCloseTo((w[0]! * ce[0]! + w[2]! * ce[1]!) / 2, 5)
  })
})

describe('weighted-ce instance', () => {
  it('uses the training class counts and logs the weights', () => {
    const inst = method.create(method.options.parse({}), fakeEnv({ classCounts: [6, 3, 1] }))
    const m = inst.metrics!()
    expect(m['weight.2']).toBeCloseTo(10 / 3, 9)
    const before = tf.memory().numTensors
    const loss = tf.tidy(() => inst.loss!(fakeStep([[2, 1, 0.1]], [2])).dataSync()[0])
    // One sample: the weighted mean is that sample's plain CE.
    expect(loss).toBeCloseTo(-Math.log(0.09856589), 5)
    expect(tf.memory().numTensors).toBe(before)
    inst.dispose!()
    expect(tf.memory().numTensors).toBe(before - 1)
  })

  it('refuses explicit weights of the wrong length', () => {
    expect(() => method.create(method.options.parse({ classWeights: [1, 2] }), fakeEnv({ classCounts: [6, 3, 1] }))).toThrow(/2 entries for 3 classes/)
  })
})
