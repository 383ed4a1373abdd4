/**
 * The experiment config: a versioned JSON document that the CLI runs and the app saves/loads.
 * Validation messages name the field (see `formatZodError`).
 */
import { z } from 'zod'
import { DiagnosticsConfig } from './diagnostics'
import { AppFailure } from './result'

export const MethodRef = z.object({
  method: z.string().min(1).describe('Registered method id (see `equimodal methods`)'),
  options: z.record(z.string(), z.unknown()).default({}),
})
export type MethodRef = z.infer<typeof MethodRef>

/**
 * Post-processing of an arm's predictions, reported as an extra result `<arm>+<name>` beside the
 * arm (same jobs, same folds). `group-thresholds`: per-group decision thresholds for equalized odds
 * (fairlearn ThresholdOptimizer idea, randomised between two thresholds), fitted on the validation
 * part and applied to the test part; binary labels only.
 */
export const PostProcess = z.object({
  kind: z.literal('group-thresholds'),
  /** Attribute whose groups get thresholds; default the first attribute. */
  attribute: z.string().optional(),
  constraint: z.enum(['equalized_odds', 'demographic_parity']).default('equalized_odds'),
  objective: z.enum(['accuracy', 'balanced_accuracy']).default('accuracy'),
  /** Grid over the shared FPR (equalized odds) or selection rate (demographic parity), fairlearn default 1000. */
  gridSize: z.number().int().min(10).max(100000).default(1000),
  /** Suffix of the extra result's arm name. */
  name: z.string().regex(/^[\w.-]+$/).default('thresholds'),
})
export type PostProcess = z.infer<typeof PostProcess>

export const Arm = z.object({
  name: z.string().min(1).regex(/^[\w.+-]+$/, 'letters, digits, _ . + - only'),
  methods: z.array(MethodRef).default([]),
  /** Post-processing steps, each reported as an extra result `<arm>+<name>` (absent = none). */
  postprocess: z.array(PostProcess).optional(),
})
export type Arm = z.infer<typeof Arm>

export const Protocol = z.object({
  kind: z.enum(['predefined', 'kfold', 'repeated-kfold']).default('kfold'),
  folds: z.number().int().min(2).max(50).default(5),
  repeats: z.number().int().min(1).max(50).default(1),
  /** Stratify folds by label × this attribute as well as by label. */
  stratifyByAttribute: z.string().optional(),
  /** Keep every sample of a group (e.g. patient) in one fold; needs a grouping column. */
  groupFolds: z.boolean().default(false),
  /** Fraction of the training part carved out (stratified) for early stopping / selection. */
  validationFraction: z.number().min(0.05).max(0.5).default(0.2),
  standardize: z.boolean().default(true),
  /** What to do with missing feature values: refuse to train, or impute the training-part mean. */
  missing: z.enum(['reject', 'impute-mean']).default('reject'),
  /**
   * Intersectional attributes, e.g. [["sex", "race"]] adds attribute "sex×race" whose groups are the
   * combinations seen in the data (unknown if any part is unknown). Evaluated and usable by methods
   * and `stratifyByAttribute` like any other attribute.
   */
  intersections: z.array(z.array(z.string().min(1)).min(2)).optional(),
  /**
   * Groups with fewer samples than this in the whole dataset (every attribute, intersections
   * included) are merged into one group ("other (<n)") or excluded (treated as unknown: kept for
   * training, left out of that attribute's metrics). 0 = keep every group.
   */
  minGroupSize: z.number().int().min(0).optional(),
  smallGroups: z.enum(['merge', 'exclude']).optional(),
  /** Bootstrap replicates for the per-job confidence intervals of group metrics and gaps (0 = none). */
  fairnessBootstrap: z.number().int().min(0).max(5000).optional(),
  /** Specificity at which each group's sensitivity is read (clinical operating point). */
  operatingSpecificity: z.number().gt(0).lt(1).optional(),
})
export type Protocol = z.infer<typeof Protocol>

export const ModelConfig = z.object({
  hidden: z.array(z.number().int().min(1).max(4096)).min(1).default([128, 64]),
  dropout: z.number().min(0).max(0.9).default(0.3),
  fusion: z.enum(['early', 'late', 'attention']).default('early'),
  /** Attention fusion over modality tokens (used when `fusion` is 'attention'; MultiFair's fusion). */
  attention: z
    .object({
      /** Attention heads; must divide the token width (last entry of `hidden`). */
      heads: z.number().int().min(1).max(16).default(2),
      /** Transformer encoder layers. */
      layers: z.number().int().min(1).max(6).default(1),
      /** Pool the tokens by their mean, or take the first modality's token (as MultiFair's code). */
      pool: z.enum(['mean', 'first']).default('mean'),
      /** Feed-forward width as a multiple of the token width. */
      ffMultiplier: z.number().positive().max(8).default(2),
    })
    .optional(),
  /** Per-modality classifier heads (trained with their own CE; needed by some methods). */
  unimodalHeads: z.boolean().default(false),
  /**
   * Train the unimodal heads on detached encoder features (probes: their loss does not reach the
   * encoders), as CGGM's and MultiFair's classifiers do. Off: their CE also trains the encoders.
   */
  detachUnimodalHeads: z.boolean().default(false),
})
export type ModelConfig = z.infer<typeof ModelConfig>

export const TrainingConfig = z.object({
  optimizer: z.enum(['adam', 'sgd']).default('adam'),
  learningRate: z.number().positive().default(1e-3),
  batchSize: z.number().int().min(1).default(32),
  epochs: z.number().int().min(1).max(10000).default(50),
  /** Early stopping patience in epochs without a better selection score (`selectOn`); 0 disables early stopping. */
  patience: z.number().int().min(0).default(10),
  /**
   * What picks the restored weights and drives patience: validation loss (default), or validation macro F1
   * (ties broken by the lower loss) — the loss favours the majority prior, macro F1 weighs every class alike.
   */
  selectOn: z.enum(['val-loss', 'val-macro-f1']).default('val-loss'),
  weightDecay: z.number().min(0).default(0),
})
export type TrainingConfig = z.infer<typeof TrainingConfig>

export const Backend = z.enum(['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'])
export type Backend = z.infer<typeof Backend>

export const ExperimentConfig = z
  .object({
    version: z.literal(1),
    name: z.string().min(1).max(120),
    /** Dataset id or name in the workspace. */
    dataset: z.string().min(1),
    protocol: Protocol.default(Protocol.parse({})),
    seeds: z.array(z.number().int().nonnegative()).min(1).default([1]),
    model: ModelConfig.default(ModelConfig.parse({})),
    training: TrainingConfig.default(TrainingConfig.parse({})),
    arms: z.array(Arm).min(1),
    /** Modality diagnostics (unimodal probes, Shapley contributions, robustness); absent = defaults (on). */
    diagnostics: DiagnosticsConfig.optional(),
  })
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>()
    cfg.arms.forEach((a, i) => {
      if (seen.has(a.name)) ctx.addIssue({ code: 'custom', path: ['arms', i, 'name'], message: `duplicate arm name "${a.name}"` })
      seen.add(a.name)
    })
  })
export type ExperimentConfig = z.infer<typeof ExperimentConfig>
export type ExperimentConfigInput = z.input<typeof ExperimentConfig>

/** "arms[1].methods[0].method: Required" style lines, one per issue. */
export function formatZodError(err: z.ZodError, prefix = ''): string[] {
  return err.issues.map((i) => {
    const path = i.path
      .map((p, k) => (typeof p === 'number' ? `[${p}]` : `${k === 0 ? '' : '.'}${String(p)}`))
      .join('')
    return `${prefix}${path || '(root)'}: ${i.message}`
  })
}

/** Parses `input` or throws a VALIDATION `AppFailure` listing every issue by field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const lines = formatZodError(parsed.error)
  throw AppFailure.of('VALIDATION', `${what} is invalid:\n  ${lines.join('\n  ')}`, { details: lines })
}
