/**
 * The results table of a run: per arm, mean ± std over its completed jobs (seeds × folds) of the
 * headline metrics, and of the fairness metrics per sensitive attribute. Averaged over folds, not
 * pooled: each job's metric is computed on its own test part first.
 */
import type { EvaluationReport, FairnessMetrics } from '../../../shared/metrics'
import type { ArmSummary, MeanStd, RunSummary } from '../../../shared/runs'
import { AppFailure } from '../../../shared/result'
import { meanStd } from '../../evaluation/aggregate'
import { getRun, listJobs, type Workspace } from '../workspace'
import { withVariantJobs } from './variant-jobs'

export type { ArmSummary, RunSummary }

const ms = (values: (number | null | undefined)[]): MeanStd => meanStd(values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)))

/** The operating point and a one-line small-group note of an attribute, from the first job that has them. */
function operatingNotes(f: (FairnessMetrics | undefined)[]): { operatingPoint?: number; smallGroups?: string } {
  const op = f.find((x) => x?.operatingPoint !== undefined)?.operatingPoint
  const sg = f.find((x) => x?.smallGroups)?.smallGroups
  const note = sg
    ? `groups under ${sg.minSize} samples ${sg.rule === 'merge' ? `merged into "${sg.mergedInto}"` : 'excluded (unknown)'}: ${sg.groups.map((g) => `${g.name} (${g.count})`).join(', ')}`
    : undefined
  return { ...(op !== undefined ? { operatingPoint: op } : {}), ...(note ? { smallGroups: note } : {}) }
}

function summarizeArm(arm: string, reports: EvaluationReport[], failed: number): ArmSummary {
  const cls = reports.map((r) => r.classification)
  const classNames = cls[0]?.perClass.map((c) => c.name) ?? []
  const attributes = reports[0]?.fairness.map((f) => f.attribute) ?? []
  const fair = (attr: string) => reports.map((r) => r.fairness.find((f) => f.attribute === attr))
  return {
    arm,
    jobs: reports.length,
    failed,
    metrics: {
      accuracy: ms(cls.map((c) => c.accuracy)),
      balancedAccuracy: ms(cls.map((c) => c.balancedAccuracy)),
      weightedF1: ms(cls.map((c) => c.weightedF1)),
      macroF1: ms(cls.map((c) => c.macroF1)),
      auc: ms(cls.map((c) => c.auc)),
      ece: ms(cls.map((c) => c.ece)),
    },
    perClassRecall: classNames.map((name, i) => ({ name, recall: ms(cls.map((c) => c.perClass[i]?.recall)) })),
    fairness: attributes.map((attribute) => {
      const f = fair(attribute)
      return {
        attribute,
        esAuc: ms(f.map((x) => x?.esAuc)),
        esAcc: ms(f.map((x) => x?.esAcc)),
        dpd: ms(f.map((x) => x?.dpd)),
        eod: ms(f.map((x) => x?.eod)),
        worstGroupAccuracy: ms(f.map((x) => x?.worstGroupAccuracy)),
        eodMean: ms(f.map((x) => x?.eodMean)),
        accuracyGap: ms(f.map((x) => x?.accuracyGap)),
        aucGap: ms(f.map((x) => x?.aucGap)),
        sensitivityGap: ms(f.map((x) => x?.sensitivityGap)),
        excluded: ms(f.map((x) => x?.excluded)),
        ...operatingNotes(f),
      }
    }),
  }
}

export async function summarizeRun(ws: Workspace, runId: string): Promise<RunSummary> {
  const run = await getRun(ws, runId)
  if (!run) throw AppFailure.of('NOT_FOUND', `No run "${runId}" in the workspace (see \`equimodal results\` without an argument for the list).`)
  const jobs = withVariantJobs(await listJobs(ws, runId))
  const armOrder = (run.config as { arms?: { name: string }[] }).arms?.map((a) => a.name) ?? []
  for (const j of jobs) if (!armOrder.includes(j.arm)) armOrder.push(j.arm)
  return {
    runId,
    experimentName: run.experimentName,
    status: run.status,
    backend: run.backend,
    aggregation: 'mean ± sample std over jobs (seeds × folds); each metric computed on its own test fold, then averaged',
    arms: armOrder.map((arm) => {
      const mine = jobs.filter((j) => j.arm === arm)
      const reports = mine.flatMap((j) => (j.status === 'done' && j.metrics ? [j.metrics] : []))
      return summarizeArm(arm, reports, mine.filter((j) => j.status === 'failed').length)
    }),
  }
}
