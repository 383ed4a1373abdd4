/** Attention fusion over modality tokens: shapes, gradients on wasm, and learning the XOR / blob fixtures. */
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { AppFailure } from '../../../../src/shared/result'
import { initBackend } from '../../../../src/main/training/engine/backend'
import type { FoldArrays, FoldPart } from '../../../../src/main/training/engine/fold'
import { buildModel } from '../../../../src/main/training/engine/model'
import { trainModel } from '../../../../src/main/training/engine/trainer'
import { createRng, type Rng } from '../../../../src/main/util/rng'
import { blobFold, tinyModel, tinyTraining, xorFold } from '../fixtures'

function accuracyOf(probs: Float32Array, y: Int32Array, C: number): number {
  let hit = 0
  for (let i = 0; i < y.length; i++) {
    const row = Array.from(probs.subarray(i * C, i * C + C))
    if (row.indexOf(Math.max(...row)) === y[i]) hit++
  }
  return hit / y.length
}

/** XOR across modalities: sign of modality 0's feature ≠ sign of modality 1's; neither modality alone is informative. */
function crossXorPart(n: number, rng: Rng): FoldPart {
  const y = new Int32Array(n)
  const x0 = new Float32Array(n)
  const x1 = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    const a = rng.next() < 0.5 ? -1 : 1
    const b = rng.next() < 0.5 ? -1 : 1
    y[i] = a === b ? 0 : 1
    x0[i] = a + 0.2 * rng.normal()
    x1[i] = b + 0.2 * rng.normal()
  }
  return { x: [x0, x1], y, rows: Int32Array.from(y, (_, i) => i) }
}

function crossXorFold(seed = 3): FoldArrays {
  const rng = createRng(seed)
  return { train: crossXorPart(240, rng), val: crossXorPart(60, rng), test: crossXorPart(80, rng), featureSizes: [1, 1], numClasses: 2, classNames: ['same', 'differ'] }
}

describe('attention fusion', () => {
  beforeAll(async () => {
    await initBackend('wasm')
  })

  it('maps M tokens to [b, C] logits and every attention variable gets a finite, non-zero gradient on wasm', () => {
    const model = buildModel({
      featureSizes: [3, 2, 4],
      numClasses: 3,
      config: tinyModel({ hidden: [6], fusion: 'attention', attention: { heads: 3, layers: 2 } }),
      seed: 4,
    })
    try {
      const names = model.trainableVariables.map((v) => v.name.slice(model.prefix.length + 1))
      expect(names).toContain('attn/modalityEmbedding')
      expect(names).toContain('attn/layer1/ff2/W')
      expect(names).toContain('attn/cls/b')
      expect(names.some((n) => n.startsWith('cls'))).toBe(false)
      const grads = tf.tidy(() => {
        const rng = createRng(1)
        const x = [3, 2, 4].map((d) => tf.tensor2d(Array.from({ length: 5 * d }, () => rng.normal()), [5, d]))
        const y = tf.oneHot(tf.tensor1d([0, 1, 2, 1, 0], 'int32'), 3)
        const { grads } = tf.variableGrads(() => {
          const logits = model.forward(x, true).logits
          expect(logits.shape).toEqual([5, 3])
          return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar
        }, model.trainableVariables)
        return Object.fromEntries(Object.entries(grads).map(([n, g]) => [n.slice(model.prefix.length + 1), tf.sum(tf.abs(g)).dataSync()[0]!]))
      })
      for (const name of names.filter((n) => n.startsWith('attn/'))) {
        expect(Number.isFinite(grads[name]), name).toBe(true)
        expect(grads[name], name).toBeGreaterThan(0)
      }
    } finally {
      model.dispose()
    }
  })

  it('refuses a head count that does not divide the token width, naming the field', () => {
    let caught: unknown
    try {
      buildModel({ featureSizes: [2, 2], numClasses: 2, config: tinyModel({ hidden: [5], fusion: 'attention', attention: { heads: 2 } }), seed: 1 }).dispose()
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(AppFailure)
    expect((caught as AppFailure).message).toContain('model.attention.heads')
  })

  it('learns XOR across modalities (needs the tokens to interact)', async () => {
    const fold = crossXorFold()
    const out = await trainModel({
      fold,
      model: tinyModel({ hidden: [16], fusion: 'attention', attention: { heads: 2 } }),
      training: tinyTraining({ epochs: 60, learningRate: 0.01 }),
      methods: [],
      seed: 2,
    })
    expect(accuracyOf(out.testProbs, fold.test.y, 2)).toBeGreaterThan(0.9)
    // Control: early fusion is a linear classifier on per-modality features, additive across
    // modalities, so it cannot represent the cross-modal XOR.
    const early = await trainModel({ fold, model: tinyModel({ hidden: [16] }), training: tinyTraining({ epochs: 60, learningRate: 0.01 }), methods: [], seed: 2 })
    expect(accuracyOf(early.testProbs, fold.test.y, 2)).toBeLessThan(0.8)
  })

  it('learns XOR inside a modality and the 3-class blobs, with unimodal heads on', async () => {
    const xor = xorFold()
    const a = await trainModel({ fold: xor, model: tinyModel({ hidden: [16], fusion: 'attention' }), training: tinyTraining({ epochs: 40, learningRate: 0.02 }), methods: [], seed: 1 })
    expect(accuracyOf(a.testProbs, xor.test.y, 2)).toBeGreaterThan(0.9)
    const blobs = blobFold()
    const b = await trainModel({
      fold: blobs,
      model: tinyModel({ hidden: [8], fusion: 'attention', attention: { pool: 'first' }, unimodalHeads: true, dropout: 0.1 }),
      training: tinyTraining({ epochs: 15 }),
      methods: [],
      seed: 1,
    })
    expect(accuracyOf(b.testProbs, blobs.test.y, 3)).toBeGreaterThan(0.9)
  })
})
