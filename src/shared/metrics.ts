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
}

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
}

export interface EvaluationReport {
  classification: ClassificationMetrics
  fairness: FairnessMetrics[]
}
