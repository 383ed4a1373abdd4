/**
 * The full evaluation of one set of test predictions: classification metrics, ROC AUC, ECE and
 * the fairness metrics of every sensitive attribute (see the docblocks of `classification.ts`,
 * `auc.ts`, `calibration.ts` and `fairness.ts` for the definitions).
 */
import type { EvaluationReport, FairnessMetrics } from '../../shared/metrics'
import { AppFailure } from '../../shared/result'
import { rocAuc } from './auc'
import { expectedCalibrationError } from './calibration'
import { argmaxRows, classificationLabelMetrics } from './classification'
import { fairnessMetrics, type FairnessInput } from './fairness'
import { withBootstrapCi } from './fairness-bootstrap'

export interface EvaluationInput {
  /** Class index per sample, 0..C-1. */
  yTrue: Int32Array
  /** n × C row-major class probabilities. */
  probs: Float32Array
  classNames: string[]
  /** Sensitive attributes; `values` aligned with `yTrue`, group index or -1 for unknown. */
  attributes: { name: string; groups: string[]; values: Int32Array; smallGroups?: FairnessMetrics['smallGroups'] }[]
  /** Hard predictions to evaluate instead of the argmax (post-processing); probabilities still give the AUCs. */
  yPred?: Int32Array
  /** Bootstrap CIs of the group metrics and gaps (replicates 0 = none), seeded. */
  bootstrap?: { replicates: number; seed: number }
  /** Specificity of the clinical operating point (default 0.9). */
  operatingSpecificity?: number
}

/**
 * Checks shapes and ranges. Wrong shapes are programming errors (RangeError); non-finite
 * probabilities come from a diverged model and fail the job as TRAINING_FAILED.
 */
function validate(input: EvaluationInput): void {
  const n = input.yTrue.length
  const C = input.classNames.length
  if (C < 2) throw new RangeError(`evaluate: need at least 2 classes, got ${C}`)
  if (n === 0) throw new RangeError('evaluate: no samples to evaluate')
  if (input.probs.length !== n * C) throw new RangeError(`evaluate: probs has ${input.probs.length} values, expected ${n} × ${C}`)
  for (let i = 0; i < n; i++) {
    const y = input.yTrue[i]!
    if (y < 0 || y >= C) throw new RangeError(`evaluate: label ${y} of sample ${i} is outside 0..${C - 1}`)
  }
  const bad = input.probs.findIndex((p) => !Number.isFinite(p))
  if (bad >= 0) {
    throw AppFailure.of(
      'TRAINING_FAILED',
      `The model produced a non-finite probability (${input.probs[bad]}) for test sample ${Math.floor(bad / C)}; training diverged (try a lower learning rate).`,
    )
  }
  if (input.yPred && input.yPred.length !== n) throw new RangeError(`evaluate: yPred has ${input.yPred.length} values, expected ${n}`)
  for (const a of input.attributes) {
    if (a.values.length !== n) throw new RangeError(`evaluate: attribute "${a.name}" has ${a.values.length} values, expected ${n}`)
    for (let i = 0; i < n; i++) {
      const v = a.values[i]!
      if (v < -1 || v >= a.groups.length) throw new RangeError(`evaluate: attribute "${a.name}" value ${v} of sample ${i} is outside -1..${a.groups.length - 1}`)
    }
  }
}

/**
 * Evaluates test predictions. Predictions are the argmax of each probability row (ties → lowest
 * class index) unless `yPred` is given (post-processed predictions).
 *
 * @throws RangeError on inconsistent shapes or out-of-range labels/groups
 * @throws AppFailure('TRAINING_FAILED') when a probability is NaN or infinite
 */
export function evaluate(input: EvaluationInput): EvaluationReport {
  validate(input)
  const C = input.classNames.length
  const yPred = input.yPred ?? argmaxRows(input.probs, C)
  return {
    classification: {
      ...classificationLabelMetrics(input.yTrue, yPred, input.classNames),
      auc: rocAuc(input.yTrue, input.probs, C),
      ece: expectedCalibrationError(input.yTrue, input.probs, C),
    },
    fairness: input.attributes.map(({ smallGroups, ...attribute }, k) => {
      const fi: FairnessInput = {
        yTrue: input.yTrue,
        probs: input.probs,
        numClasses: C,
        yPred,
        attribute,
        ...(input.operatingSpecificity !== undefined ? { operatingSpecificity: input.operatingSpecificity } : {}),
      }
      const point = fairnessMetrics(fi)
      const withCi = input.bootstrap ? withBootstrapCi(fi, point, { replicates: input.bootstrap.replicates, seed: input.bootstrap.seed + k }) : point
      return smallGroups ? { ...withCi, smallGroups } : withCi
    }),
  }
}
