/**
 * Arms across datasets (DESIGN §6): several runs that share arm names, one run per dataset. Each
 * arm's score in a run is its mean over that run's jobs; arms are ranked within each run and
 * compared with the Friedman test, the Iman–Davenport F and the Nemenyi critical difference
 * (Demšar 2006), the numbers behind a critical-difference diagram.
 */
import { AppFailure } from '../../../shared/result'
import { HIGHER_IS_BETTER, type DatasetsComparison, type RankedMetric } from '../../../shared/statistics'
import { friedmanNemenyi } from '../../statistics'
import { getDatasetMeta, getRun, type Workspace } from '../workspace'
import { summarizeRun } from './summarize-run'

export interface CompareDatasetsOptions {
  metric?: RankedMetric
  alpha?: 0.05 | 0.1
}

const LABELS: Record<RankedMetric, string> = {
  accuracy: 'Accuracy',
  balancedAccuracy: 'Balanced accuracy',
  weightedF1: 'Weighted F1',
  macroF1: 'Macro F1',
  auc: 'AUC',
}

export const DATASETS_RULE = 'per run (dataset): each arm’s mean over its jobs (averaged over folds); arms ranked within each run, 1 = best, ties share the average rank'
export const FRIEDMAN_TEST_NAME =
  'Friedman test over runs × arms (χ²_F and the Iman–Davenport F), Nemenyi post-hoc critical difference CD = q_α √(k(k + 1)/(6N)) (Demšar 2006, JMLR 7:1–30)'

/**
 * Ranks the arms shared by `runIds` on `metric` (default balanced accuracy) and tests whether they
 * differ across the runs. Arms missing (or without a value) in any run are left out with a warning;
 * fewer than 2 runs or 2 shared arms give `friedman: null` and a note.
 * @throws AppFailure `NOT_FOUND` for an unknown run; `VALIDATION` for a run listed twice.
 */
export async function compareAcrossDatasets(ws: Workspace, runIds: readonly string[], opts: CompareDatasetsOptions = {}): Promise<DatasetsComparison> {
  const metric = opts.metric ?? 'balancedAccuracy'
  const alpha = opts.alpha ?? 0.05
  const higherIsBetter = HIGHER_IS_BETTER[metric]
  const twice = runIds.find((id, i) => runIds.indexOf(id) !== i)
  if (twice) throw AppFailure.of('VALIDATION', `Run "${twice}" is listed twice; each run counts as one dataset.`, { location: { field: 'runIds' } })
  const summaries = await Promise.all(runIds.map((id) => summarizeRun(ws, id)))
  const runs: DatasetsComparison['runs'] = []
  for (const [i, s] of summaries.entries()) {
    const datasetId = (await getRun(ws, s.runId))?.datasetId ?? ''
    const meta = datasetId ? await getDatasetMeta(ws, datasetId) : undefined
    runs.push({ runId: runIds[i]!, experimentName: s.experimentName, datasetId, datasetName: meta?.name ?? (datasetId || 'unknown dataset') })
  }
  const warnings: string[] = []
  const valueOf = (runIndex: number, arm: string): number | undefined => {
    const m = summaries[runIndex]!.arms.find((a) => a.arm === arm)?.metrics[metric]
    return m && m.n > 0 && Number.isFinite(m.mean) ? m.mean : undefined
  }
  const candidates = [...new Set(summaries.flatMap((s) => s.arms.map((a) => a.arm)))]
  const arms = candidates.filter((arm) => summaries.every((_, i) => valueOf(i, arm) !== undefined))
  const left = candidates.filter((a) => !arms.includes(a))
  if (left.length) warnings.push(`Left out (missing or without a ${LABELS[metric]} value in some run): ${left.join(', ')}.`)
  const seen = new Map<string, string>()
  for (const r of runs) {
    const other = seen.get(r.datasetId)
    if (other) warnings.push(`Runs ${other} and ${r.runId} use the same dataset "${r.datasetName}"; the Friedman test assumes independent datasets.`)
    else seen.set(r.datasetId, r.runId)
  }
  const scores = runs.map((_, i) => arms.map((arm) => valueOf(i, arm)!))
  const base = { metric, label: LABELS[metric], higherIsBetter, alpha, runs, arms, scores, rule: DATASETS_RULE, testName: FRIEDMAN_TEST_NAME, warnings }
  if (arms.length < 2) return { ...base, friedman: null, note: `Fewer than two arms are shared by every selected run (shared: ${arms.join(', ') || 'none'}).` }
  if (runs.length < 5)
    warnings.push(`Only ${runs.length} datasets: the Friedman test has little power below about 5 datasets (Demšar 2006, §3.2.2); read the ranks as descriptive.`)
  const f = friedmanNemenyi({ datasets: runs.map((r) => r.runId), arms, scores, higherIsBetter, alpha })
  const friedman = { averageRanks: f.averageRanks, chi2: f.chi2, df: f.df, p: f.p, ff: Number.isFinite(f.ff) ? f.ff : null, ffDf: f.ffDf, pFf: f.pFf, q: f.q, cd: f.cd, cliques: f.cliques }
  return { ...base, friedman, note: null }
}
