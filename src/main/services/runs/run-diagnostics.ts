/**
 * Modality diagnostics of a run per arm (`runs:diagnostics`): unimodal accuracy/AUC, Shapley values
 * and robustness as mean ± sample std over the arm's done jobs; per-class and per-group Shapley
 * pooled over jobs as the n-weighted mean (both value functions are means over samples, so this is
 * the Shapley value on the pooled test samples of the arm).
 */
import type { ArmDiagnostics, MeanStd, ModalityDiagnostics, RunDiagnostics } from '../../../shared/diagnostics'
import { AppFailure } from '../../../shared/result'
import { mean, sampleStd } from '../../statistics/describe'
import { getJobDiagnostics, getRun, listJobs, type Workspace } from '../workspace'

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v)

function meanStd(values: readonly (number | null | undefined)[]): MeanStd {
  const xs = values.filter(finite)
  return xs.length ? { mean: mean(xs), std: sampleStd(xs) } : { mean: null, std: null }
}

interface Pooled {
  n: number
  accuracy: number[]
  trueClassProb: number[]
}

/** n-weighted mean of φ entries (entries with n = 0 or non-finite values are skipped per value). */
function pool(entries: readonly Pooled[], M: number): Pooled {
  const n = entries.reduce((s, e) => s + e.n, 0)
  const weighted = (pick: (e: Pooled) => number[]): number[] =>
    Array.from({ length: M }, (_, m) => {
      let s = 0
      let w = 0
      for (const e of entries) {
        const v = pick(e)[m]
        if (e.n > 0 && finite(v)) {
          s += e.n * v
          w += e.n
        }
      }
      return w ? s / w : Number.NaN
    })
  return { n, accuracy: weighted((e) => e.accuracy), trueClassProb: weighted((e) => e.trueClassProb) }
}

/** Groups entries by a key, in first-seen order. */
function byKey<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const t of items) {
    const k = key(t)
    out.set(k, [...(out.get(k) ?? []), t])
  }
  return out
}

/** One arm's aggregate over its jobs' diagnostics (all with the same modalities). */
export function aggregateArm(arm: string, jobs: readonly ModalityDiagnostics[]): ArmDiagnostics {
  const modalities = jobs[0]?.modalities ?? []
  const M = modalities.length
  const perModality = <T>(f: (d: ModalityDiagnostics, m: number) => T): T[][] => modalities.map((_, m) => jobs.map((d) => f(d, m)))
  const sources = new Set(jobs.map((d) => d.unimodal.source))
  const withShapley = jobs.filter((d) => d.shapley)
  const shapAcc = perModality((d, m) => d.shapley?.overall.accuracy[m]).map(meanStd)
  const shapP = perModality((d, m) => d.shapley?.overall.trueClassProb[m]).map(meanStd)
  const total = shapP.reduce((s, x) => s + (x.mean ?? 0), 0)
  const perClass = [...byKey(withShapley.flatMap((d) => d.shapley!.perClass), (e) => e.className)].map(([className, es]) => ({ className, ...pool(es, M) }))
  const groupEntries = withShapley.flatMap((d) => d.shapley!.perGroup.flatMap((a) => a.groups.map((g) => ({ attribute: a.attribute, ...g }))))
  const perGroup = [...byKey(groupEntries, (e) => e.attribute)].map(([attribute, es]) => ({
    attribute,
    groups: [...byKey(es, (e) => e.group)].map(([group, gs]) => ({
      group,
      ...pool(gs, M),
      unimodalAccuracy: pool(gs.map((g) => ({ n: g.n, accuracy: g.unimodalAccuracy, trueClassProb: g.unimodalAccuracy })), M).accuracy,
    })),
  }))
  const noiseLevels = jobs[0]?.robustness.noiseLevels ?? []
  return {
    arm,
    jobs: jobs.length,
    modalities,
    unimodalSource: sources.size === 0 ? null : sources.size === 1 ? [...sources][0]! : 'mixed',
    unimodalAccuracy: perModality((d, m) => d.unimodal.accuracy[m]).map(meanStd),
    unimodalAuc: perModality((d, m) => d.unimodal.auc[m]).map(meanStd),
    shapleyAccuracy: shapAcc,
    shapleyTrueClassProb: shapP,
    shapleyShare: shapP.map((x) => (x.mean !== null && Math.abs(total) > 1e-9 ? x.mean / total : null)),
    perClass,
    perGroup,
    robustness: {
      baseline: meanStd(jobs.map((d) => d.robustness.baseline)),
      noiseLevels,
      perModality: modalities.map((modality, m) => ({
        modality,
        dropped: meanStd(jobs.map((d) => d.robustness.perModality[m]?.dropped)),
        noised: noiseLevels.map((_, k) => meanStd(jobs.map((d) => d.robustness.perModality[m]?.noised[k]))),
      })),
    },
  }
}

/** The run's diagnostics per arm, in config order (arms without any diagnostics are left out). */
export async function runDiagnostics(ws: Workspace, runId: string): Promise<RunDiagnostics> {
  const run = await getRun(ws, runId)
  if (!run) throw AppFailure.of('NOT_FOUND', `No run "${runId}" in the workspace.`, { location: { field: 'runId' } })
  const jobs = (await listJobs(ws, runId)).filter((j) => j.status === 'done')
  const stored = await getJobDiagnostics(ws, runId)
  const arms = ((run.config as { arms?: { name: string }[] }).arms ?? []).map((a) => a.name)
  for (const j of jobs) if (!arms.includes(j.arm)) arms.push(j.arm)
  const result: ArmDiagnostics[] = []
  for (const arm of arms) {
    const ds = jobs.filter((j) => j.arm === arm).flatMap((j) => stored.get(j.keyString) ?? [])
    if (ds.length) result.push(aggregateArm(arm, ds))
  }
  return { runId, arms: result, jobsWithout: jobs.filter((j) => !stored.has(j.keyString)).length }
}
