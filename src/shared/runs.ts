/** Run-level shapes crossing the contract: run rows, outcomes, summaries (mean ± std tables). */
import { z } from 'zod'

export const MeanStd = z.object({ mean: z.number(), std: z.number(), n: z.number().int() })
export type MeanStd = z.infer<typeof MeanStd>

export const RunStatus = z.enum(['running', 'completed', 'failed', 'cancelled', 'interrupted'])
export type RunStatus = z.infer<typeof RunStatus>

export const RunOutcome = z.object({
  runId: z.string(),
  status: z.enum(['completed', 'interrupted']),
  resumed: z.boolean(),
  jobsTotal: z.number().int(),
  jobsSkipped: z.number().int(),
  jobsDone: z.number().int(),
  jobsFailed: z.number().int(),
  backend: z.string().nullable(),
  failures: z.array(z.object({ key: z.string(), reason: z.string() })),
})
export type RunOutcome = z.infer<typeof RunOutcome>

export const HeadlineMetric = z.enum(['accuracy', 'balancedAccuracy', 'weightedF1', 'macroF1', 'auc', 'ece'])
export type HeadlineMetric = z.infer<typeof HeadlineMetric>

export const ArmSummary = z.object({
  arm: z.string(),
  jobs: z.number().int(),
  failed: z.number().int(),
  metrics: z.record(HeadlineMetric, MeanStd),
  perClassRecall: z.array(z.object({ name: z.string(), recall: MeanStd })),
  fairness: z.array(
    z.object({
      attribute: z.string(),
      esAuc: MeanStd,
      esAcc: MeanStd,
      dpd: MeanStd,
      eod: MeanStd,
      worstGroupAccuracy: MeanStd,
      /** EOD with fairlearn agg 'mean', and the max − min gaps of group accuracy, AUC and sensitivity at the operating point. */
      eodMean: MeanStd.optional(),
      accuracyGap: MeanStd.optional(),
      aucGap: MeanStd.optional(),
      sensitivityGap: MeanStd.optional(),
      /** Test samples per job whose value of this attribute is unknown (left out of these metrics). */
      excluded: MeanStd.optional(),
      /** Specificity of the operating point, and the small-group rule's note (from the first job that has one). */
      operatingPoint: z.number().optional(),
      smallGroups: z.string().optional(),
    }),
  ),
})
export type ArmSummary = z.infer<typeof ArmSummary>

export const RunSummary = z.object({
  runId: z.string(),
  experimentName: z.string(),
  status: z.string(),
  backend: z.string().nullable(),
  /** How the numbers were aggregated (printed under every table). */
  aggregation: z.string(),
  arms: z.array(ArmSummary),
})
export type RunSummary = z.infer<typeof RunSummary>

export const RunListEntry = z.object({
  runId: z.string(),
  experimentName: z.string(),
  status: z.string(),
  backend: z.string().nullable(),
  datasetId: z.string(),
  createdAt: z.string(),
})
export type RunListEntry = z.infer<typeof RunListEntry>

export const MethodCatalogEntry = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  summary: z.string(),
  paper: z.string(),
  stages: z.array(z.string()),
  /** JSON schema of the options (input side: defaults are the papers' settings). */
  options: z.unknown(),
})
export type MethodCatalogEntry = z.infer<typeof MethodCatalogEntry>
