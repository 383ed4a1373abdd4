/**
 * Post-processed variants (`EvaluationReport.variants`, e.g. per-group thresholds) as extra arms:
 * a job of arm "baseline" with variant "thresholds" also appears as a job of arm
 * "baseline+thresholds" with the same seed and fold, so summaries, comparisons (paired by seed and
 * fold) and the app's views treat the variant like any other arm, without storing it twice.
 */
import { jobKeyString } from '../../../shared/training/job'
import type { JobRow } from '../workspace'

/** The variant arm's name: `<arm>+<variant>`. */
export const variantArm = (arm: string, variant: string): string => `${arm}+${variant}`

/** `jobs` followed by one virtual job per stored variant (in job order). Failed jobs have none. */
export function withVariantJobs(jobs: readonly JobRow[]): JobRow[] {
  const extra: JobRow[] = []
  for (const j of jobs) {
    for (const v of j.metrics?.variants ?? []) {
      const arm = variantArm(j.arm, v.name)
      const key = { ...j.key, arm }
      extra.push({ ...j, key, keyString: jobKeyString(key), arm, metrics: { classification: v.classification, fairness: v.fairness } })
    }
  }
  return [...jobs, ...extra]
}
