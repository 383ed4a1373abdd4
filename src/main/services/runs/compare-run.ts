/**
 * The comparison of a run's arms with a reference arm (DESIGN §6): per metric and arm, mean, std and
 * 95% CIs over the jobs; per non-reference arm, paired tests over identical (seed, fold) jobs, Holm
 * across the arms, win/tie/loss and a verdict. Every metric is computed per job, then averaged.
 */
import { ExperimentConfig, Protocol } from '../../../shared/experiment'
import type { EvaluationReport } from '../../../shared/metrics'
import { AppFailure } from '../../../shared/result'
import {
  FAIRNESS_METRICS,
  HIGHER_IS_BETTER,
  type ComparedMetric,
  type MetricComparison,
  type PairedTestName,
  type RunComparison,
  type RunComparisonWithBreakdowns,
} from '../../../shared/statistics'
import { WILCOXON_EXACT_MAX_N } from '../../statistics'
import { getDatasetMeta, getRun, listJobs, type JobRow, type Workspace } from '../workspace'
import { compareBreakdowns } from './compare-breakdowns'
import { compareQuantity, yieldToEventLoop, type CompareSettings } from './compare-values'
import { withVariantJobs } from './variant-jobs'

export type { RunComparison }

export interface CompareOptions {
  /** Arm the others are compared with; default the first arm of the experiment. */
  reference?: string
  /** Significance level of the verdicts. Default 0.05. */
  alpha?: number
  /** Test behind the adjusted p-values and verdicts. Default 'corrected-t'. */
  test?: PairedTestName
}

/** The aggregation rule of every metric here, printed beside it. */
export const AGGREGATION_RULE = 'averaged over folds'

const LABELS: Record<ComparedMetric, string> = {
  accuracy: 'Accuracy',
  balancedAccuracy: 'Balanced accuracy',
  weightedF1: 'Weighted F1',
  macroF1: 'Macro F1',
  auc: 'AUC',
  ece: 'ECE',
  esAuc: 'ES-AUC',
  dpd: 'DPD',
  eod: 'EOD',
  worstGroupAccuracy: 'Worst-group accuracy',
}
const HEADLINE = ['accuracy', 'balancedAccuracy', 'weightedF1', 'macroF1', 'auc', 'ece'] as const satisfies readonly ComparedMetric[]

interface MetricSpec {
  metric: ComparedMetric
  attribute: string | null
  read(report: EvaluationReport): number | null | undefined
}


/**
 * n_test / n_train of one resample for the corrected t-test: 1/(k − 1) for k-fold and repeated
 * k-fold (Nadeau & Bengio 2003; Bouckaert & Frank 2004); test/train counts of the predefined split
 * from the dataset meta. Without them (dataset deleted) 1 is used, which only makes the test more
 * conservative, and a warning says so.
 */
async function testTrainRatio(ws: Workspace, protocol: Protocol, datasetId: string, warnings: string[]): Promise<{ ratio: number; source: string }> {
  if (protocol.kind !== 'predefined') {
    const k = protocol.folds
    return { ratio: 1 / (k - 1), source: `${protocol.kind === 'kfold' ? '' : 'repeated '}${k}-fold: 1/(k − 1) = 1/${k - 1}` }
  }
  const counts = (await getDatasetMeta(ws, datasetId))?.splitCounts
  if (counts && counts.train > 0) return { ratio: counts.test / counts.train, source: `predefined split: ${counts.test} test / ${counts.train} train` }
  warnings.push(`The split sizes of dataset "${datasetId}" are unknown (dataset deleted?); the corrected t-test uses n_test/n_train = 1 (conservative).`)
  return { ratio: 1, source: 'predefined split, sizes unknown: 1 (conservative)' }
}

function metricSpecs(reports: EvaluationReport[]): MetricSpec[] {
  const specs: MetricSpec[] = HEADLINE.map((metric) => ({ metric, attribute: null, read: (r) => r.classification[metric] }))
  const attributes: string[] = []
  for (const r of reports) for (const f of r.fairness) if (!attributes.includes(f.attribute)) attributes.push(f.attribute)
  for (const attribute of attributes)
    for (const metric of FAIRNESS_METRICS) specs.push({ metric, attribute, read: (r) => r.fairness.find((f) => f.attribute === attribute)?.[metric] })
  return specs
}

/** The test names, as printed under the tables. */
function testNames(ratio: number): RunComparison['testNames'] {
  return {
    'corrected-t': `corrected resampled t-test (Nadeau & Bengio 2003), two-sided, df = n − 1, n_test/n_train = ${+ratio.toFixed(4)}`,
    wilcoxon: `Wilcoxon signed-rank test, two-sided, zero differences dropped; exact for n ≤ ${WILCOXON_EXACT_MAX_N} without ties, else normal approximation with tie and continuity correction`,
    correction: 'Holm–Bonferroni across the arms compared with the reference, per metric',
  }
}

/**
 * Compares every arm of a run with the reference arm on the headline metrics and, per sensitive
 * attribute, on ES-AUC, DPD, EOD and worst-group accuracy. Failed jobs and undefined values are
 * left out; arms are paired by (seed, fold).
 * @throws AppFailure `NOT_FOUND` for an unknown run; `VALIDATION` for an unknown reference arm or an alpha outside (0, 1).
 */
export async function compareRun(ws: Workspace, runId: string, opts: CompareOptions = {}): Promise<RunComparisonWithBreakdowns> {
  const run = await getRun(ws, runId)
  if (!run) throw AppFailure.of('NOT_FOUND', `No run "${runId}" in the workspace (see \`equimodal results\` without an argument for the list).`)
  const alpha = opts.alpha ?? 0.05
  if (!(alpha > 0 && alpha < 1)) throw AppFailure.of('VALIDATION', `alpha must be between 0 and 1 (got ${alpha}).`, { location: { field: 'alpha' } })
  const test = opts.test ?? 'corrected-t'
  const parsed = ExperimentConfig.safeParse(run.config)
  const raw = (run.config ?? {}) as { protocol?: unknown; seeds?: number[]; arms?: { name: string }[] }
  const protocol = parsed.success ? parsed.data.protocol : Protocol.parse(raw.protocol ?? {})
  const masterSeed = (parsed.success ? parsed.data.seeds[0] : raw.seeds?.[0]) ?? 0

  const jobs = withVariantJobs(await listJobs(ws, runId)).filter((j) => j.status === 'done' && j.metrics)
  const arms = (parsed.success ? parsed.data.arms : (raw.arms ?? [])).map((a) => a.name)
  for (const j of jobs) if (!arms.includes(j.arm)) arms.push(j.arm)
  const reference = opts.reference ?? arms[0]
  if (reference === undefined) throw AppFailure.of('VALIDATION', `Run "${runId}" has no arms to compare.`)
  if (!arms.includes(reference))
    throw AppFailure.of('VALIDATION', `No arm "${reference}" in run "${runId}" (arms: ${arms.join(', ')}).`, { location: { field: 'reference' } })

  const warnings: string[] = []
  const { ratio, source } = await testTrainRatio(ws, protocol, run.datasetId, warnings)
  const byArm = new Map(arms.map((a) => [a, jobs.filter((j) => j.arm === a)]))
  for (const [arm, mine] of byArm) if (mine.length === 0) warnings.push(`Arm "${arm}" has no completed job.`)

  const settings: CompareSettings = { alpha, test, ratio, masterSeed }
  // One metric at a time, yielding in between: the server keeps answering while the bootstraps run.
  const metrics: MetricComparison[] = []
  for (const spec of metricSpecs(jobs.map((j) => j.metrics!))) {
    metrics.push(compareMetric(spec, arms, reference, byArm, settings))
    await yieldToEventLoop()
  }
  const n = metrics[0]?.arms.find((a) => a.vsReference)?.vsReference?.n ?? 0
  if (n > 0 && n < 6)
    warnings.push(`Only ${n} paired jobs per arm: the exact two-sided Wilcoxon p-value cannot go below ${+(2 / 2 ** n).toFixed(4)}; add seeds or folds for power.`)
  return {
    runId,
    experimentName: run.experimentName,
    reference,
    alpha,
    test,
    testNames: testNames(ratio),
    protocol: { kind: protocol.kind, testTrainRatio: ratio, ratioSource: source },
    aggregation: `${AGGREGATION_RULE}: each metric is computed on each job's test part, then mean ± sample std and 95% CIs (t-based; bootstrap percentile, B = 2000) over the jobs (seeds × folds); arms are paired by (seed, fold)`,
    arms,
    metrics,
    breakdowns: await compareBreakdowns(jobs, arms, reference, byArm, settings),
    warnings,
  }
}

function compareMetric(spec: MetricSpec, arms: string[], reference: string, byArm: Map<string, JobRow[]>, s: CompareSettings): MetricComparison {
  const higherIsBetter = HIGHER_IS_BETTER[spec.metric]
  const gap = spec.metric === 'dpd' || spec.metric === 'eod' || spec.metric === 'esAuc' ? spec.metric : undefined
  const armStats = compareQuantity({ read: spec.read, higherIsBetter, gap, seedParts: [spec.metric, spec.attribute ?? ''] }, arms, reference, byArm, s)
  const label = spec.attribute === null ? LABELS[spec.metric] : `${LABELS[spec.metric]} (${spec.attribute})`
  return { metric: spec.metric, attribute: spec.attribute, label, higherIsBetter, rule: AGGREGATION_RULE, arms: armStats }
}
