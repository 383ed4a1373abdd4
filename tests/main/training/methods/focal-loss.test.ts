/** focal-loss: values by hand for a 3-class example, γ = 0 equals cross-entropy, α, gradients finite, the instance. */
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../../src/main/training/engine/backend'
import { softmaxCrossEntropyPerSample } from '../../../../src/main/training/engine/losses'
import { focalLossOfProbs, focalLossPerSample } from '../../../../src/main/training/methods/focal-loss/focal'
import method from '../../../../src/main/training/methods/focal-loss/index'
import { fakeEnv, fakeStep } from './fake-step'

// Logits [2, 1, 0.1] → softmax p = [0.659001139, 0.242432971, 0.098565890] (computed in Python with math.exp).
const Z = [2, 1, 0.1]
const run = (fn: () => tf.Tensor): number[] => tf.tidy(() => Array.from(fn().dataSync()))

describe.each(['cpu', 'wasm'] as const)('focal loss on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend)
  })

  it('matches −α (1 − p_t)^γ log p_t by hand (Lin et al. 2017, Eq. 5)', () => {
    const [fl0, fl2] = run(() => focalLossPerSample(tf.tensor2d([Z, Z]), tf.tensor2d([[1, 0, 0], [0, 0, 1]]), 2))
    expect(fl0).toBeCloseTo(0.0484923434, 6) // −(1 − 0.659)^2 · ln 0.659
    // Per-class α, sample of class 2: −0.25 · (1 − 0.0986)^2 · ln 0.0986 = 0.4706950634.
    const [withAlpha] = run(() => focalLossPerSample(tf.tensor2d([Z]), tf.tensor2d([[0, 0, 1]]), 2, tf.tensor1d([1, 1, 0.25])))
    expect(withAlpha).toBeCloseTo(0.4706950634, 6)
    expect(fl2).toBeCloseTo(0.4706950634 / 0.25, 5)
    // γ = 0.5, class 1: −(1 − 0.2424)^0.5 · ln 0.2424 = 1.2333592132.
    const [half] = run(() => focalLossPerSample(tf.tensor2d([Z]), tf.tensor2d([[0, 1, 0]]), 0.5))
    expect(half).toBeCloseTo(1.2333592132, 5)
    expect(focalLossOfProbs([0.659001139, 0.242432971, 0.09856589], 0, 2)).toBeCloseTo(0.0484923434, 8)
  })

  it('equals softmax cross-entropy for γ = 0', () => {
    const logits = [Z, [0.3, -1, 2], [5, 5, -5]]
    const targets = [[0, 1, 0], [0, 0, 1], [1, 0, 0]]
    const fl = run(() => focalLossPerSample(tf.tensor2d(logits), tf.tensor2d(targets), 0))
    const ce = run(() => softmaxCrossEntropyPerSample(tf.tensor2d(logits), tf.tensor2d(targets)))
    fl.forEach((v, i) => expect(v).toBeCloseTo(ce[i]!, 6))
  })

  it('has finite gradients even for a confident correct prediction and γ < 1', () => {
    const g = run(() => tf.grad((z: tf.Tensor) => tf.sum(focalLossPerSample(z as tf.Tensor2D, tf.tensor2d([[1, 0, 0]]), 0.5)))(tf.tensor2d([[30, 0, 0]])))
    expect(g.every(Number.isFinite)).toBe(true)
  })
})

describe('focal-loss instance', () => {
  beforeAll(async () => {
    await initBackend('cpu')
  })

  it('averages with the batch weights and uses balanced α from the class counts', () => {
    const inst = method.create(method.options.parse({ gamma: 2, alpha: 'balanced' }), fakeEnv({ classCounts: [6, 3, 1] }))
    // α = [10/18, 10/9, 10/3]; two samples of classes 0 and 2 with weights 1 and 3.
    const expected = (1 * (10 / 18) * 0.0484923434 + 3 * (10 / 3) * (0.4706950634 / 0.25)) / 4
    const [got] = run(() => inst.loss!(fakeStep([Z, Z], [0, 2], [1, 3])))
    expect(got).toBeCloseTo(expected, 5)
    expect(inst.metrics!()['alpha.2']).toBeCloseTo(10 / 3, 9)
    inst.dispose!()
  })

  it('refuses α of the wrong length', () => {
    expect(() => method.create(method.options.parse({ alpha: [1, 1] }), fakeEnv({ classCounts: [6, 3, 1] }))).toThrow(/alpha has 2 entries for 3 classes/)
  })
})
