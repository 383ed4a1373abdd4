/**
 * Read-only views of a stored run for the app: its config (to resume it), its committed jobs,
 * one job's epoch curves, and ROC curves per arm from the pooled test predictions.
 */
import type { ArmRoc, JobListEntry } from '../../../shared/ipc/views'
import { AppFailure } from '../../../shared/result'
import type { EpochLog } from '../../../shared/training/job'
import { rocCurve, trapezoidArea } from '../../evaluation/auc'
import { getEpochs, getPredictions, getRun, listJobs, type RunRow, type Workspace } from '../workspace'
import { withVariantJobs } from './variant-jobs'

/** Most points kept per ROC curve sent to the app. */
export const ROC_MAX_POINTS = 200

async function requireRun(ws: Workspace, runId: string): Promise<RunRow> {
  const run = await getRun(ws, runId)
  if (!run) throw AppFailure.of('NOT_FOUND', `No run "${runId}" in the workspace.`, { location: { field: 'runId' } })
  return run
}

/** The validated config the run was started with: launching it again resumes the run while it is unfinished. */
export async function runConfig(ws: Workspace, runId: string): Promise<{ config: unknown }> {
  return { config: (await requireRun(ws, runId)).config }
}

export async function runJobs(ws: Workspace, runId: string): Promise<JobListEntry[]> {
  await requireRun(ws, runId)
  return withVariantJobs(await listJobs(ws, runId)).map((j) => ({
    key: j.key,
    keyString: j.keyString,
    status: j.status,
    error: j.error,
    backend: j.backend,
    durationMs: j.durationMs,
    bestEpoch: j.bestEpoch,
    metrics: j.metrics,
    finishedAt: j.finishedAt,
  }))
}

/** A committed job's per-epoch log (`job` is its key string, `arm|seed=s|fold=f`); empty while it is not committed. */
export async function runEpochs(ws: Workspace, runId: string, job: string): Promise<EpochLog[]> {
  await requireRun(ws, runId)
  return getEpochs(ws, runId, job)
}

/**
 * Keeps at most `max` points of a curve, evenly spread by index, always with its first and last
 * point (the points are in curve order, so the kept ones still draw the curve).
 */
export function downsampleCurve(fpr: number[], tpr: number[], max = ROC_MAX_POINTS): { fpr: number[]; tpr: number[] } {
  const n = fpr.length
  if (n <= max) return { fpr: [...fpr], tpr: [...tpr] }
  const keep = Array.from({ length: max }, (_, k) => Math.round((k * (n - 1)) / (max - 1)))
  return { fpr: keep.map((i) => fpr[i]!), tpr: keep.map((i) => tpr[i]!) }
}

function curveFor(className: string, yBinary: number[], scores: number[]): ArmRoc['curves'][number] {
  const roc = scores.length ? rocCurve(yBinary, scores) : null
  if (!roc) return { className, fpr: [], tpr: [], auc: null }
  return { className, ...downsampleCurve(roc.fpr, roc.tpr), auc: trapezoidArea(roc.fpr, roc.tpr) }
}

/**
 * Per arm (in config order), the test predictions of its done jobs pooled over seeds and folds,
 * and their ROC curves: binary, one curve of the second class; multiclass, one-vs-rest per class.
 * `auc` is the pooled AUC of the full curve (the summary's AUC is a mean over jobs instead);
 * a curve with no positive or no negative sample has no points and a null AUC.
 */
export async function runRoc(ws: Workspace, runId: string): Promise<ArmRoc[]> {
  const run = await requireRun(ws, runId)
  const jobs = (await listJobs(ws, runId)).filter((j) => j.status === 'done')
  const arms = ((run.config as { arms?: { name: string }[] }).arms ?? []).map((a) => a.name)
  for (const j of jobs) if (!arms.includes(j.arm)) arms.push(j.arm)
  const result: ArmRoc[] = []
  for (const arm of arms) {
    const armJobs = jobs.filter((j) => j.arm === arm)
    const classNames = armJobs[0]?.metrics?.classification.perClass.map((c) => c.name) ?? []
    const labels: number[] = []
    const probs: number[][] = []
    for (const job of armJobs) {
      for (const p of await getPredictions(ws, runId, job.keyString)) {
        if (p.yTrue === null) continue
        labels.push(p.yTrue)
        probs.push(p.probs)
      }
    }
    const classes = probs[0]?.length ?? classNames.length
    const name = (c: number): string => classNames[c] ?? `class ${c}`
    const oneVsRest = (c: number) => curveFor(name(c), labels.map((y) => (y === c ? 1 : 0)), probs.map((p) => p[c] ?? 0))
    const curves = classes === 2 ? [oneVsRest(1)] : Array.from({ length: classes }, (_, c) => oneVsRest(c))
    result.push({ arm, curves })
  }
  return result
}
