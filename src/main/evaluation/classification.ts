/**
 * Label-based classification metrics: accuracy, balanced accuracy, per-class precision/recall/F1,
 * weighted and macro F1, confusion matrix. Definitions and edge cases follow scikit-learn
 * (`accuracy_score`, `balanced_accuracy_score`, `precision_recall_fscore_support` with
 * `zero_division=0`, `confusion_matrix`). Pure functions over typed arrays.
 */
import type { ClassificationMetrics, PerClassMetrics } from '../../shared/metrics'

/**
 * Predicted class per row of an n × C row-major probability matrix: the argmax, ties going to
 * the lowest index (numpy's `argmax`). NaN never wins; a row of NaN gives 0.
 *
 * @example argmaxRows([0.2, 0.8, 0.5, 0.5], 2) // Int32Array [1, 0]
 */
export function argmaxRows(probs: ArrayLike<number>, numClasses: number): Int32Array {
  const n = Math.floor(probs.length / numClasses)
  const pred = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const row = i * numClasses
    let best = 0
    let bestValue = -Infinity
    for (let c = 0; c < numClasses; c++) {
      const p = probs[row + c] as number
      if (p > bestValue) {
        bestValue = p
        best = c
      }
    }
    pred[i] = best
  }
  return pred
}

/** Share of samples with `yPred[i] === yTrue[i]`. NaN for empty input. */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  let correct = 0
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++
  return correct / yTrue.length
}

/** C × C counts, `confusion[true][pred]` (scikit-learn's `confusion_matrix` orientation). */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, numClasses: number): number[][] {
  const m = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0))
  for (let i = 0; i < yTrue.length; i++) m[yTrue[i] as number]![yPred[i] as number]!++
  return m
}

/**
 * Precision, recall, F1 and support of every class from a confusion matrix, with scikit-learn's
 * `zero_division=0`: precision is 0 for a class never predicted, recall is 0 for a class with no
 * true sample, F1 = 2·TP / (2·TP + FP + FN) is 0 when TP = 0 (this equals 2PR/(P+R) whenever
 * that is defined, and is what scikit-learn ≥ 1.3 computes).
 */
export function perClassMetrics(confusion: number[][], classNames: string[]): PerClassMetrics[] {
  const C = confusion.length
  return classNames.map((name, c) => {
    const tp = confusion[c]![c]!
    let support = 0
    let predicted = 0
    for (let k = 0; k < C; k++) {
      support += confusion[c]![k]!
      predicted += confusion[k]![c]!
    }
    const fp = predicted - tp
    const fn = support - tp
    return {
      name,
      precision: predicted > 0 ? tp / predicted : 0,
      recall: support > 0 ? tp / support : 0,
      f1: tp > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0,
      support,
    }
  })
}

/** The label-based part of `ClassificationMetrics` (everything but AUC and ECE). */
export type LabelMetrics = Omit<ClassificationMetrics, 'auc' | 'ece'>

/**
 * Label-based metrics of predictions `yPred` against `yTrue` (class indices 0..C-1, C =
 * `classNames.length`).
 *
 * - accuracy: share correct.
 * - balancedAccuracy: mean recall over the classes **present in yTrue** (scikit-learn's
 *   `balanced_accuracy_score`, which drops classes with no true sample).
 * - macroF1: unweighted mean of per-class F1 over the classes present in **yTrue or yPred**, the
 *   label set scikit-learn's `f1_score(average='macro')` uses when `labels` is not given; a class
 *   absent from both is left out (it would otherwise count as F1 = 0).
 * - weightedF1: per-class F1 weighted by support (a class with no true sample weighs 0).
 * - perClass: every class, in `classNames` order, with `zero_division=0` (see `perClassMetrics`).
 *
 * @example
 * // scikit-learn f1_score docs: y_true=[0,1,2,0,1,2], y_pred=[0,2,1,0,0,1]
 * classificationLabelMetrics([0,1,2,0,1,2], [0,2,1,0,0,1], ['a','b','c']).macroF1 // 0.2667
 */
export function classificationLabelMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, classNames: string[]): LabelMetrics {
  const C = classNames.length
  const n = yTrue.length
  const confusion = confusionMatrix(yTrue, yPred, C)
  const perClass = perClassMetrics(confusion, classNames)
  let recallSum = 0
  let withSupport = 0
  let f1Sum = 0
  let inLabelSet = 0
  let weighted = 0
  for (let c = 0; c < C; c++) {
    const m = perClass[c]!
    let predicted = 0
    for (let k = 0; k < C; k++) predicted += confusion[k]![c]!
    if (m.support > 0) {
      recallSum += m.recall
      withSupport++
    }
    if (m.support > 0 || predicted > 0) {
      f1Sum += m.f1
      inLabelSet++
    }
    weighted += m.f1 * m.support
  }
  return {
    accuracy: accuracy(yTrue, yPred),
    balancedAccuracy: recallSum / withSupport,
    weightedF1: weighted / n,
    macroF1: f1Sum / inLabelSet,
    perClass,
    confusion,
  }
}
