import { describe, expect, it } from 'vitest'
import {
  accuracy,
  argmaxRows,
  classificationLabelMetrics,
  confusionMatrix,
} from '../../../src/main/evaluation/classification'

const names = (C: number) => Array.from({ length: C }, (_, c) => `c${c}`)

describe('argmaxRows', () => {
  it('takes the argmax per row, ties to the lowest index (numpy argmax), NaN never wins', () => {
    const probs = [0.2, 0.8, /* tie */ 0.5, 0.5, /* NaN first */ NaN, 0.1, /* all NaN */ NaN, NaN]
    expect([...argmaxRows(probs, 2)]).toEqual([1, 0, 1, 0])
    expect([...argmaxRows([0.3, 0.4, 0.4, 0.1, 0.1, 0.8], 3)]).toEqual([1, 2])
  })
})

describe('accuracy and confusion matrix', () => {
  it('matches the scikit-learn accuracy_score docs example', () => {
    // sklearn.metrics.accuracy_score docstring: y_pred=[0,2,1,3], y_true=[0,1,2,3] → 0.5
    // (positions 0 and 3 correct: 2/4).
    expect(accuracy([0, 1, 2, 3], [0, 2, 1, 3])).toBe(0.5)
  })

  it('matches the scikit-learn confusion_matrix docs example (rows = true, columns = predicted)', () => {
    // sklearn.metrics.confusion_matrix docstring: y_true=[2,0,2,2,0,1], y_pred=[0,0,2,2,0,2]
    // → [[2,0,0],[0,0,1],[1,0,2]]. By hand: true 0 → predicted 0 twice; true 1 → predicted 2 once;
    // true 2 → predicted 0 once, 2 twice.
    expect(confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2], 3)).toEqual([
      [2, 0, 0],
      [0, 0, 1],
      [1, 0, 2],
    ])
  })
})

describe('classificationLabelMetrics', () => {
  it('matches the scikit-learn f1_score docs example (macro 0.267, weighted 0.267, per class [0.8, 0, 0])', () => {
    // sklearn.metrics.f1_score docstring: y_true=[0,1,2,0,1,2], y_pred=[0,2,1,0,0,1].
    // By hand: class 0: TP=2 (positions 0,3), FP=1 (position 4), FN=0 → P=2/3, R=1, F1=2·2/(4+1+0)=0.8.
    // Class 1: TP=0 (its two samples are predicted 2 and 0) → F1=0. Class 2: TP=0 → F1=0.
    // macro = 0.8/3 = 0.2667; supports are 2,2,2 so weighted = (0.8·2)/6 = 0.2667; accuracy 2/6.
    const m = classificationLabelMetrics([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], names(3))
    expect(m.perClass.map((c) => c.f1)).toEqual([0.8, 0, 0])
    expect(m.macroF1).toBeCloseTo(0.8 / 3, 12)
    expect(m.weightedF1).toBeCloseTo(0.8 / 3, 12)
    expect(m.accuracy).toBeCloseTo(1 / 3, 12)
    expect(m.perClass.map((c) => c.support)).toEqual([2, 2, 2])
  })

  it('matches the scikit-learn precision_recall_fscore_support docs example (macro P 0.222, R 0.333)', () => {
    // sklearn.metrics.precision_recall_fscore_support docstring: cat/dog/pig with
    // y_true=[cat,dog,pig,cat,dog,pig], y_pred=[cat,pig,dog,cat,cat,dog] → macro (0.22, 0.33, 0.27).
    // Encoded cat=0, dog=1, pig=2 this is the f1_score example above: P = (2/3, 0, 0), R = (1, 0, 0).
    const m = classificationLabelMetrics([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], ['cat', 'dog', 'pig'])
    const macro = (k: 'precision' | 'recall') => m.perClass.reduce((s, c) => s + c[k], 0) / 3
    expect(macro('precision')).toBeCloseTo(2 / 9, 12)
    expect(macro('recall')).toBeCloseTo(1 / 3, 12)
    expect(m.perClass[0]).toMatchObject({ name: 'cat', precision: 2 / 3, recall: 1 })
  })

  it('matches the scikit-learn balanced_accuracy_score docs example (0.625)', () => {
    // sklearn.metrics.balanced_accuracy_score docstring: y_true=[0,1,0,0,1,0], y_pred=[0,1,0,0,0,1] → 0.625.
    // By hand: recall of class 0 = 3/4 (positions 0,2,3 of 0,2,3,5), class 1 = 1/2 → mean 0.625.
    expect(classificationLabelMetrics([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1], names(2)).balancedAccuracy).toBe(0.625)
  })

  it('uses zero_division=0 and the label set of yTrue ∪ yPred for macro averages, like scikit-learn', () => {
    // C = 4, y_true=[0,0,1,1], y_pred=[0,2,1,1]. By hand:
    //   class 0: TP 1, FP 0, FN 1 → P 1, R 0.5, F1 2/(2+0+1) = 2/3
    //   class 1: TP 2, FP 0, FN 0 → F1 1
    //   class 2: predicted once, never true → P 0 (TP 0 of 1 predicted), R 0 (zero_division), F1 0
    //   class 3: in neither → P = R = F1 = 0, and left out of the macro average
    // macro F1 = (2/3 + 1 + 0)/3 = 5/9 (scikit-learn f1_score(average='macro') averages over the
    // labels in y_true ∪ y_pred = {0,1,2}); weighted F1 = (2/3·2 + 1·2)/4 = 5/6;
    // balanced accuracy = mean recall over classes in y_true = (0.5 + 1)/2 = 0.75.
    const m = classificationLabelMetrics([0, 0, 1, 1], [0, 2, 1, 1], names(4))
    expect(m.perClass[2]).toEqual({ name: 'c2', precision: 0, recall: 0, f1: 0, support: 0 })
    expect(m.perClass[3]).toEqual({ name: 'c3', precision: 0, recall: 0, f1: 0, support: 0 })
    expect(m.macroF1).toBeCloseTo(5 / 9, 12)
    expect(m.weightedF1).toBeCloseTo(5 / 6, 12)
    expect(m.balancedAccuracy).toBe(0.75)
    expect(m.confusion[0]).toEqual([1, 0, 1, 0])
  })
})
