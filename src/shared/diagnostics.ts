/**
 * Modality diagnostics (DESIGN §3 "modality balance", methods.md §5.3 / §6.1 logs): per-modality
 * unimodal accuracy/AUC, exact Shapley contributions of the modalities over modality subsets (overall,
 * per class, per sensitive group) and robustness curves (a modality dropped or noised). Computed by
 * the trainer at the end of each job with the selected weights, stored per job, aggregated per arm.
 */
import { z } from 'zod'

/** Experiment-level switches (`ExperimentConfig.diagnostics`; absent = all defaults). */
export const DiagnosticsConfig = z.object({
  /** Compute diagnostics at the end of every job. */
  enabled: z.boolean().default(true),
  /**
   * Without unimodal heads: fit a linear probe per modality on the frozen encoder features every k
   * epochs and log `probe.<m>.valAccuracy` / `probe.<m>.valAuc` (0 = only at the end of the job).
   */
  probeEvery: z.number().int().min(0).max(1000).default(1),
  /** Exact Shapley values over the 2^M modality subsets (skipped when M > 5). */
  shapley: z.boolean().default(true),
  /** Noise levels σ (in training-part standard deviations of each feature) of the robustness curves. */
  noiseLevels: z.array(z.number().positive().max(100)).max(8).default([0.5, 1, 2]),
})
export type DiagnosticsConfig = z.infer<typeof DiagnosticsConfig>

/** Most modalities for which exact Shapley values are computed (2^M coalitions). */
export const SHAPLEY_MAX_MODALITIES = 5

/** φ per modality for both value functions, on a set of n test samples. */
export const ShapleyEntry = z.object({
  n: z.number().int(),
  /** Value function: test accuracy. */
  accuracy: z.array(z.number()),
  /** Value function: mean probability of the true class. */
  trueClassProb: z.array(z.number()),
})
export type ShapleyEntry = z.infer<typeof ShapleyEntry>

export const ModalityDiagnostics = z.object({
  modalities: z.array(z.string()),
  /** Test accuracy/AUC of each modality alone: its unimodal head, or a linear probe on its frozen encoder features. */
  unimodal: z.object({
    source: z.enum(['head', 'probe']),
    accuracy: z.array(z.number()),
    auc: z.array(z.number().nullable()),
  }),
  shapley: z
    .object({
      /** v(all modalities) and v(∅) (every modality replaced by its training mean): Σφ = v(all) − v(∅). */
      full: z.object({ accuracy: z.number(), trueClassProb: z.number() }),
      empty: z.object({ accuracy: z.number(), trueClassProb: z.number() }),
      overall: ShapleyEntry,
      perClass: z.array(ShapleyEntry.extend({ className: z.string() })),
      perGroup: z.array(
        z.object({
          attribute: z.string(),
          groups: z.array(ShapleyEntry.extend({ group: z.string(), unimodalAccuracy: z.array(z.number()) })),
        }),
      ),
    })
    .nullable(),
  /** Why `shapley` is null (too many modalities, switched off). */
  shapleyNote: z.string().optional(),
  robustness: z.object({
    /** Test accuracy with every modality present. */
    baseline: z.number(),
    noiseLevels: z.array(z.number()),
    perModality: z.array(
      z.object({
        modality: z.string(),
        /** Test accuracy with this modality replaced by its training mean. */
        dropped: z.number(),
        /** Test accuracy with Gaussian noise of σ · std added to this modality, per noise level. */
        noised: z.array(z.number()),
      }),
    ),
  }),
})
export type ModalityDiagnostics = z.infer<typeof ModalityDiagnostics>

const MeanStd = z.object({ mean: z.number().nullable(), std: z.number().nullable() })
export type MeanStd = z.infer<typeof MeanStd>

/** Pooled φ (n-weighted mean over jobs = Shapley on the pooled test samples) on a set of samples. */
export const PooledShapley = z.object({ n: z.number().int(), accuracy: z.array(z.number()), trueClassProb: z.array(z.number()) })

/** One arm's diagnostics over its done jobs (mean ± std over jobs unless said otherwise). */
export const ArmDiagnostics = z.object({
  arm: z.string(),
  jobs: z.number().int(),
  modalities: z.array(z.string()),
  unimodalSource: z.enum(['head', 'probe', 'mixed']).nullable(),
  unimodalAccuracy: z.array(MeanStd),
  unimodalAuc: z.array(MeanStd),
  /** φ per modality over jobs (value functions: accuracy, true-class probability). */
  shapleyAccuracy: z.array(MeanStd),
  shapleyTrueClassProb: z.array(MeanStd),
  /** Share of each modality: mean φ_m / Σ_k mean φ_k on the true-class probability (null when Σ ≈ 0). */
  shapleyShare: z.array(z.number().nullable()),
  perClass: z.array(PooledShapley.extend({ className: z.string() })),
  perGroup: z.array(z.object({ attribute: z.string(), groups: z.array(PooledShapley.extend({ group: z.string(), unimodalAccuracy: z.array(z.number()) })) })),
  robustness: z.object({
    baseline: MeanStd,
    noiseLevels: z.array(z.number()),
    perModality: z.array(z.object({ modality: z.string(), dropped: MeanStd, noised: z.array(MeanStd) })),
  }),
})
export type ArmDiagnostics = z.infer<typeof ArmDiagnostics>

export const RunDiagnostics = z.object({
  runId: z.string(),
  arms: z.array(ArmDiagnostics),
  /** Done jobs without stored diagnostics (run before diagnostics existed, or switched off). */
  jobsWithout: z.number().int(),
})
export type RunDiagnostics = z.infer<typeof RunDiagnostics>
