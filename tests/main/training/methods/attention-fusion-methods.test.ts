/**
 * Attention fusion is usable with every registered method: each trains 2 epochs on wasm (no einsum,
 * no gather-on-variable gradients there) with finite losses, no tensor leak, and the end-of-job
 * modality diagnostics computed (Shapley efficiency holds).
 */
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { DiagnosticsConfig } from '../../../../src/shared/diagnostics'
import { initBackend } from '../../../../src/main/training/engine/backend'
import type { MethodDefinition } from '../../../../src/main/training/engine/method'
import { trainModel } from '../../../../src/main/training/engine/trainer'
import { loadMethodRegistry } from '../../../../src/main/training/methods/index'
import { blobFold, tinyModel, tinyTraining } from '../fixtures'

const registry = await loadMethodRegistry()
const fold = blobFold({ trainCounts: [24, 10, 6], seed: 21 })

describe('every method with attention fusion (wasm)', () => {
  beforeAll(async () => {
    await initBackend('wasm')
  })

  it.each([...registry.values()].map((d) => [d.id, d] as const))('%s', async (_id, def: MethodDefinition) => {
    const before = tf.memory().numTensors
    const out = await trainModel({
      fold,
      model: tinyModel({ fusion: 'attention', attention: { heads: 2 }, unimodalHeads: true, dropout: 0.1 }),
      training: tinyTraining({ epochs: 2, batchSize: 8, patience: 0 }),
      methods: [{ def, options: {} }],
      seed: 5,
      diagnostics: DiagnosticsConfig.parse({ noiseLevels: [1] }),
    })
    expect(tf.memory().numTensors).toBe(before)
    for (const e of out.epochs) expect(Number.isFinite(e.trainLoss)).toBe(true)
    expect(out.testProbs.every(Number.isFinite)).toBe(true)
    const s = out.diagnostics!.shapley!
    expect(s.overall.trueClassProb.reduce((a, b) => a + b, 0)).toBeCloseTo(s.full.trueClassProb - s.empty.trueClassProb, 5)
  })
})
