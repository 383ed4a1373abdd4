/** Epoch plans and batches: the shuffle keeps index/weight pairs, slicing, JS row gathering, plan checks; epoch metrics. */
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { AppFailure } from '../../../../src/shared/result'
import { initBackend } from '../../../../src/main/training/engine/backend'
import { checkPlan, defaultPlan, makeBatch, planBatches, shufflePlan } from '../../../../src/main/training/engine/batcher'
import { accuracy, argmaxRows, macroF1, meanNll } from '../../../../src/main/training/engine/epoch-metrics'
import { createRng } from '../../../../src/main/util/rng'

beforeAll(async () => {
  await initBackend('cpu')
})

describe('epoch plans', () => {
  it('shuffles indices and weights together, deterministically per seed', () => {
    const plan = { indices: Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]), weights: Float32Array.from([0, 10, 20, 30, 40, 50, 60, 70]) }
    const a = shufflePlan(plan, createRng(3))
    expect(Array.from(a.indices)).not.toEqual(Array.from(plan.indices))
    expect(Array.from(a.indices).sort()).toEqual(Array.from(plan.indices))
    a.indices.forEach((idx, k) => expect(a.weights![k]).toBe(idx * 10))
    expect(Array.from(shufflePlan(plan, createRng(3)).indices)).toEqual(Array.from(a.indices))
  })

  it('slices into batches with a smaller last batch', () => {
    const sizes = [...planBatches(defaultPlan(10), 4)].map((b) => b.indices.length)
    expect(sizes).toEqual([4, 4, 2])
  })

  it('rejects out-of-range indices, misaligned or negative weights and empty plans, naming the source', () => {
    const check = (plan: Parameters<typeof checkPlan>[0]) => () => checkPlan(plan, 5, 'method "x"')
    expect(check({ indices: Int32Array.from([0, 5]) })).toThrow(/method "x" holds index 5, outside 0..4/)
    expect(check({ indices: Int32Array.from([0, 1]), weights: Float32Array.from([1]) })).toThrow(/1 weights for 2 indices/)
    expect(check({ indices: Int32Array.from([0]), weights: Float32Array.from([-1]) })).toThrow(/weight -1/)
    expect(check({ indices: new Int32Array(0) })).toThrow(AppFailure)
    expect(check({ indices: Int32Array.from([4, 4, 0]) })).not.toThrow()
  })
})

describe('makeBatch', () => {
  it('gathers rows of every modality, one-hot targets and weights', () => {
    const part = {
      x: [Float32Array.from([0, 1, 10, 11, 20, 21]), Float32Array.from([100, 200, 300])],
      y: Int32Array.from([2, 0, 1]),
      rows: Int32Array.from([7, 8, 9]),
    }
    tf.tidy(() => {
      const b = makeBatch(part, [2, 1], { indices: Int32Array.from([2, 0]), weights: Float32Array.from([0.5, 2]) }, 3)
      expect(b.inputs[0]!.arraySync()).toEqual([[20, 21], [0, 1]])
      expect(b.inputs[1]!.arraySync()).toEqual([[300], [100]])
      expect(b.targets.arraySync()).toEqual([[0, 1, 0], [0, 0, 1]])
      expect(Array.from(b.weights.dataSync())).toEqual([0.5, 2])
      expect(Array.from(b.labels)).toEqual([1, 2])
      expect(Array.from(b.indices)).toEqual([2, 0])
      expect(b.groups).toBeUndefined()
    })
  })

  it("carries the rows' attribute groups when the part has them", () => {
    const part = { x: [Float32Array.from([0, 1, 2])], y: Int32Array.from([0, 1, 0]), rows: Int32Array.from([0, 1, 2]), groups: [Int32Array.from([1, -1, 0])] }
    tf.tidy(() => {
      const b = makeBatch(part, [1], { indices: Int32Array.from([2, 1, 2]) }, 2)
      expect(b.groups!.map((g) => Array.from(g))).toEqual([[0, -1, 0]])
    })
  })
})

describe('epoch metrics', () => {
  it('macro F1 matches the sklearn f1_score docstring example (average="macro" → 0.2666…)', () => {
    const yTrue = Int32Array.from([0, 1, 2, 0, 1, 2])
    const yPred = Int32Array.from([0, 2, 1, 0, 0, 1])
    expect(macroF1(yTrue, yPred, 3)).toBeCloseTo(0.26666666666666666, 12)
    // A class absent from both y_true and y_pred does not count (sklearn uses their union of labels).
    expect(macroF1(yTrue, yPred, 5)).toBeCloseTo(0.26666666666666666, 12)
    expect(accuracy(yTrue, yPred)).toBeCloseTo(2 / 6, 12)
  })

  it('argmax and mean NLL from log-probabilities', () => {
    const lp = Float32Array.from([Math.log(0.7), Math.log(0.2), Math.log(0.1), Math.log(0.25), Math.log(0.25), Math.log(0.5)])
    expect(Array.from(argmaxRows(lp, 3))).toEqual([0, 2])
    expect(meanNll(lp, Int32Array.from([0, 1]), 3)).toBeCloseTo(-(Math.log(0.7) + Math.log(0.25)) / 2, 6)
    expect(meanNll(new Float32Array(0), new Int32Array(0), 3)).toBeNaN()
  })
})
