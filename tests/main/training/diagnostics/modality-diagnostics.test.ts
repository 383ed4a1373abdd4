/** Diagnostics inside the trainer: per-epoch unimodal extras, end-of-job Shapley/robustness, consistency between them, no tensor leaks. */
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { DiagnosticsConfig } from '../../../../src/shared/diagnostics'
import { initBackend } from '../../../../src/main/training/engine/backend'
import { fitLinearProbe } from '../../../../src/main/training/engine/diagnostics/linear-probe'
import { accuracyOfProbs } from '../../../../src/main/training/engine/diagnostics/unimodal'
import { trainModel } from '../../../../src/main/training/engine/trainer'
import { createRng } from '../../../../src/main/util/rng'
import { blobFold, tinyModel, tinyTraining, xorFold } from '../fixtures'

const defaults = DiagnosticsConfig.parse({})

describe('linear probe', () => {
  it('separates linearly separable rows and stays at 0.5 on label-free rows', () => {
    const rng = createRng(2)
    const n = 200
    const y = Int32Array.from({ length: n }, (_, i) => i % 2)
    // Feature 0 = 4·y + U(−1, 1): a margin of 2 between the classes; features 1, 2 are N(0, 1) noise.
    const sep = Float32Array.from({ length: n * 3 }, (_, k) => (k % 3 === 0 ? 4 * y[Math.floor(k / 3)]! + 2 * rng.next() - 1 : rng.normal()))
    expect(accuracyOfProbs(fitLinearProbe(sep, y, 3, 2).predict(sep, n), y, 2)).toBe(1)
    // Every row identical: no information, the fitted probe predicts the class prior (here 0.5/0.5).
    const flat = new Float32Array(n * 3).fill(1)
    const p = fitLinearProbe(flat, y, 3, 2).predict(flat, 1)
    expect(p[0]).toBeCloseTo(0.5, 6)
    expect(p[1]).toBeCloseTo(0.5, 6)
  })
})

describe('modality diagnostics in the trainer (wasm)', () => {
  beforeAll(async () => {
    await initBackend('wasm')
  })

  it('XOR in modality 0, noise in modality 1: modality 0 carries the Shapley value, probes per epoch, consistent with robustness', async () => {
    const fold = xorFold()
    const before = tf.memory().numTensors
    const out = await trainModel({
      fold,
      model: tinyModel({ hidden: [16] }),
      training: tinyTraining({ epochs: 30, learningRate: 0.03 }),
      methods: [],
      seed: 1,
      modalityNames: ['signal', 'noise'],
      diagnostics: defaults,
    })
    expect(tf.memory().numTensors).toBe(before)
    const last = out.epochs.at(-1)!.extras
    expect(last['probe.0.valAccuracy']).toBeGreaterThan(0.85)
    expect(last['probe.1.valAccuracy']).toBeLessThan(0.75)
    expect(last['probe.0.valAuc']).toBeGreaterThan(0.9)
    const d = out.diagnostics!
    expect(d.modalities).toEqual(['signal', 'noise'])
    expect(d.unimodal.source).toBe('probe')
    expect(d.unimodal.accuracy[0]).toBeGreaterThan(0.85)
    const s = d.shapley!
    expect(s.overall.n).toBe(fold.test.y.length)
    // Efficiency: Σφ = v(N) − v(∅), for both value functions.
    expect(s.overall.accuracy[0]! + s.overall.accuracy[1]!).toBeCloseTo(s.full.accuracy - s.empty.accuracy, 9)
    expect(s.overall.trueClassProb[0]! + s.overall.trueClassProb[1]!).toBeCloseTo(s.full.trueClassProb - s.empty.trueClassProb, 6)
    // Independent path: with M = 2, v({1}) = accuracy with modality 0 dropped, v({0}) = with modality 1 dropped,
    // so φ0 = ½[(v({0}) − v(∅)) + (v(N) − v({1}))] from the robustness curves.
    const r = d.robustness
    expect(r.baseline).toBeCloseTo(s.full.accuracy, 12)
    const phi0 = 0.5 * (r.perModality[1]!.dropped - s.empty.accuracy + (s.full.accuracy - r.perModality[0]!.dropped))
    expect(s.overall.accuracy[0]).toBeCloseTo(phi0, 12)
    expect(s.overall.accuracy[0]).toBeGreaterThan(0.3)
    expect(Math.abs(s.overall.accuracy[1]!)).toBeLessThan(0.1)
    // No attribute in the XOR fixture; the two classes each get an entry.
    expect(s.perGroup).toEqual([])
    expect(s.perClass.map((c) => c.className)).toEqual(['same', 'differ'])
    expect(r.noiseLevels).toEqual([0.5, 1, 2])
    expect(r.perModality[0]!.noised[2]).toBeLessThan(r.baseline)
  })

  it('with unimodal heads: head AUC per epoch, head-based unimodal metrics, per-group entries summing to the overall', async () => {
    const fold = blobFold()
    const out = await trainModel({
      fold,
      model: tinyModel({ unimodalHeads: true }),
      training: tinyTraining({ epochs: 4 }),
      methods: [],
      seed: 3,
      diagnostics: DiagnosticsConfig.parse({ noiseLevels: [1] }),
    })
    const extras = out.epochs[0]!.extras
    expect(extras['unimodal.0.valAuc']).toBeGreaterThan(0.5)
    expect(Object.keys(extras).some((k) => k.startsWith('probe.'))).toBe(false)
    const d = out.diagnostics!
    expect(d.unimodal.source).toBe('head')
    const [sex] = d.shapley!.perGroup
    expect(sex!.attribute).toBe('sex')
    const known = sex!.groups.reduce((s, g) => s + g.n, 0)
    const unknown = Array.from(fold.test.groups![0]!).filter((g) => g < 0).length
    expect(known + unknown).toBe(fold.test.y.length)
    // φ on all samples = n-weighted mean of φ on a partition (per class here).
    const pooled = d.shapley!.perClass.reduce((s, c) => s + c.n * c.trueClassProb[0]!, 0) / fold.test.y.length
    expect(pooled).toBeCloseTo(d.shapley!.overall.trueClassProb[0]!, 6)
  })

  it('does not change training: same losses and predictions with and without diagnostics (dropout on)', async () => {
    const run = (diagnostics?: DiagnosticsConfig) =>
      trainModel({ fold: blobFold(), model: tinyModel({ dropout: 0.3, fusion: 'attention' }), training: tinyTraining({ epochs: 3 }), methods: [], seed: 5, ...(diagnostics ? { diagnostics } : {}) })
    const [on, off] = [await run(defaults), await run()]
    expect(on.epochs.map((e) => e.trainLoss)).toEqual(off.epochs.map((e) => e.trainLoss))
    expect(Array.from(on.testProbs)).toEqual(Array.from(off.testProbs))
    expect(on.diagnostics).toBeDefined()
  })

  it('switched off: no diagnostics and no extra epoch keys', async () => {
    const out = await trainModel({ fold: blobFold(), model: tinyModel(), training: tinyTraining({ epochs: 2 }), methods: [], seed: 3 })
    expect(out.diagnostics).toBeUndefined()
    expect(Object.keys(out.epochs[0]!.extras).some((k) => k.startsWith('probe.'))).toBe(false)
  })
})
