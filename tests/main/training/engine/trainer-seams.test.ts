/** Each method stage reaches the trainer as documented: transformBatch, buildHead, modulateGradients (by modality), planEpoch weights, metrics, checks. */
import * as tf from '@tensorflow/tfjs'
import { z } from 'zod'
import { beforeAll, describe, expect, it } from 'vitest'
import { AppFailure } from '../../../../src/shared/result'
import { initBackend } from '../../../../src/main/training/engine/backend'
import { glorotUniform } from '../../../../src/main/training/engine/init'
import { defineMethod, type MethodDefinition, type MethodInstance, type Stage } from '../../../../src/main/training/engine/method'
import { trainModel } from '../../../../src/main/training/engine/trainer'
import { loadMethodRegistry } from '../../../../src/main/training/methods/index'
import { blobFold, tinyModel, tinyTraining } from '../fixtures'

const testMethod = (id: string, stages: Stage[], create: () => MethodInstance): MethodDefinition =>
  defineMethod({ id, title: id, summary: 'test only', paper: 'test only', kind: 'observer', stages, options: z.object({}), create })

const argmaxAll = (probs: Float32Array, C: number): number[] =>
  Array.from({ length: probs.length / C }, (_, i) => {
    const row = Array.from(probs.subarray(i * C, i * C + C))
    return row.indexOf(Math.max(...row))
  })

beforeAll(async () => {
  await initBackend('wasm')
})

describe('method stages in the trainer', () => {
  it('transformBatch: rewritten targets are what the model learns', async () => {
    const allClassZero = testMethod('to-zero', ['transformBatch'], () => ({
      transformBatch: (b) => ({ ...b, targets: tf.oneHot(tf.zeros([b.labels.length], 'int32') as tf.Tensor1D, 3).toFloat() as tf.Tensor2D }),
    }))
    const out = await trainModel({ fold: blobFold(), model: tinyModel(), training: tinyTraining({ epochs: 15, learningRate: 0.05 }), methods: [{ def: allClassZero, options: {} }], seed: 1 })
    expect(new Set(argmaxAll(out.testProbs, 3))).toEqual(new Set([0]))
  })

  it('modulateGradients: zeroing modality 1 (found through modalityOfVariable) freezes its encoder only', async () => {
    const seen: Record<string, number> = {}
    let frozen: { name: string; values: number[] }[] = []
    const freeze = testMethod('freeze-m1', ['modulateGradients', 'observe'], () => ({
      modulateGradients(grads, view) {
        for (const [name, m] of view.modalityOfVariable) seen[name.replace(/^model\d+\//, '')] = m
        return Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, view.modalityOfVariable.get(name) === 1 ? tf.zerosLike(g) : g]))
      },
      observe(event) {
        if (event !== 'fitEnd') return
        const vars = tf.engine().registeredVariables
        frozen = Object.keys(vars)
          .filter((n) => /\/enc[01]\/dense0\/W$/.test(n))
          .map((n) => ({ name: n.replace(/^model\d+\//, ''), values: Array.from(vars[n]!.dataSync()) }))
      },
    }))
    const fold = blobFold()
    await trainModel({ fold, model: tinyModel({ unimodalHeads: true }), training: tinyTraining({ epochs: 2 }), methods: [{ def: freeze, options: {} }], seed: 4 })
    expect(seen).toMatchObject({ 'enc0/dense0/W': 0, 'enc1/dense0/b': 1, 'uni1/W': 1 })
    expect(Object.keys(seen).some((n) => n.startsWith('cls'))).toBe(false)
    const byName = Object.fromEntries(frozen.map((f) => [f.name, f.values]))
    // Adam with zero gradients moves nothing: modality 1 keeps its Glorot initialisation, modality 0 does not.
    expect(byName['enc1/dense0/W']).toEqual(Array.from(glorotUniform(4, 'enc1/dense0/W', 3, 8)))
    expect(byName['enc0/dense0/W']).not.toEqual(Array.from(glorotUniform(4, 'enc0/dense0/W', 4, 8)))
  })

  it('buildHead: the method head replaces the classifier and trains', async () => {
    const gradNames = new Set<string>()
    const headOnM0 = testMethod('m0-head', ['buildHead', 'modulateGradients'], () => ({
      buildHead: (ctx) => {
        const W = ctx.initWeights('W', ctx.featureSizes[0]!, ctx.numClasses)
        const b = ctx.zeros('b', [ctx.numClasses])
        return { variables: [W, b], apply: (f) => tf.add(tf.matMul(f[0]!, W), b) }
      },
      modulateGradients: (g) => {
        for (const n of Object.keys(g)) gradNames.add(n.replace(/^model\d+\//, ''))
        return g
      },
    }))
    const out = await trainModel({ fold: blobFold(), model: tinyModel(), training: tinyTraining({ epochs: 10 }), methods: [{ def: headOnM0, options: {} }], seed: 2 })
    expect(gradNames.has('head/W')).toBe(true)
    expect(gradNames.has('cls/W')).toBe(false)
    // Modality 1 does not reach the head: its encoder gets no gradient.
    expect(gradNames.has('enc1/dense0/W')).toBe(false)
    expect(out.epochs[9]!.valAccuracy).toBeGreaterThan(0.8)
  })

  it('runs the real sampler and loss together and logs their metrics under their ids', async () => {
    const registry = await loadMethodRegistry()
    const fold = blobFold({ trainCounts: [30, 12, 6] })
    const out = await trainModel({
      fold,
      model: tinyModel(),
      training: tinyTraining({ epochs: 2 }),
      methods: [{ def: registry.get('random-undersampling')!, options: {} }, { def: registry.get('weighted-ce')!, options: { power: 0 } }],
      seed: 3,
    })
    const x = out.epochs[1]!.extras
    expect(x['plan.samples']).toBe(18)
    expect(x['random-undersampling.kept.0']).toBe(6)
    expect(x['weighted-ce.weight.1']).toBe(1)
  })

  it('refuses invalid options and two owners of the loss stage', async () => {
    const registry = await loadMethodRegistry()
    const base = { fold: blobFold(), model: tinyModel(), training: tinyTraining({ epochs: 1 }), seed: 1 }
    const bad = await trainModel({ ...base, methods: [{ def: registry.get('focal-loss')!, options: { gamma: 'two' } }] }).catch((e: unknown) => e)
    expect((bad as AppFailure).error.code).toBe('VALIDATION')
    expect((bad as AppFailure).message).toMatch(/methods\[0\]\.options\.gamma/)
    const both = await trainModel({
      ...base,
      methods: [{ def: registry.get('focal-loss')!, options: {} }, { def: registry.get('weighted-ce')!, options: {} }],
    }).catch((e: unknown) => e)
    expect((both as AppFailure).error.code).toBe('CONFLICT')
  })

  it('names the method whose plan is invalid', async () => {
    const broken = testMethod('broken-plan', ['planEpoch'], () => ({ planEpoch: () => ({ indices: Int32Array.from([0, 999]) }) }))
    const err = await trainModel({ fold: blobFold(), model: tinyModel(), training: tinyTraining(), methods: [{ def: broken, options: {} }], seed: 1 }).catch((e: unknown) => e)
    expect((err as AppFailure).error.code).toBe('TRAINING_FAILED')
    expect((err as AppFailure).message).toMatch(/method "broken-plan" \(epoch 1\) holds index 999/)
  })
})
