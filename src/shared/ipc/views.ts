/**
 * Shapes the app's views ask for beyond the CLI's needs: file previews for the import wizard,
 * dataset details (crosstab, feature statistics, imbalance), run jobs, epoch curves and ROC data.
 */
import { z } from 'zod'
import { DatasetMeta } from '../dataset'

export const FilePreview = z.object({
  columns: z.array(z.object({ name: z.string(), inferred: z.enum(['numeric', 'categorical', 'empty']) })),
  rows: z.array(z.array(z.string())),
  delimiter: z.string(),
  totalRowsEstimate: z.number().int().optional(),
})
export type FilePreview = z.infer<typeof FilePreview>

export const PreviewRequest = z.strictObject({
  path: z.string().min(1),
  delimiter: z.string().length(1).optional(),
  charset: z.string().optional(),
  missingTokens: z.array(z.string()).optional(),
  header: z.boolean().optional(),
  rows: z.number().int().min(1).max(200).optional(),
})

const Range = z.object({ min: z.number(), median: z.number(), max: z.number() })

export const DatasetDetail = z.object({
  meta: DatasetMeta,
  /** Attribute × class counts (rows = groups, columns = classes), unknown values counted apart. */
  crosstabs: z.array(
    z.object({
      attribute: z.string(),
      groups: z.array(z.string()),
      classes: z.array(z.string()),
      counts: z.array(z.array(z.number().int())),
      unknownByClass: z.array(z.number().int()),
    }),
  ),
  /** Per-modality feature statistics: distribution over features of their mean and std. */
  features: z.array(
    z.object({ modality: z.string(), features: z.number().int(), missing: z.number().int(), constant: z.number().int(), mean: Range, std: Range }),
  ),
  imbalance: z.object({
    /** max/min class count. */
    ratio: z.number(),
    /** CLIMD Eq. 6 power-law MLE α with γ (methods.md §2.3); null when undefined (one class). */
    climdAlpha: z.number().nullable(),
    gamma: z.number(),
    /** Which class counts the ratio and α use: the training part of a predefined split, or all samples. */
    basis: z.enum(['train', 'all']).optional(),
    /** Why α is null (one class; perfectly balanced) or why it should be read with care (nearly balanced). */
    note: z.string().optional(),
  }),
})
export type DatasetDetail = z.infer<typeof DatasetDetail>

export const JobKeySchema = z.object({ arm: z.string(), seed: z.number().int(), fold: z.number().int() })

export const JobListEntry = z.object({
  key: JobKeySchema,
  keyString: z.string(),
  status: z.enum(['done', 'failed']),
  error: z.string().nullable(),
  backend: z.string().nullable(),
  durationMs: z.number().nullable(),
  bestEpoch: z.number().int().nullable(),
  /** Test-part EvaluationReport (src/shared/metrics.ts); null for a failed job. */
  metrics: z.custom<import('../metrics').EvaluationReport | null>(),
  finishedAt: z.string(),
})
export type JobListEntry = z.infer<typeof JobListEntry>

export const EpochEntry = z.object({
  epoch: z.number().int(),
  trainLoss: z.number(),
  valLoss: z.number(),
  valAccuracy: z.number(),
  valMacroF1: z.number(),
  extras: z.record(z.string(), z.number()),
})
export type EpochEntry = z.infer<typeof EpochEntry>

/** ROC curves per arm from the pooled test predictions of its jobs (binary: class 1; multiclass: one-vs-rest per class). */
export const ArmRoc = z.object({
  arm: z.string(),
  curves: z.array(z.object({ className: z.string(), fpr: z.array(z.number()), tpr: z.array(z.number()), auc: z.number().nullable() })),
})
export type ArmRoc = z.infer<typeof ArmRoc>

export const ActiveRun = z.object({
  runId: z.string(),
  experimentName: z.string(),
  finished: z.number().int(),
  toRun: z.number().int(),
  totalJobs: z.number().int(),
  backend: z.string().nullable(),
  startedAt: z.string(),
})
export type ActiveRun = z.infer<typeof ActiveRun>

export const ConfigCheck = z.object({ warnings: z.array(z.string()), jobs: z.number().int() })
export type ConfigCheck = z.infer<typeof ConfigCheck>
