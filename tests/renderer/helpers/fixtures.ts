/** Small contract-shaped values for renderer tests. */
import type { DatasetMeta } from '@shared/dataset'
import type { JobListEntry } from '@shared/ipc/views'
import type { EvaluationReport } from '@shared/metrics'
import type { MeanStd, MethodCatalogEntry, RunSummary } from '@shared/runs'

export const ms = (mean: number, std = 0.01, n = 3): MeanStd => ({ mean, std, n })

export function datasetMeta(over: Partial<DatasetMeta> = {}): DatasetMeta {
  return {
    id: 'ds-1',
    name: 'demo',
    source: 'synthetic',
    format: 'synthetic',
    createdAt: '2025-01-02T03:04:05.000Z',
    samples: 100,
    classes: [
      { name: 'a', count: 70 },
      { name: 'b', count: 30 },
    ],
    modalities: [{ name: 'omics', features: 10, missing: 0 }],
    attributes: [{ name: 'sex', groups: [{ name: 'f', count: 50 }, { name: 'm', count: 50 }], unknown: 0 }],
    hasSplit: false,
    hasGroups: false,
    imbalanceRatio: 70 / 30,
    ...over,
  }
}

/** The catalog entry of focal loss as `methods:catalog` sends it (zod 4 `z.toJSONSchema`, io input). */
export const focalEntry: MethodCatalogEntry = {
  id: 'focal-loss',
  title: 'Focal loss',
  kind: 'loss',
  summary: 'Cross-entropy scaled by (1 − p_t)^γ.',
  paper: 'Lin et al. ICCV 2017',
  stages: ['loss'],
  options: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: {
      gamma: { default: 2, description: 'Focusing parameter γ', type: 'number', minimum: 0, maximum: 10 },
      alpha: {
        default: 'none',
        description: 'Class weights α',
        anyOf: [
          { type: 'string', enum: ['none', 'balanced'] },
          { type: 'array', items: { type: 'number', minimum: 0 } },
        ],
      },
    },
  },
}

export function report(accuracy: number, confusion: number[][], groups: { group: string; accuracy: number }[] = []): EvaluationReport {
  return {
    classification: {
      accuracy,
      balancedAccuracy: accuracy,
      weightedF1: accuracy,
      macroF1: accuracy,
      auc: accuracy,
      ece: 0.05,
      perClass: confusion.map((_, i) => ({ name: `c${i}`, precision: 1, recall: 1, f1: 1, support: 1 })),
      confusion,
    },
    fairness: groups.length
      ? [
          {
            attribute: 'sex',
            groups: groups.map((g) => ({ group: g.group, count: 10, accuracy: g.accuracy, auc: null, tpr: null, fpr: null, selectionRate: 0.5 })),
            excluded: 0,
            esAuc: null,
            esAcc: accuracy,
            dpd: 0.1,
            eod: 0.2,
            worstGroupAccuracy: Math.min(...groups.map((g) => g.accuracy)),
          },
        ]
      : [],
  }
}

export function job(arm: string, fold: number, metrics: EvaluationReport | null, status: 'done' | 'failed' = 'done'): JobListEntry {
  return {
    key: { arm, seed: 1, fold },
    keyString: `${arm}|seed=1|fold=${fold}`,
    status,
    error: status === 'failed' ? 'loss became NaN at epoch 3' : null,
    backend: 'cpu',
    durationMs: 1200,
    bestEpoch: 4,
    metrics,
    finishedAt: '2025-01-02T03:04:05.000Z',
  }
}

export function summary(): RunSummary {
  const arm = (name: string, acc: number, eod: number) => ({
    arm: name,
    jobs: 3,
    failed: 0,
    metrics: { accuracy: ms(acc, 0.021), balancedAccuracy: ms(acc - 0.1), weightedF1: ms(acc - 0.05), macroF1: ms(acc - 0.08), auc: { mean: Number.NaN, std: 0, n: 0 }, ece: ms(0.05) },
    perClassRecall: [
      { name: 'a', recall: ms(0.9) },
      { name: 'b', recall: ms(acc - 0.3) },
    ],
    fairness: [{ attribute: 'sex', esAuc: ms(0.7), esAcc: ms(0.75), dpd: ms(0.1), eod: ms(eod), worstGroupAccuracy: ms(0.6) }],
  })
  return {
    runId: 'run-1',
    experimentName: 'exp',
    status: 'completed',
    backend: 'cpu',
    aggregation: 'mean ± sample std over jobs (seeds × folds)',
    arms: [arm('baseline', 0.815, 0.3), arm('focal', 0.84, 0.2), arm('wce', 0.84, 0.1)],
  }
}

type Stats = import('@shared/statistics').ArmMetricStats
type Comparison = import('@shared/statistics').RunComparisonWithBreakdowns

/** An arm's statistics; `verdict` (with its p-values) for a non-reference arm. */
export function armStats(arm: string, mean: number, verdict?: 'better' | 'worse' | 'no-difference', ci: [number, number] | null = [mean - 0.02, mean + 0.02]): Stats {
  return {
    arm,
    n: 3,
    mean,
    std: 0.01,
    ciT: ci,
    ciBootstrap: ci,
    vsReference: verdict
      ? { n: 3, dropped: 0, meanDiff: verdict === 'worse' ? -0.03 : 0.03, t: 3, df: 2, pT: 0.01, wilcoxonStatistic: 0, pWilcoxon: 0.25, wilcoxonMethod: 'exact', p: 0.01, pHolm: verdict === 'no-difference' ? 0.2 : 0.02, wins: 3, ties: 0, losses: 0, verdict }
      : null,
  }
}

/** The `runs:compare` answer matching `summary()`: baseline is the reference, focal better on accuracy, wce worse on EOD. */
export function comparison(): Comparison {
  const metric = (m: string, attribute: string | null, label: string, arms: Stats[]) => ({ metric: m as never, attribute, label, higherIsBetter: m !== 'eod', rule: 'averaged over folds', arms })
  return {
    runId: 'run-1',
    experimentName: 'exp',
    reference: 'baseline',
    alpha: 0.05,
    test: 'corrected-t',
    testNames: { 'corrected-t': 'corrected resampled t-test (Nadeau & Bengio 2003)', wilcoxon: 'Wilcoxon signed-rank test', correction: 'Holm–Bonferroni across the arms' },
    protocol: { kind: 'kfold', testTrainRatio: 0.5, ratioSource: '3-fold: 1/(k − 1) = 1/2' },
    aggregation: 'averaged over folds',
    arms: ['baseline', 'focal', 'wce'],
    metrics: [
      metric('accuracy', null, 'Accuracy', [armStats('baseline', 0.815), armStats('focal', 0.84, 'better'), armStats('wce', 0.84, 'no-difference')]),
      metric('eod', 'sex', 'EOD (sex)', [armStats('baseline', 0.3), armStats('focal', 0.2, 'no-difference'), armStats('wce', 0.1, 'better')]),
    ],
    breakdowns: [
      { kind: 'class-recall', attribute: null, name: 'b', label: 'Recall b', rule: 'averaged over folds', arms: [armStats('baseline', 0.515), armStats('focal', 0.3, 'worse'), armStats('wce', 0.54, 'no-difference')] },
      { kind: 'group-accuracy', attribute: 'sex', name: 'f', label: 'Accuracy sex = f', rule: 'averaged over folds', arms: [armStats('baseline', 0.8), armStats('focal', 0.82, 'no-difference'), armStats('wce', 0.85, 'better')] },
    ],
    warnings: [],
  }
}
