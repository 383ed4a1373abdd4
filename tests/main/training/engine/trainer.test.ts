/** The training loop on tiny synthetic folds: learning, no tensor leaks, determinism, early stopping, divergence, cancel. */
import * as tf from '@tensorflow/tfjs'
import { z } from 'zod'
import { beforeAll, describe, expect, it } from 'vitest'
import { AppFailure } from '../../../../src/shared/result'
import type { EpochLog } from '../../../../src/shared/training/job'
import { initBackend } from '../../../../src/main/training/engine/backend'
import { defineMethod, type MethodDefinition } from '../../../../src/main/training/engine/method'
import { trainModel } from '../../../../src/main/training/engine/trainer'
import { blobFold, tinyModel, tinyTraining, xorFold } from '../fixtures'

/** Mean of the n × C probabilities' argmax hits. */
function accuracyOf(probs: Float32Array, y: Int32Array, C: number): number {
  let hit = 0
  for (let i = 0; i < y.length; i++) {
    const row = Array.from(probs.subarray(i * C, i * C + C))
    if (row.indexOf(Math.max(...row)) === y[i]) hit++
  }
  return hit / y.length
}

describe.each(['cpu', 'wasm'] as const)('trainer on %s', (backend) => {
  beforeAll(async () => {
    expect((await initBackend(backend)).name).toBe(backend)
  })

  it('learns XOR inside a modality: loss falls, test accuracy high', async () => {
    const fold = xorFold()
    const out = await trainModel({ fold, model: tinyModel({ hidden: [16] }), training: tinyTraining({ epochs: 40, learningRate: 0.03 }), methods: [], seed: 1 })
    expect(out.backend).toBe(backend)
    expect(out.epochs).toHaveLength(40)
    expect(out.epochs[39]!.trainLoss).toBeLessThan(out.epochs[0]!.trainLoss * 0.5)
    expect(accuracyOf(out.testProbs, fold.test.y, 2)).toBeGreaterThan(0.9)
    expect(out.epochs[39]!.valAccuracy).toBeGreaterThan(0.9)
    // Probabilities: n × C, rows sum to 1.
    expect(out.testProbs).toHaveLength(fold.test.y.length * 2)
    expect(out.testProbs[0]! + out.testProbs[1]!).toBeCloseTo(1, 5)
  })

  it('keeps the number of tensors constant across epochs and releases everything at the end', async () => {
    const before = tf.memory().numTensors
    const counts: number[] = []
    await trainModel({
      fold: blobFold(),
      model: tinyModel({ hidden: [8, 6], dropout: 0.2, unimodalHeads: true }),
      training: tinyTraining({ epochs: 5, weightDecay: 1e-3 }),
      methods: [],
      seed: 2,
      onEpoch: () => counts.push(tf.memory().numTensors),
    })
    expect(counts).toHaveLength(5)
    expect(new Set(counts.slice(1)).size).toBe(1)
    expect(tf.memory().numTensors).toBe(before)
  })

  it('is deterministic for a seed and changes with the seed', async () => {
    const run = (seed: number) =>
      trainModel({ fold: blobFold(), model: tinyModel({ dropout: 0.3 }), training: tinyTraining({ epochs: 3 }), methods: [], seed })
    const [a, b, c] = [await run(7), await run(7), await run(8)]
    expect(a.epochs.map((e) => e.trainLoss)).toEqual(b.epochs.map((e) => e.trainLoss))
    expect(Array.from(a.testProbs)).toEqual(Array.from(b.testProbs))
    expect(a.epochs.map((e) => e.trainLoss)).not.toEqual(c.epochs.map((e) => e.trainLoss))
    expect(Array.from(a.testProbs)).not.toEqual(Array.from(c.testProbs))
  })
})

describe('trainer (wasm)', () => {
  beforeAll(async () => {
    await initBackend('wasm')
  })

  it('stops early on validation loss and predicts with the best epoch weights', async () => {
    // Overlapping classes, a large learning rate and many epochs: validation loss bottoms out, then rises.
    const fold = blobFold({ trainCounts: [30, 30], separation: 0.6, featureSizes: [12, 12], seed: 4 })
    const base = { fold, model: tinyModel({ hidden: [32] }), methods: [], seed: 3 }
    const logs: EpochLog[] = []
    const out = await trainModel({ ...base, training: tinyTraining({ epochs: 200, patience: 3, learningRate: 0.05 }), onEpoch: (l) => logs.push(l) })
    expect(out.stoppedEarly).toBe(true)
    expect(out.epochs.length).toBeLessThan(200)
    const valLosses = logs.map((l) => l.valLoss)
    const bestEpoch = valLosses.indexOf(Math.min(...valLosses)) + 1
    expect(out.bestEpoch).toBe(bestEpoch)
    expect(out.epochs.length).toBe(bestEpoch + 3)
    // Same seed, trained exactly bestEpoch epochs without early stopping: the same weights, so the same predictions.
    const ref = await trainModel({ ...base, training: tinyTraining({ epochs: bestEpoch, patience: 0, learningRate: 0.05 }) })
    expect(ref.bestEpoch).toBe(bestEpoch)
    expect(Array.from(out.testProbs)).toEqual(Array.from(ref.testProbs))
    expect(Array.from(out.valProbs)).toEqual(Array.from(ref.valProbs))
  })

  it('fails with TRAINING_FAILED when a loss term is NaN, naming the epoch and step, without leaking', async () => {
    const nanTerm: MethodDefinition = defineMethod({
      id: 'nan-term',
      title: 'NaN term',
      summary: 'test only',
      paper: 'test only',
      kind: 'loss',
      stages: ['extraLoss'],
      options: z.object({}),
      create: () => ({ extraLoss: (step) => (step.epoch === 2 && step.step === 3 ? tf.scalar(Number.NaN) : undefined) }),
    })
    const before = tf.memory().numTensors
    const err = await trainModel({ fold: blobFold(), model: tinyModel(), training: tinyTraining({ batchSize: 16 }), methods: [{ def: nanTerm, options: {} }], seed: 1 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppFailure)
    expect((err as AppFailure).error.code).toBe('TRAINING_FAILED')
    expect((err as AppFailure).message).toMatch(/loss became NaN at epoch 2, step 3/)
    expect(tf.memory().numTensors).toBe(before)
  })

  it('diverges to TRAINING_FAILED with an absurd learning rate', async () => {
    const err = await trainModel({
      fold: blobFold({ featureSizes: [6, 6] }),
      model: tinyModel({ hidden: [16] }),
      training: tinyTraining({ optimizer: 'sgd', learningRate: 1e12, epochs: 20 }),
      methods: [],
      seed: 1,
    }).catch((e: unknown) => e)
    expect((err as AppFailure).error?.code).toBe('TRAINING_FAILED')
    expect((err as AppFailure).message).toMatch(/loss became (NaN|Infinity|-Infinity) at epoch \d+, step \d+/)
  })

  it('stops between batches when shouldStop turns true, reporting stopped and the completed epochs only', async () => {
    let batches = 0
    const probe: MethodDefinition = defineMethod({
      id: 'count-batches',
      title: 'count',
      summary: 'test only',
      paper: 'test only',
      kind: 'observer',
      stages: ['observe'],
      options: z.object({}),
      create: () => ({ observe: (event) => void (event === 'batchEnd' && batches++) }),
    })
    const fold = blobFold() // 120 training samples, batch 32 → 4 batches per epoch
    const out = await trainModel({ fold, model: tinyModel(), training: tinyTraining({ epochs: 10 }), methods: [{ def: probe, options: {} }], seed: 1, shouldStop: () => batches >= 6 })
    expect(out.stopped).toBe(true)
    expect(batches).toBe(6)
    expect(out.epochs).toHaveLength(1)
    expect(out.bestEpoch).toBe(1)
    expect(out.testProbs).toHaveLength(fold.test.y.length * 3)
  })

  it('trains late fusion and reports unimodal-head accuracy in extras', async () => {
    const out = await trainModel({ fold: blobFold(), model: tinyModel({ fusion: 'late', unimodalHeads: true }), training: tinyTraining({ epochs: 8 }), methods: [], seed: 5 })
    const last = out.epochs[out.epochs.length - 1]!
    expect(last.valAccuracy).toBeGreaterThan(0.8)
    expect(last.extras['unimodal.0.valAccuracy']).toBeGreaterThan(0.6)
    expect(last.extras['unimodal.1.valAccuracy']).toBeGreaterThan(0.6)
    expect(last.extras['plan.samples']).toBe(120)
  })
})
