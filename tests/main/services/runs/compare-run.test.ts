/**
 * compareRun: hand-checkable numbers on a run whose jobs are committed directly, and a small real
 * run (3 arms × 3 folds of the tiny demo experiment) through runExperiment.
 */
import { describe, expect, it } from 'vitest'
import { summarizeDataset } from '../../../../src/shared/dataset'
import { ExperimentConfig } from '../../../../src/shared/experiment'
import type { EvaluationReport } from '../../../../src/shared/metrics'
import { RunComparisonWithBreakdowns } from '../../../../src/shared/statistics'
import { generateDemoDataset } from '../../../../src/main/data/synthetic'
import { compareRun } from '../../../../src/main/services/runs/compare-run'
import { runExperiment } from '../../../../src/main/services/runs/run-experiment'
import { callService } from '../../../../src/main/services/service-api'
import { saveDataset, type Workspace } from '../../../../src/main/services/workspace'
import { asyncFailure } from '../../../helpers/failure'
import { tinyExperiment } from '../../../helpers/temp-workspace'
import { recordingContext } from '../service-context'
import { committedRun, demoWorkspace } from './fixture'

interface Fake {
  acc: number
  ece: number
  dpd: number
  auc?: number | null
}

function report(f: Fake): EvaluationReport {
  return {
    classification: {
      accuracy: f.acc,
      balancedAccuracy: f.acc,
      weightedF1: f.acc,
      macroF1: f.acc,
      auc: f.auc === undefined ? f.acc : f.auc,
      ece: f.ece,
      // Recall of the rare class moves with accuracy (so its paired differences are the accuracy's).
      perClass: [
        { name: 'common', precision: 0.8, recall: 0.9, f1: 0.85, support: 40 },
        { name: 'rare', precision: 0.5, recall: f.acc - 0.2, f1: 0.5, support: 8 },
      ],
      confusion: [],
    },
    fairness: [
      {
        attribute: 'sex',
        groups: [
          { group: 'F', count: 20, accuracy: f.acc - 0.05, auc: null, tpr: null, fpr: null, selectionRate: 0.5 },
          { group: 'M', count: 28, accuracy: f.acc + 0.02, auc: null, tpr: null, fpr: null, selectionRate: 0.5 },
        ],
        excluded: 0,
        esAuc: null,
        esAcc: f.acc,
        dpd: f.dpd,
        eod: f.dpd,
        worstGroupAccuracy: f.acc - 0.1,
      },
    ],
  }
}

/** A run of `config` whose jobs (arm → per-fold values, null = failed job) are committed without training. */
async function fakeRun(ws: Workspace, runId: string, config: ExperimentConfig, arms: Record<string, (Fake | null)[]>): Promise<void> {
  await committedRun(ws, runId, config, Object.fromEntries(Object.entries(arms).map(([arm, folds]) => [arm, folds.map((f) => f && report(f))])))
}

const BASE: Fake[] = [
  { acc: 0.7, ece: 0.1, dpd: 0.2 },
  { acc: 0.72, ece: 0.12, dpd: 0.25 },
  { acc: 0.69, ece: 0.11, dpd: 0.22, auc: null },
  { acc: 0.71, ece: 0.1, dpd: 0.3 },
  { acc: 0.7, ece: 0.12, dpd: 0.28 },
]
// Accuracy differences vs BASE: 0.01, 0.02, 0.03, 0.04, 0.05 (the hand-worked Nadeau–Bengio example of
// tests/main/statistics/paired.test.ts: corrected t = 2√2, p = 0.04742065558431957 with 5 folds).
const BETTER: Fake[] = [
  { acc: 0.71, ece: 0.05, dpd: 0.1 },
  { acc: 0.74, ece: 0.06, dpd: 0.12 },
  { acc: 0.72, ece: 0.05, dpd: 0.11 },
  { acc: 0.75, ece: 0.05, dpd: 0.15 },
  { acc: 0.75, ece: 0.06, dpd: 0.13 },
]

describe('compareRun on committed jobs', () => {
  const config = ExperimentConfig.parse({ ...tinyExperiment(), protocol: { kind: 'kfold', folds: 5 }, arms: [{ name: 'base' }, { name: 'better' }, { name: 'same' }] })
  const fx = demoWorkspace(60, (ws) => fakeRun(ws, 'r1', config, { base: BASE, better: BETTER, same: [...BASE.slice(0, 4), null] }))

  it('gives per-arm summaries, paired tests vs the first arm, and the rule of every metric', async () => {
    const c = await compareRun(fx.ws, 'r1')
    expect(RunComparisonWithBreakdowns.parse(c)).toEqual(c) // serialisable: undefined numbers are null, not NaN
    expect(c).toMatchObject({ reference: 'base', alpha: 0.05, test: 'corrected-t', arms: ['base', 'better', 'same'] })
    expect(c.protocol).toMatchObject({ kind: 'kfold', testTrainRatio: 0.25 })
    expect(c.metrics.map((m) => m.label)).toEqual([
      'Accuracy',
      'Balanced accuracy',
      'Weighted F1',
      'Macro F1',
      'AUC',
      'ECE',
      'ES-AUC (sex)',
      'DPD (sex)',
      'EOD (sex)',
      'Worst-group accuracy (sex)',
    ])
    for (const m of c.metrics) expect(m.rule).toBe('averaged over folds')
    const acc = c.metrics[0]!
    const [base, better, same] = acc.arms
    expect(base).toMatchObject({ arm: 'base', n: 5, vsReference: null })
    expect(base!.mean).toBeCloseTo(0.704, 12)
    expect(better!.vsReference).toMatchObject({ n: 5, dropped: 0, df: 4, wins: 5, ties: 0, losses: 0, wilcoxonMethod: 'exact', pWilcoxon: 0.0625 })
    expect(better!.vsReference!.meanDiff).toBeCloseTo(0.03, 12)
    expect(better!.vsReference!.t).toBeCloseTo(2 * Math.SQRT2, 9)
    expect(better!.vsReference!.pT).toBeCloseTo(0.04742065558431957, 9)
    // The failed fold of "same" has no partner: 4 pairs, all ties.
    expect(same!.vsReference).toMatchObject({ n: 4, dropped: 1, wins: 0, ties: 4, losses: 0, pT: 1, verdict: 'no-difference' })
  })

  it('compares per-class recall and per-group accuracy with CIs and the same paired tests', async () => {
    const c = await compareRun(fx.ws, 'r1')
    expect(c.breakdowns!.map((b) => [b.kind, b.label, b.rule])).toEqual([
      ['class-recall', 'Recall common', 'averaged over folds'],
      ['class-recall', 'Recall rare', 'averaged over folds'],
      ['group-accuracy', 'Accuracy sex = F', 'averaged over folds'],
      ['group-accuracy', 'Accuracy sex = M', 'averaged over folds'],
    ])
    // Rare recall = accuracy − 0.2: the paired differences vs base are the accuracy's (t = 2√2 by hand).
    const rare = c.breakdowns![1]!.arms
    expect(rare[0]!.mean).toBeCloseTo(0.504, 12)
    expect(rare[1]!.vsReference!.t).toBeCloseTo(2 * Math.SQRT2, 9)
    expect(rare[1]!.vsReference!.pT).toBeCloseTo(0.04742065558431957, 9)
    // Group F of base: accuracy − 0.05 → mean 0.654, sample std √(520e-6 / 4); 95% t interval with
    // t(0.975, 4) = 2.776445 (Student t table): half-width 2.776445 · 0.0114018 / √5 = 0.0141571.
    const f = c.breakdowns![2]!.arms[0]!
    expect(f.mean).toBeCloseTo(0.654, 12)
    expect(f.std).toBeCloseTo(Math.sqrt(130e-6), 9)
    expect(f.ciT![0]).toBeCloseTo(0.654 - 0.0141571, 6)
    expect(f.ciT![1]).toBeCloseTo(0.654 + 0.0141571, 6)
    // A constant recall (class "common" is 0.9 everywhere) has no spread and no difference.
    expect(c.breakdowns![0]!.arms[1]!.vsReference).toMatchObject({ ties: 5, pT: 1, verdict: 'no-difference' })
  })

  it('adjusts across arms with Holm: p = 0.0474 becomes 2 · 0.0474, not significant at 0.05, significant at 0.10', async () => {
    const better = (await compareRun(fx.ws, 'r1')).metrics[0]!.arms[1]!.vsReference!
    expect(better.p).toBeCloseTo(0.04742065558431957, 9)
    expect(better.pHolm).toBeCloseTo(2 * 0.04742065558431957, 9)
    expect(better.verdict).toBe('no-difference')
    const loose = await compareRun(fx.ws, 'r1', { alpha: 0.1 })
    expect(loose.metrics[0]!.arms[1]!.vsReference!.verdict).toBe('better')
  })

  it('treats ECE and DPD as lower-is-better, and reports an undefined metric as null', async () => {
    const c = await compareRun(fx.ws, 'r1')
    const metric = (label: string) => c.metrics.find((m) => m.label === label)!
    expect(metric('ECE').higherIsBetter).toBe(false)
    expect(metric('ECE').arms[1]!.vsReference).toMatchObject({ wins: 5, verdict: 'better' })
    expect(metric('DPD (sex)').arms[1]!.vsReference).toMatchObject({ wins: 5, verdict: 'better' })
    expect(metric('AUC').arms[1]!.vsReference).toMatchObject({ n: 4, dropped: 1 }) // base's fold 2 has no AUC
    const es = metric('ES-AUC (sex)').arms[1]!
    expect(es).toMatchObject({ n: 0, mean: null, ciT: null, ciBootstrap: null })
    expect(es.vsReference).toMatchObject({ n: 0, pT: null, verdict: 'no-difference' })
  })

  it('takes another reference arm and test, and is deterministic (seeded bootstrap)', async () => {
    const c = await compareRun(fx.ws, 'r1', { reference: 'better', test: 'wilcoxon' })
    expect(c.reference).toBe('better')
    expect(c.metrics[0]!.arms.map((a) => a.vsReference === null)).toEqual([false, true, false])
    const base = c.metrics[0]!.arms[0]!.vsReference!
    expect(base.p).toBe(base.pWilcoxon)
    expect([base.wins, base.losses]).toEqual([0, 5])
    expect(await compareRun(fx.ws, 'r1', { reference: 'better', test: 'wilcoxon' })).toEqual(c)
    expect(c.metrics[0]!.arms[0]!.ciBootstrap).not.toBeNull()
  })

  it('refuses an unknown run, an unknown reference arm and a bad alpha', async () => {
    expect((await asyncFailure(compareRun(fx.ws, 'nope'))).error.code).toBe('NOT_FOUND')
    const e = await asyncFailure(compareRun(fx.ws, 'r1', { reference: 'ghost' }))
    expect(e.error.code).toBe('VALIDATION')
    expect(e.error.message).toMatch(/ghost.*base, better, same/)
    expect((await asyncFailure(compareRun(fx.ws, 'r1', { alpha: 1.5 }))).error.code).toBe('VALIDATION')
  })

  it('answers on the runs:compare channel, validating the request', async () => {
    const ctx = recordingContext(fx.ws)
    const res = await callService('runs:compare', { runId: 'r1', reference: 'better', test: 'wilcoxon' }, ctx)
    expect(res.ok ? res.value : res.error).toEqual(await compareRun(fx.ws, 'r1', { reference: 'better', test: 'wilcoxon' }))
    const bad = await callService('runs:compare', { runId: 'r1', test: 'anova' }, ctx)
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION')
    const missing = await callService('runs:compare', { runId: 'nope' }, ctx)
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND')
  })

  it('takes n_test/n_train of a predefined split from the dataset meta', async () => {
    const data = generateDemoDataset({ seed: 2, samples: 40 })
    data.split = Uint8Array.from(data.ids, (_, i) => (i % 4 === 0 ? 1 : 0)) // 10 test, 30 train
    await saveDataset(fx.ws, summarizeDataset(data, { id: 'split', name: 'split', source: 'test', format: 'synthetic' }), data)
    const predefined = ExperimentConfig.parse({ ...config, dataset: 'split', seeds: [1], protocol: { kind: 'predefined' } })
    await fakeRun(fx.ws, 'r2', predefined, { base: BASE.slice(0, 1), better: BETTER.slice(0, 1) })
    const c = await compareRun(fx.ws, 'r2')
    expect(c.protocol.testTrainRatio).toBeCloseTo(1 / 3, 14)
    expect(c.protocol.ratioSource).toMatch(/10 test \/ 30 train/)
  })
})

describe('compareRun on a real run', () => {
  const fx = demoWorkspace()

  it('pairs the jobs of each arm by (seed, fold): an identical arm ties on every fold', async () => {
    const cfg = tinyExperiment({
      training: { epochs: 3, batchSize: 32, patience: 0 },
      arms: [
        { name: 'baseline', methods: [] },
        { name: 'wce', methods: [{ method: 'weighted-ce', options: {} }] },
        { name: 'baseline-again', methods: [] },
      ],
    })
    const outcome = await runExperiment(fx.ws, cfg, { backend: 'wasm', poolSize: 2, fresh: true })
    expect(outcome.jobsDone).toBe(9)
    const c = await compareRun(fx.ws, outcome.runId)
    expect(RunComparisonWithBreakdowns.parse(c)).toEqual(c)
    expect(c.protocol).toMatchObject({ kind: 'kfold', testTrainRatio: 0.5 })
    expect(c.metrics.some((m) => m.attribute !== null)).toBe(true)
    const accuracy = c.metrics.find((m) => m.metric === 'accuracy')!
    expect(accuracy.arms.map((a) => a.n)).toEqual([3, 3, 3])
    expect(accuracy.arms[2]!.vsReference).toMatchObject({ n: 3, ties: 3, meanDiff: 0 })
    expect(accuracy.arms[1]!.vsReference).toMatchObject({ n: 3, dropped: 0, df: 2 })
    for (const m of c.metrics) {
      expect(m.rule).toBe('averaged over folds')
      const [baseline, wce, again] = m.arms
      expect(baseline!.vsReference).toBeNull()
      if (baseline!.n === 3) expect(again!.vsReference).toMatchObject({ n: 3, dropped: 0, ties: 3, wins: 0, losses: 0, pT: 1, verdict: 'no-difference' })
      if (baseline!.n === 3 && wce!.n === 3) expect(wce!.vsReference!.n).toBe(3)
    }
    expect(c.warnings.join('\n')).toMatch(/Only 3 paired jobs/)
  }, 180_000)
})
