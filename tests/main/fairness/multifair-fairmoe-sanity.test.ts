/**
 * Synthetic sanity test (issue 7) for MultiFair (paper-intent, group level) and Fair-MoE: on the
 * demo dataset's biased group (src/main/data/synthetic.ts: group F is noisier and shifted) the
 * baseline shows an equalized-odds gap between F and M; each method shrinks the mean EOD over fixed
 * seeds. Accuracy is printed; MultiFair's cost is bounded (< 3 points), Fair-MoE's (≈ 14 points) is
 * stated in docs/results/group-fairness.md.
 * The baseline has the same model (unimodal heads, detached) so that only the method differs.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { generateDemoDataset } from '../../../src/main/data/synthetic'
import { evaluate } from '../../../src/main/evaluation/evaluate'
import { planFolds } from '../../../src/main/protocol/folds'
import { prepareFold } from '../../../src/main/protocol/prepare'
import { initBackend } from '../../../src/main/training/engine/backend'
import type { MethodDefinition } from '../../../src/main/training/engine/method'
import { composeMethods } from '../../../src/main/training/engine/pipeline'
import { trainModel } from '../../../src/main/training/engine/trainer'
import { loadMethodRegistry } from '../../../src/main/training/methods/index'
import { ExperimentConfig, type MethodRef } from '../../../src/shared/experiment'

const SEEDS = [1, 2, 3]
let registry: ReadonlyMap<string, MethodDefinition>

async function arm(methods: MethodRef[]): Promise<{ accuracy: number; eod: number }> {
  let accuracy = 0
  let eod = 0
  for (const seed of SEEDS) {
    const data = generateDemoDataset({ seed, samples: 600 })
    const cfg = ExperimentConfig.parse({
      version: 1,
      name: 'sanity',
      dataset: 'demo',
      protocol: { kind: 'kfold', folds: 3, validationFraction: 0.2, stratifyByAttribute: 'sex' },
      model: { hidden: [32], dropout: 0.2, unimodalHeads: true, detachUnimodalHeads: true },
      training: { epochs: 20, patience: 0, batchSize: 32, learningRate: 0.003 },
      arms: [{ name: 'a', methods }],
    })
    const fold = prepareFold(data, planFolds(data, cfg.protocol, seed)[0]!, cfg.protocol)
    const out = await trainModel({ fold, model: cfg.model, training: cfg.training, methods: composeMethods(methods, registry).methods, seed })
    const r = evaluate({
      yTrue: fold.test.y,
      probs: out.testProbs,
      classNames: fold.classNames,
      attributes: [{ name: 'sex', groups: data.attributes[0]!.groups, values: fold.test.groups![0]! }],
    })
    accuracy += r.classification.accuracy / SEEDS.length
    eod += r.fairness[0]!.eod! / SEEDS.length
  }
  return { accuracy, eod }
}

describe('demo biased group: MultiFair (paper-intent, group level) and Fair-MoE shrink the EOD gap', () => {
  let baseline: { accuracy: number; eod: number }
  beforeAll(async () => {
    await initBackend('wasm')
    registry = await loadMethodRegistry()
    baseline = await arm([])
  }, 120_000)

  it('baseline shows a clear gap', () => {
    console.log(`baseline: accuracy ${baseline.accuracy.toFixed(3)}, EOD ${baseline.eod.toFixed(3)}`)
    expect(baseline.eod).toBeGreaterThan(0.2)
  })

  it('MultiFair paper-intent (group level only) lowers the mean EOD', { timeout: 120_000 }, async () => {
    const r = await arm([{ method: 'multifair', options: { mode: 'paper-intent', modalityLevel: false } }])
    console.log(`multifair: accuracy ${r.accuracy.toFixed(3)}, EOD ${r.eod.toFixed(3)}`)
    expect(r.eod).toBeLessThan(baseline.eod - 0.02)
    // Stated cost (measured 2026-11-23: 0.692 → 0.683); Fair-MoE's cost (≈ 14 points) is stated in
    // docs/results/group-fairness.md, not bounded here.
    expect(baseline.accuracy - r.accuracy).toBeLessThan(0.03)
  })

  it('Fair-MoE lowers the mean EOD', { timeout: 300_000 }, async () => {
    const r = await arm([{ method: 'fair-moe', options: { iterations: 15 } }])
    console.log(`fair-moe: accuracy ${r.accuracy.toFixed(3)}, EOD ${r.eod.toFixed(3)}`)
    expect(r.eod).toBeLessThan(baseline.eod - 0.02)
  })
})
