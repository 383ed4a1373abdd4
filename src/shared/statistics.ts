/** Shapes of a run comparison (arms vs a reference arm, with statistics) crossing the contract: `runs:compare`. */
import { z } from 'zod'

export const PairedTestName = z.enum(['corrected-t', 'wilcoxon'])
export type PairedTestName = z.infer<typeof PairedTestName>

export const Verdict = z.enum(['better', 'worse', 'no-difference'])
export type Verdict = z.infer<typeof Verdict>

/** Metrics compared per job: headline metrics, and per sensitive attribute the fairness ones. */
export const ComparedMetric = z.enum(['accuracy', 'balancedAccuracy', 'weightedF1', 'macroF1', 'auc', 'ece', 'esAuc', 'dpd', 'eod', 'worstGroupAccuracy'])
export type ComparedMetric = z.infer<typeof ComparedMetric>

/** Direction of each metric: ECE, DPD and EOD are lower-is-better. */
export const HIGHER_IS_BETTER: Record<ComparedMetric, boolean> = {
  accuracy: true,
  balancedAccuracy: true,
  weightedF1: true,
  macroF1: true,
  auc: true,
  ece: false,
  esAuc: true,
  dpd: false,
  eod: false,
  worstGroupAccuracy: true,
}

/** Metrics reported per sensitive attribute. */
export const FAIRNESS_METRICS = ['esAuc', 'dpd', 'eod', 'worstGroupAccuracy'] as const satisfies readonly ComparedMetric[]

/** A number that may be undefined (too few values, a failed test): null then. */
const Num = z.number().nullable()
/** A 95% interval; null when it cannot be computed (fewer than 2 values for the t interval). */
const Interval = z.tuple([z.number(), z.number()]).nullable()

export const VsReference = z.object({
  /** Jobs paired by identical (seed, fold). */
  n: z.number().int(),
  /** Jobs without a partner on the other side (both sides counted), left out. */
  dropped: z.number().int(),
  /** mean(arm − reference) over the pairs, in the metric's units. */
  meanDiff: Num,
  t: Num,
  df: z.number().int(),
  /** Two-sided p of the corrected resampled t-test. */
  pT: Num,
  wilcoxonStatistic: Num,
  /** Two-sided p of the Wilcoxon signed-rank test, and how it was computed. */
  pWilcoxon: Num,
  wilcoxonMethod: z.enum(['exact', 'normal']),
  /** p of the chosen test, and Holm-adjusted across the arms compared with the reference. */
  p: Num,
  pHolm: Num,
  wins: z.number().int(),
  ties: z.number().int(),
  losses: z.number().int(),
  /** From the Holm-adjusted p of the chosen test at alpha, and the metric's direction. */
  verdict: Verdict,
})
export type VsReference = z.infer<typeof VsReference>

export const ArmMetricStats = z.object({
  arm: z.string(),
  /** Jobs with a finite value of this metric. */
  n: z.number().int(),
  mean: Num,
  std: Num,
  ciT: Interval,
  ciBootstrap: Interval,
  /** null for the reference arm itself. */
  vsReference: VsReference.nullable(),
})
export type ArmMetricStats = z.infer<typeof ArmMetricStats>

export const MetricComparison = z.object({
  metric: ComparedMetric,
  /** Sensitive attribute of a fairness metric; null for a headline metric. */
  attribute: z.string().nullable(),
  /** Display name, e.g. "DPD (sex)". */
  label: z.string(),
  higherIsBetter: z.boolean(),
  /** Aggregation rule, printed with the numbers: "averaged over folds". */
  rule: z.string(),
  arms: z.array(ArmMetricStats),
})
export type MetricComparison = z.infer<typeof MetricComparison>

export const RunComparison = z.object({
  runId: z.string(),
  experimentName: z.string(),
  reference: z.string(),
  alpha: z.number(),
  /** The test behind `p`, `pHolm` and the verdicts. */
  test: PairedTestName,
  /** Full names of the tests and of the multiple-comparison correction, for tables and reports. */
  testNames: z.object({ 'corrected-t': z.string(), wilcoxon: z.string(), correction: z.string() }),
  protocol: z.object({
    kind: z.string(),
    /** n_test / n_train of the corrected t-test, and where it came from. */
    testTrainRatio: z.number(),
    ratioSource: z.string(),
  }),
  /** How every number was aggregated, in words. */
  aggregation: z.string(),
  arms: z.array(z.string()),
  metrics: z.array(MetricComparison),
  warnings: z.array(z.string()),
})
export type RunComparison = z.infer<typeof RunComparison>

export const CompareRunRequest = z.strictObject({
  runId: z.string().min(1),
  /** Arm the others are compared with; default the first arm of the experiment. */
  reference: z.string().min(1).optional(),
  alpha: z.number().gt(0).lt(1).optional(),
  test: PairedTestName.optional(),
})
export type CompareRunRequest = z.infer<typeof CompareRunRequest>

/** A row of a breakdown table with statistics: recall of one class, or accuracy of one group of a sensitive attribute. */
export const BreakdownComparison = z.object({
  kind: z.enum(['class-recall', 'group-accuracy']),
  /** The sensitive attribute of a group row; null for a class row. */
  attribute: z.string().nullable(),
  /** Class or group name. */
  name: z.string(),
  /** Display name, e.g. "Recall class-E" or "Accuracy sex = F". */
  label: z.string(),
  rule: z.string(),
  arms: z.array(ArmMetricStats),
})
export type BreakdownComparison = z.infer<typeof BreakdownComparison>

/** A run comparison with its per-class and per-group rows (`runs:compare` answers with this). */
export const RunComparisonWithBreakdowns = RunComparison.extend({
  /** Per-class recall and per-group accuracy, each with CIs and the same paired tests as the metrics. */
  breakdowns: z.array(BreakdownComparison).optional(),
})
export type RunComparisonWithBreakdowns = z.infer<typeof RunComparisonWithBreakdowns>

/** Metrics the across-datasets comparison ranks arms by. */
export const RankedMetric = z.enum(['accuracy', 'balancedAccuracy', 'weightedF1', 'macroF1', 'auc'])
export type RankedMetric = z.infer<typeof RankedMetric>

export const CompareDatasetsRequest = z.strictObject({
  /** Runs on different datasets that share arm names (one run = one dataset of the Friedman test). */
  runIds: z.array(z.string().min(1)).min(2).max(50),
  metric: RankedMetric.optional(),
  /** Significance level of the Friedman test and of the Nemenyi critical difference (Demšar's table has 0.05 and 0.10). */
  alpha: z.union([z.literal(0.05), z.literal(0.1)]).optional(),
})
export type CompareDatasetsRequest = z.infer<typeof CompareDatasetsRequest>

/** Friedman test, Iman–Davenport F and Nemenyi critical difference over runs (datasets) × arms (Demšar 2006). */
export const FriedmanSummary = z.object({
  /** Average rank per arm (1 = best), in the order of `arms`. */
  averageRanks: z.array(z.number()),
  chi2: z.number(),
  df: z.number().int(),
  p: z.number(),
  /** Iman–Davenport F_F; null when every dataset ranks the arms the same way (F_F is infinite, p = 0). */
  ff: z.number().nullable(),
  ffDf: z.tuple([z.number(), z.number()]),
  pFf: z.number(),
  q: z.number(),
  cd: z.number(),
  /** Groups of arms (indices into `arms`, best first) not significantly different: the bars of the CD diagram. */
  cliques: z.array(z.array(z.number().int())),
})
export type FriedmanSummary = z.infer<typeof FriedmanSummary>

export const DatasetsComparison = z.object({
  metric: RankedMetric,
  label: z.string(),
  higherIsBetter: z.boolean(),
  alpha: z.number(),
  runs: z.array(z.object({ runId: z.string(), experimentName: z.string(), datasetId: z.string(), datasetName: z.string() })),
  /** Arms present (with a value) in every run, in the first run's order. */
  arms: z.array(z.string()),
  /** scores[run][arm]: the arm's mean over its jobs in that run. */
  scores: z.array(z.array(z.number())),
  /** How the scores and ranks were obtained, printed with the diagram. */
  rule: z.string(),
  testName: z.string(),
  /** null when fewer than 2 runs or 2 shared arms are left; `note` says why. */
  friedman: FriedmanSummary.nullable(),
  note: z.string().nullable(),
  warnings: z.array(z.string()),
})
export type DatasetsComparison = z.infer<typeof DatasetsComparison>
