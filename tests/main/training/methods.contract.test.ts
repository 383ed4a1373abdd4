/**
 * The contract every registered method must meet (Composer's test_algorithms_train, style.md §7):
 * trains 2 epochs on a tiny fixture with finite loss and no tensor leak, declares exactly the stages it
 * implements, round-trips its state, has a JSON-schema-able options object and a README.
 */
import { existsSync, readFileSync } from 'node:fs'
import * as tf from '@tensorflow/tfjs'
import { z } from 'zod'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../src/main/training/engine/backend'
import { countClasses } from '../../../src/main/training/engine/class-weights'
import type { MethodDefinition, MethodEnv, Stage } from '../../../src/main/training/engine/method'
import { STAGE_MEMBER } from '../../../src/main/training/engine/method-runtime'
import { trainModel } from '../../../src/main/training/engine/trainer'
import { loadMethodRegistry } from '../../../src/main/training/methods/index'
import { createRng } from '../../../src/main/util/rng'
import { blobFold, tinyModel, tinyTraining } from './fixtures'

const registry = await loadMethodRegistry()
const definitions = [...registry.values()]
// Imbalanced on purpose (samplers and class weights have something to do); two modalities; unimodal heads on.
const fold = blobFold({ trainCounts: [24, 10, 6], seed: 21 })
const env: MethodEnv = {
  numClasses: 3,
  classCounts: countClasses(fold.train.y, 3),
  modalities: fold.featureSizes.map((d, m) => ({ name: `m${m}`, features: d })),
  totalEpochs: 2,
  batchSize: 8,
  seed: 5,
  attributes: [{ name: 'sex', groups: ['a', 'b'], counts: [0, 1].map((g) => fold.train.groups![0]!.filter((v) => v === g).length) }],
  trainingInputs: fold.train.x,
}

it('registers at least the three baseline methods', () => {
  expect(definitions.map((d) => d.id)).toEqual(expect.arrayContaining(['weighted-ce', 'focal-loss', 'random-undersampling']))
})

describe.each(['wasm', 'cpu'] as const)('method contract on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend)
  })

  it.each(definitions.map((d) => [d.id, d] as const))('%s trains 2 epochs with finite loss and no tensor leak', async (_id, def: MethodDefinition) => {
    const before = tf.memory().numTensors
    const perEpoch: number[] = []
    const out = await trainModel({
      fold,
      model: tinyModel({ unimodalHeads: true }),
      training: tinyTraining({ epochs: 2, batchSize: 8, patience: 1 }),
      methods: [{ def, options: {} }],
      seed: 5,
      onEpoch: () => perEpoch.push(tf.memory().numTensors),
    })
    expect(out.epochs).toHaveLength(2)
    for (const e of out.epochs) {
      expect(Number.isFinite(e.trainLoss)).toBe(true)
      expect(Number.isFinite(e.valLoss)).toBe(true)
      for (const [key, v] of Object.entries(e.extras)) expect(Number.isFinite(v), key).toBe(true)
    }
    expect(out.testProbs.every(Number.isFinite)).toBe(true)
    expect(perEpoch[1]).toBe(perEpoch[0])
    expect(tf.memory().numTensors).toBe(before)
  })
})

describe.each(definitions.map((d) => [d.id, d] as const))('%s', (_id, def: MethodDefinition) => {
  beforeAll(async () => {
    await initBackend('cpu')
  })

  it('declares exactly the stages its instance implements', () => {
    const inst = def.create(def.options.parse({}), env)
    const implemented = (Object.keys(STAGE_MEMBER) as Stage[]).filter((s) => typeof inst[STAGE_MEMBER[s as keyof typeof STAGE_MEMBER]] === 'function')
    expect([...def.stages].sort()).toEqual(implemented.sort())
    inst.dispose?.()
  })

  it('round-trips its state through JSON onto a fresh instance', () => {
    const a = def.create(def.options.parse({}), env)
    const b = def.create(def.options.parse({}), env)
    expect(typeof a.saveState === 'function').toBe(typeof a.loadState === 'function')
    // Advance the state the way the trainer would: one planned epoch and its observations.
    a.planEpoch?.({ indices: Int32Array.from(fold.train.y, (_, i) => i) }, { epoch: 1, totalEpochs: 2, labels: fold.train.y, numClasses: 3, groups: fold.train.groups!, rng: createRng(1) })
    a.observe?.('epochEnd', { epoch: 1, loss: 0.5, valLoss: 0.6 })
    if (a.saveState && b.loadState && b.saveState) {
      const state = a.saveState()
      b.loadState(JSON.parse(JSON.stringify(state)))
      expect(b.saveState()).toEqual(state)
    }
    a.dispose?.()
    b.dispose?.()
  })

  it('has options with defaults for every field, representable as JSON schema, and a README', () => {
    expect(() => def.options.parse({})).not.toThrow()
    expect(() => z.toJSONSchema(def.options, { io: 'input', unrepresentable: 'throw' })).not.toThrow()
    expect(def.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    const readme = new URL(`../../../src/main/training/methods/${def.id}/README.md`, import.meta.url)
    expect(existsSync(readme)).toBe(true)
    const text = readFileSync(readme, 'utf8')
    for (const stage of def.stages) expect(text).toContain(stage)
  })
})
