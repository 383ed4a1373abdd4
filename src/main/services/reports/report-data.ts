/**
 * Everything a run report shows, read from the workspace in one place: the run, its config and
 * environment, the dataset card, the results summary, per-arm group metrics, summed confusion
 * matrices, pooled ROC curves, method internals and the comparison statistics.
 */
import type { DatasetMeta } from '../../../shared/dataset'
import { ExperimentConfig } from '../../../shared/experiment'
import type { ArmRoc, DatasetDetail } from '../../../shared/ipc/views'
import type { EvaluationReport } from '../../../shared/metrics'
import { AppFailure } from '../../../shared/result'
import type { ArmSummary, MeanStd, RunSummary } from '../../../shared/runs'
import { RunComparisonWithBreakdowns } from '../../../shared/statistics'
import { meanStd } from '../../evaluation/aggregate'
import { datasetDetail } from '../datasets/dataset-detail'
import { compareRun, type CompareOptions } from '../runs/compare-run'
import { runRoc } from '../runs/run-views'
import { summarizeRun } from '../runs/summarize-run'
import { withVariantJobs } from '../runs/variant-jobs'
import { getDatasetMeta, getRun, listJobs, type JobRow, type RunRow, type Workspace } from '../workspace'
import { collectInternals, type InternalStat } from './internals'

export interface GroupStat {
  group: string
  /** Test samples of the group per job, and the smallest of them. */
  count: MeanStd
  minCount: number
  accuracy: MeanStd
  tpr: MeanStd
  fpr: MeanStd
  auc: MeanStd
  selectionRate: MeanStd
}

export interface AttributeGroups {
  attribute: string
  /** Samples with an unknown value of the attribute, summed over the arm's jobs. */
  excluded: number
  groups: GroupStat[]
}

export interface ArmReport {
  arm: string
  /** The arm's methods with their options, as configured (empty: plain cross-entropy). */
  methods: { method: string; options: Record<string, unknown> }[]
  summary: ArmSummary
  /** confusion[true][pred], summed over the arm's done jobs (every test prediction counted once per job). */
  confusion: number[][]
  groups: AttributeGroups[]
  roc: ArmRoc['curves']
  internals: InternalStat[]
}

export interface ReportData {
  run: RunRow
  /** The run's config, parsed; null when it no longer parses (config from an older version). */
  config: ExperimentConfig | null
  dataset: DatasetMeta | null
  detail: DatasetDetail | null
  summary: RunSummary
  jobs: JobRow[]
  classNames: string[]
  attributes: string[]
  arms: ArmReport[]
  comparison: RunComparisonWithBreakdowns | null
  /** Why there is no comparison (fewer than two arms, an error). */
  comparisonNote: string | null
  generatedAt: string
}

export interface ReportDataOptions {
  /** A comparison computed elsewhere (the compare view's, with its reference arm and test); else `compareRun` defaults. */
  comparison?: unknown
  /** Reference arm, α and test of the comparison computed here (when `comparison` is not given). */
  compare?: CompareOptions
}

const finite = (xs: (number | null | undefined)[]): MeanStd => meanStd(xs)

function groupStats(reports: EvaluationReport[], attribute: string): AttributeGroups {
  const perJob = reports.map((r) => r.fairness.find((f) => f.attribute === attribute))
  const names: string[] = []
  for (const f of perJob) for (const g of f?.groups ?? []) if (!names.includes(g.group)) names.push(g.group)
  return {
    attribute,
    excluded: perJob.reduce((s, f) => s + (f?.excluded ?? 0), 0),
    groups: names.map((group) => {
      const gs = perJob.map((f) => f?.groups.find((g) => g.group === group))
      const counts = gs.map((g) => g?.count ?? 0)
      return {
        group,
        count: finite(counts),
        minCount: counts.length ? Math.min(...counts) : 0,
        accuracy: finite(gs.map((g) => g?.accuracy)),
        tpr: finite(gs.map((g) => g?.tpr)),
        fpr: finite(gs.map((g) => g?.fpr)),
        auc: finite(gs.map((g) => g?.auc)),
        selectionRate: finite(gs.map((g) => g?.selectionRate)),
      }
    }),
  }
}

function summedConfusion(reports: EvaluationReport[], classes: number): number[][] {
  const sum = Array.from({ length: classes }, () => new Array<number>(classes).fill(0))
  for (const r of reports)
    r.classification.confusion.forEach((row, t) => row.forEach((v, p) => {
      const target = sum[t]
      if (target && p < classes) target[p] = (target[p] ?? 0) + v
    }))
  return sum
}

async function comparisonFor(
  ws: Workspace,
  runId: string,
  given: unknown,
  arms: number,
  options: CompareOptions = {},
): Promise<{ comparison: RunComparisonWithBreakdowns | null; note: string | null }> {
  if (given !== undefined) {
    const parsed = RunComparisonWithBreakdowns.safeParse(given)
    if (parsed.success && parsed.data.runId === runId) return { comparison: parsed.data, note: null }
    return { comparison: null, note: 'The comparison handed to the report does not belong to this run or is malformed; statistics are left out.' }
  }
  if (arms < 2) return { comparison: null, note: 'The run has a single arm: there is nothing to compare it with.' }
  try {
    return { comparison: await compareRun(ws, runId, options), note: null }
  } catch (e) {
    return { comparison: null, note: `The comparison statistics could not be computed: ${e instanceof Error ? e.message : String(e)}` }
  }
}

/**
 * Reads every number of the report of `runId`.
 * @throws AppFailure `NOT_FOUND` for an unknown run.
 */
export async function collectReportData(ws: Workspace, runId: string, opts: ReportDataOptions = {}): Promise<ReportData> {
  const run = await getRun(ws, runId)
  if (!run) throw AppFailure.of('NOT_FOUND', `No run "${runId}" in the workspace (see \`equimodal results\` for the list).`, { location: { field: 'runId' } })
  const parsed = ExperimentConfig.safeParse(run.config)
  const config = parsed.success ? parsed.data : null
  const dataset = (await getDatasetMeta(ws, run.datasetId)) ?? null
  const detail = dataset ? await datasetDetail(ws, dataset.id).catch(() => null) : null
  const summary = await summarizeRun(ws, runId)
  const jobs = await listJobs(ws, runId)
  // Post-processed variants (e.g. `baseline+thresholds`) are arms of the summary too: give them their jobs.
  const done = withVariantJobs(jobs).filter((j) => j.status === 'done' && j.metrics)
  const first = done[0]?.metrics
  const classNames = first?.classification.perClass.map((c) => c.name) ?? dataset?.classes.map((c) => c.name) ?? []
  const attributes = first?.fairness.map((f) => f.attribute) ?? dataset?.attributes.map((a) => a.name) ?? []
  const rocs = await runRoc(ws, runId)
  const arms: ArmReport[] = []
  for (const armSummary of summary.arms) {
    const mine = done.filter((j) => j.arm === armSummary.arm)
    const reports = mine.map((j) => j.metrics!)
    arms.push({
      arm: armSummary.arm,
      methods: config?.arms.find((a) => a.name === armSummary.arm)?.methods ?? [],
      summary: armSummary,
      confusion: summedConfusion(reports, classNames.length),
      groups: attributes.map((a) => groupStats(reports, a)),
      roc: rocs.find((r) => r.arm === armSummary.arm)?.curves ?? [],
      internals: await collectInternals(ws, runId, mine, classNames),
    })
  }
  const { comparison, note } = await comparisonFor(ws, runId, opts.comparison, summary.arms.length, opts.compare)
  return {
    run,
    config,
    dataset,
    detail,
    summary,
    jobs,
    classNames,
    attributes,
    arms,
    comparison,
    comparisonNote: note,
    generatedAt: new Date().toISOString(),
  }
}
