/** fairclip-distance instance: λ·Σ_g S(batch, group) on target-class probabilities (Sinkhorn and exact-1d); −1 and single-group batches. */
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../../src/main/training/engine/backend'
import type { MethodEnv, StepView } from '../../../../src/main/training/engine/method'
import { trainModel } from '../../../../src/main/training/engine/trainer'
import method from '../../../../src/main/training/methods/fairclip-distance/index'
import { blobFold, tinyModel, tinyTraining } from '../fixtures'

beforeAll(async () => {
  await initBackend('cpu')
})

const env: MethodEnv = {
  numClasses: 2,
  classCounts: [2, 2],
  modalities: [{ name: 'a', features: 1 }],
  totalEpochs: 1,
  batchSize: 4,
  seed: 1,
  attributes: [{ name: 'sex', groups: ['F', 'M'], counts: [2, 2] }],
}

function step(logits: number[][], y: number[], groups: number[]): StepView {
  return {
    batch: {
      inputs: [],
      targets: tf.oneHot(y, 2).toFloat() as tf.Tensor2D,
      weights: tf.ones([y.length]),
      labels: Int32Array.from(y),
      indices: Int32Array.from(y, (_, i) => i),
      groups: [Int32Array.from(groups)],
    },
    output: { logits: tf.tensor2d(logits), features: [] },
    epoch: 1,
    step: 1,
    numClasses: 2,
  }
}

it('equals λ·Σ_g ½W₂²(batch, group) of the target-class probabilities (small blur)', () => {
  // logits [0, z] → P(1) = σ(z); targets y; scores = P(y): rows → [0.8, 0.8, 0.3, 0.3] exactly below
  const z = Math.log(0.8 / 0.2)
  const s = step([[0, z], [z, 0], [0, Math.log(0.3 / 0.7)], [Math.log(0.3 / 0.7), 0]], [1, 0, 1, 0], [0, 0, 1, 1])
  const inst = method.create(method.options.parse({ lambda: 2, blur: 1e-3, iterations: 80 }), env)
  const v = inst.extraLoss!(s)!.dataSync()[0]!
  // batch {.8,.8,.3,.3} vs F {.8,.8}: W₂² = ½(0.5²) = 0.125 (half the mass moves .5); vs M {.3,.3}: 0.125
  // → λ · (½·0.125 + ½·0.125) = 2 · 0.125 = 0.25
  expect(v).toBeCloseTo(0.25, 3)
  const m = inst.metrics!()
  expect(m['distance.sex.F']).toBeCloseTo(0.0625, 3)
})

it("solver 'exact-1d' gives the closed form ½W₂² of the same example; the default stays Sinkhorn", () => {
  expect(method.options.parse({}).solver).toBe('sinkhorn')
  const z = Math.log(0.8 / 0.2)
  const s = step([[0, z], [z, 0], [0, Math.log(0.3 / 0.7)], [Math.log(0.3 / 0.7), 0]], [1, 0, 1, 0], [0, 0, 1, 1])
  const inst = method.create(method.options.parse({ lambda: 2, solver: 'exact-1d' }), env)
  // batch {.8,.8,.3,.3} vs F {.8,.8}: sorted quantiles .3|.8 on [0,½), .8|.8 on [½,1] → ½W₂² = ½·½·0.25 = 0.0625; M alike
  // → λ · (0.0625 + 0.0625) = 0.25, exact up to float32 (no blur)
  expect(inst.extraLoss!(s)!.dataSync()[0]!).toBeCloseTo(0.25, 6)
  expect(inst.metrics!()['distance.sex.M']).toBeCloseTo(0.0625, 6)
})

it('adds nothing for a single-group batch and ignores unknown rows', () => {
  const inst = method.create(method.options.parse({}), env)
  expect(inst.extraLoss!(step([[0, 1], [1, 0], [0, 2]], [1, 0, 1], [0, 0, -1]))).toBeUndefined()
})

it('names the field when the attribute does not exist', () => {
  expect(() => method.create(method.options.parse({ attribute: 'race' }), env)).toThrow(/unknown attribute "race"/)
})

describe("solver 'exact-1d' in the trainer on wasm", () => {
  beforeAll(async () => {
    await initBackend('wasm')
  })

  it('trains 2 epochs with a finite, logged distance and no tensor leak', async () => {
    const before = tf.memory().numTensors
    const out = await trainModel({
      fold: blobFold({ trainCounts: [24, 10, 6], seed: 21 }),
      model: tinyModel({}),
      training: tinyTraining({ epochs: 2, batchSize: 8, patience: 1 }),
      methods: [{ def: method, options: { solver: 'exact-1d', detachGroup: false } }],
      seed: 5,
    })
    for (const e of out.epochs) {
      expect(Number.isFinite(e.trainLoss)).toBe(true)
      expect(e.extras['fairclip-distance.distance.total']).toBeGreaterThan(0)
    }
    expect(tf.memory().numTensors).toBe(before)
  })
})
