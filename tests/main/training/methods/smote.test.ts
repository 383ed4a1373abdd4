/**
 * SMOTE (Chawla et al. 2002): k-NN within a class, interpolation on the segment to a neighbour,
 * synthetic counts, and the instance (planEpoch + transformBatch) on a hand-made training part.
 */
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../../src/main/training/engine/backend'
import type { Batch } from '../../../../src/main/training/engine/method'
import smote from '../../../../src/main/training/methods/smote/index'
import { nearestInClass, squaredDistance } from '../../../../src/main/training/methods/smote/knn'
import { drawSynthetic, interpolateBlock, syntheticCounts } from '../../../../src/main/training/methods/smote/synthesize'
import { createRng } from '../../../../src/main/util/rng'
import { fakeEnv } from './fake-step'

describe('k nearest neighbours within a class', () => {
  it('sums squared distances over blocks: (0,0|0) to (3,4|12) = 9 + 16 + 144 = 169', () => {
    expect(squaredDistance([Float32Array.of(0, 0, 3, 4), Float32Array.of(0, 12)], [2, 1], 0, 1)).toBe(169)
  })

  it('x = (0, 5, 1, 2) → the 2 nearest of 0 among {0,1,2,3} are 2 (d=1) and 3 (d=4); members outside the class are never used', () => {
    const x = [Float32Array.of(0, 5, 1, 2, 0.1)]
    expect(nearestInClass(x, [1], 0, [0, 1, 2, 3], 2)).toEqual([2, 3])
    expect(nearestInClass(x, [1], 0, [0, 1, 3], 5)).toEqual([3, 1])
  })
})

describe('synthetic rows', () => {
  it('tops every class up to the largest (ratio 1) or a fraction of it', () => {
    expect(syntheticCounts([10, 4, 1], 1)).toEqual([0, 6, 9])
    expect(syntheticCounts([10, 4, 1], 0.5)).toEqual([0, 1, 4])
    expect(syntheticCounts([10, 0], 1)).toEqual([0, 0])
  })

  it('interpolates x_base + λ(x_nb − x_base): base (0, 10), neighbour (4, 2), λ = 0.25 → (1, 8)', () => {
    const x = Float32Array.of(0, 10, 4, 2)
    const row = interpolateBlock(x, 2, [{ label: 0, base: 0, neighbours: [1], lambdas: [0.25] }], 0)
    expect([...row]).toEqual([1, 8])
  })

  it('draws bases from the class and neighbours from its lists; joint = one neighbour and λ for all blocks', () => {
    const draws = drawSynthetic([0, 5], [[0, 1], [2, 3]], (b) => [[b === 2 ? 3 : 2]], 2, true, createRng(3))
    expect(draws).toHaveLength(5)
    for (const d of draws) {
      expect(d.label).toBe(1)
      expect([2, 3]).toContain(d.base)
      expect(d.neighbours[0]).toBe(d.base === 2 ? 3 : 2)
      expect(d.neighbours[1]).toBe(d.neighbours[0])
      expect(d.lambdas[1]).toBe(d.lambdas[0])
      expect(d.lambdas[0]).toBeGreaterThanOrEqual(0)
      expect(d.lambdas[0]).toBeLessThan(1)
    }
  })
})

describe('smote instance', () => {
  beforeAll(async () => {
    await initBackend('cpu')
  })

  // Training part: class 0 = rows 0..5 at x = 0..5 (1-d) and y = 10 (second modality); class 1 = rows 6, 7 at 100, 104 / −10.
  const x0 = Float32Array.of(0, 1, 2, 3, 4, 5, 100, 104)
  const x1 = Float32Array.of(10, 10, 10, 10, 10, 10, -10, -10)
  const labels = Int32Array.of(0, 0, 0, 0, 0, 0, 1, 1)
  const env = fakeEnv({ classCounts: [6, 2], modalities: [{ name: 'a', features: 1 }, { name: 'b', features: 1 }], batchSize: 3, trainingInputs: [x0, x1] })

  it('adds 4 class-1 rows spread over the 3 batches, on the segment between the two class-1 samples, labelled with index −1', () => {
    const inst = smote.create(smote.options.parse({ k: 1 }), env)
    const ctx = { epoch: 1, totalEpochs: 1, labels, numClasses: 2, rng: createRng(1) }
    const plan = inst.planEpoch!({ indices: Int32Array.from(labels, (_, i) => i) }, ctx)
    expect(plan.indices).toHaveLength(8) // the plan itself is unchanged
    const rows: { label: number; index: number; a: number; b: number; w: number }[] = []
    tf.tidy(() => {
      for (const slice of [[0, 1, 2], [3, 4, 5], [6, 7]]) {
        const batch: Batch = {
          inputs: [tf.tensor2d(slice.map((i) => [x0[i]!])), tf.tensor2d(slice.map((i) => [x1[i]!]))],
          targets: tf.oneHot(slice.map((i) => labels[i]!), 2).toFloat() as tf.Tensor2D,
          weights: tf.ones([slice.length]),
          labels: Int32Array.from(slice, (i) => labels[i]!),
          indices: Int32Array.from(slice),
        }
        const out = inst.transformBatch!(batch, ctx)
        const a = out.inputs[0]!.dataSync()
        const b = out.inputs[1]!.dataSync()
        const w = out.weights.dataSync()
        const t = out.targets.arraySync()
        expect(out.labels).toHaveLength(a.length)
        for (let r = slice.length; r < out.labels.length; r++) {
          rows.push({ label: out.labels[r]!, index: out.indices[r]!, a: a[r]!, b: b[r]!, w: w[r]! })
          expect(t[r]).toEqual([0, 1])
        }
      }
    })
    expect(rows).toHaveLength(4)
    for (const r of rows) {
      expect(r).toMatchObject({ label: 1, index: -1, b: -10, w: 1 })
      expect(r.a).toBeGreaterThanOrEqual(100)
      expect(r.a).toBeLessThanOrEqual(104)
    }
    expect(inst.metrics!()).toMatchObject({ added: 4, 'added.1': 4, 'added.0': 0 })
  })

  it('regenerate once: the same synthetic rows every epoch; every-epoch: fresh ones', () => {
    const draw = (regenerate: 'once' | 'every-epoch', epoch: number): number[] => {
      const inst = smote.create(smote.options.parse({ k: 1, regenerate }), env)
      const ctx = { epoch, totalEpochs: 2, labels, numClasses: 2, rng: createRng(epoch) }
      inst.planEpoch!({ indices: Int32Array.from(labels, (_, i) => i) }, ctx)
      return tf.tidy(() => {
        const batch: Batch = { inputs: [tf.zeros([0, 1]), tf.zeros([0, 1])], targets: tf.zeros([0, 2]), weights: tf.zeros([0]), labels: new Int32Array(0), indices: new Int32Array(0) }
        const out: number[] = []
        for (let b = 0; b < 3; b++) out.push(...inst.transformBatch!(batch, ctx).inputs[0]!.dataSync())
        return out
      })
    }
    expect(draw('once', 1)).toEqual(draw('once', 2))
    expect(draw('every-epoch', 1)).not.toEqual(draw('every-epoch', 2))
  })
})
