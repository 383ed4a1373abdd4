/**
 * Shapes of evaluation results (computed in `src/main/evaluation`, stored in the workspace,
 * shown by the CLI and the app). Undefined values (e.g. AUC of a group with one class) are `null`.
 */
export interface PerClassMetrics {
  name: string
  precision: number
  recall: number
  f1: number
  support: number
}

export interface ClassificationMetrics {
  accuracy: number
  balancedAccuracy: number
  weightedF1: number
  macroF1: number
  /** Binary: ROC AUC of P(class 1). Multiclass: macro one-vs-rest. null if undefined. */
  auc: number | null
  /** Expected calibration error (15 equal-width confidence bins, top-label). */
  ece: number
  perClass: PerClassMetrics[]
  /** confusion[true][pred] */
  confusion: number[][]
}

export interface GroupMetrics {
  group: string
  count: number
  accuracy: number
  auc: number | null
  /** Binary: TPR/FPR of class 1. Multiclass: macro one-vs-rest average. */
  tpr: number | null
  fpr: number | null
  /** Rate of predicting the positive class (binary) / macro-averaged one-vs-rest selection rate. */
  selectionRate: number
  /**
   * Sensitivity read off this group's own ROC curve at specificity `FairnessMetrics.operatingPoint`
   * (linear interpolation between ROC points; multiclass: macro one-vs-rest). null with one class.
   */
  sensitivityAtSpecificity?: number | null
  /** Percentile bootstrap intervals (see `FairnessMetrics.bootstrap`); null where undefined. */
  ci?: Partial<Record<GroupCiMetric, [number, number] | null>>
}

/** Group metrics that carry bootstrap intervals. */
export type GroupCiMetric = 'accuracy' | 'auc' | 'tpr' | 'fpr' | 'selectionRate' | 'sensitivityAtSpecificity'
/** Attribute-level numbers (gaps and equity-scaled scores) that carry bootstrap intervals. */
export type GapCiMetric =
  | 'esAuc'
  | 'esAcc'
  | 'dpd'
  | 'eod'
  | 'eodMean'
  | 'tprGap'
  | 'fprGap'
  | 'accuracyGap'
  | 'aucGap'
  | 'worstGroupAccuracy'
  | 'sensitivityGap'

export interface FairnessMetrics {
  attribute: string
  groups: GroupMetrics[]
  /** Samples whose value of this attribute is unknown (excluded here). */
  excluded: number
  esAuc: number | null
  esAcc: number
  /** Demographic parity difference (fairlearn between_groups). */
  dpd: number
  /** Equalized odds difference (fairlearn worst_case). */
  eod: number | null
  worstGroupAccuracy: number
  /** Equalized odds difference with fairlearn agg 'mean' (mean of the TPR and FPR gaps). */
  eodMean?: number | null
  /** max_g TPR_g − min_g TPR_g and the same for FPR (the two parts of EOD). */
  tprGap?: number | null
  fprGap?: number | null
  /** max_g − min_g of group accuracy / group AUC. */
  accuracyGap?: number
  aucGap?: number | null
  /** Specificity at which `GroupMetrics.sensitivityAtSpecificity` is read (e.g. 0.9). */
  operatingPoint?: number
  /** max_g − min_g of the sensitivity at the operating point. */
  sensitivityGap?: number | null
  /** Bootstrap intervals of the attribute-level numbers, with how they were made. */
  ci?: Partial<Record<GapCiMetric, [number, number] | null>>
  bootstrap?: { replicates: number; level: number; seed: number; rule: string }
  /**
   * Small-group rule applied before evaluation (protocol.minGroupSize): the groups below the
   * minimum (whole-dataset counts) and what happened to them ('merge' into one group, 'exclude' =
   * treated as unknown: kept for training, left out of these metrics and counted in `excluded`).
   */
  smallGroups?: { minSize: number; rule: 'merge' | 'exclude'; groups: { name: string; count: number }[]; mergedInto?: string }
}

/** A post-processed version of the same predictions (e.g. per-group thresholds), reported separately. */
export interface EvaluationVariant {
  /** Appended to the arm name: `<arm>+<name>`. */
  name: string
  /** How the variant was made (fitted where, applied how). */
  description: string
  classification: ClassificationMetrics
  fairness: FairnessMetrics[]
  /** Fitted parameters, for the record (e.g. thresholds per group). */
  fitted?: Record<string, unknown>
}

export interface EvaluationReport {
  classification: ClassificationMetrics
  fairness: FairnessMetrics[]
  /** Post-processed variants of these predictions (absent when the arm asks for none). */
  variants?: EvaluationVariant[]
}
