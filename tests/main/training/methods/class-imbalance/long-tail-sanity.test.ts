/**
 * Sanity check for the class-imbalance axis on the failure mode it targets: on a long-tailed fold
 * (300 / 60 / 8) the baseline (plain CE) nearly ignores the rarest class. Weighted CE, SMOTE and
 * focal loss must raise that class's test recall over fixed seeds.
 *
 * CLIMD alone does not, and this test pins down why rather than hiding it: its scheduler ends on the
 * real long-tailed distribution (redistribute: the last curriculum epoch is the full training set),
 * so the decision rule it converges to is the baseline's. What it changes is the order in which
 * samples are seen, not the class prior of the final model. Composed with weighted CE (CLIMD is a
 * plug-in) it keeps WCE's gain. climd-trajectory.test.ts shows where the effect goes (mid-curriculum
 * the rarest class is predicted far more often; the full-data end takes it back). Probes of other
 * regimes (BRCA-shaped counts, the paper's lr 5e-5, selection on validation macro F1) are in
 * docs/results/class-imbalance.md ("Synthetic sanity check"): none makes a trained CLIMD raise it.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../../../src/main/training/engine/backend'
import type { MethodSpec } from '../../../../../src/main/training/engine/method-runtime'
import { trainModel } from '../../../../../src/main/training/engine/trainer'
import { loadMethodRegistry } from '../../../../../src/main/training/methods/index'
import { tinyModel, tinyTraining } from '../../fixtures'
import { classRecall, longTailFold } from './long-tail-fixture'

const SEEDS = [1, 2, 3]
const RARE = 2
const registry = await loadMethodRegistry()
const spec = (id: string, options: Record<string, unknown> = {}): MethodSpec => ({ def: registry.get(id)!, options })
const CLIMD = { warmupEpochs: 5, curriculumEpochs: 25 }

async function rareRecall(methods: MethodSpec[], seed: number): Promise<number> {
  const fold = longTailFold({ seed })
  const out = await trainModel({
    fold,
    model: tinyModel({ hidden: [8], unimodalHeads: true }),
    training: tinyTraining({ epochs: 30, batchSize: 32, learningRate: 0.01, patience: 0 }),
    methods,
    seed,
  })
  return classRecall(out.testProbs, fold.test.y, 3, RARE)
}

const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length

beforeAll(async () => {
  await initBackend('wasm')
})

describe('long-tailed fold (300 / 60 / 8): rarest-class test recall over seeds 1–3', () => {
  const results: Record<string, number[]> = {}
  beforeAll(async () => {
    const arms: Record<string, MethodSpec[]> = {
      baseline: [],
      'weighted-ce': [spec('weighted-ce')],
      smote: [spec('smote')],
      'focal-loss': [spec('focal-loss')],
      climd: [spec('climd', CLIMD)],
      'climd+weighted-ce': [spec('climd', CLIMD), spec('weighted-ce')],
    }
    for (const [name, methods] of Object.entries(arms)) {
      results[name] = []
      for (const s of SEEDS) results[name].push(await rareRecall(methods, s))
    }
  }, 300_000)

  it('the baseline nearly ignores the rarest class', () => {
    expect(mean(results.baseline!)).toBeLessThan(0.15)
  })

  it.each(['weighted-ce', 'smote', 'climd+weighted-ce'])('%s raises it by > 0.15 on the mean and on every seed', (arm) => {
    const r = results[arm]!
    expect(mean(r)).toBeGreaterThan(mean(results.baseline!) + 0.15)
    r.forEach((v, k) => expect(v).toBeGreaterThan(results.baseline![k]!))
  })

  it('focal loss raises it on the mean and on every seed (a smaller gain: it re-weights hard samples, not classes)', () => {
    const r = results['focal-loss']!
    expect(mean(r)).toBeGreaterThan(mean(results.baseline!))
    r.forEach((v, k) => expect(v).toBeGreaterThanOrEqual(results.baseline![k]!))
  })

  it('CLIMD alone ends on the long-tailed distribution and stays near the baseline (within 0.1 on the mean)', () => {
    expect(Math.abs(mean(results.climd!) - mean(results.baseline!))).toBeLessThan(0.1)
  })
})
