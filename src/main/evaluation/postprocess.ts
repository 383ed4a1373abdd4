/**
 * Post-processing variants of one job's predictions (issue 7): per-group equalized-odds thresholds
 * fitted on the validation part and applied to the test part, evaluated like the arm itself and
 * reported as the extra result `<arm>+<name>` (`EvaluationReport.variants`).
 */
import type { PostProcess } from '../../shared/experiment'
import type { EvaluationVariant } from '../../shared/metrics'
import { AppFailure } from '../../shared/result'
import { createRng, deriveSeed } from '../util/rng'
import { argmaxRows } from './classification'
import { evaluate, type EvaluationInput } from './evaluate'
import { applyThresholds, fitEqualizedOddsThresholds } from './threshold-optimizer'

export interface ScoredPart {
  yTrue: Int32Array
  /** n × C probabilities. */
  probs: Float32Array
}

/**
 * Refuses, before any training, post-processing that cannot run on this data.
 * @throws AppFailure('VALIDATION') naming `arms[].postprocess` (non-binary labels) or `arms[].postprocess[].attribute` (unknown attribute)
 */
export function checkPostProcess(steps: readonly PostProcess[], numClasses: number, attributes: readonly { name: string }[]): void {
  for (const step of steps) {
    if (numClasses !== 2) {
      throw AppFailure.of('VALIDATION', `Post-processing "${step.kind}" needs binary labels; this dataset has ${numClasses} classes.`, { location: { field: 'arms[].postprocess' } })
    }
    const ok = step.attribute === undefined ? attributes.length > 0 : attributes.some((a) => a.name === step.attribute)
    if (!ok) {
      throw AppFailure.of('VALIDATION', `Post-processing "${step.kind}": no attribute "${step.attribute ?? '(first)'}" (attributes: ${attributes.map((a) => a.name).join(', ') || 'none'}).`, {
        location: { field: 'arms[].postprocess[].attribute' },
      })
    }
  }
}

/**
 * @param test the evaluation input of the test part (its attributes give the groups)
 * @param val validation labels and probabilities, with the same attributes' group codes
 * @throws AppFailure('VALIDATION') naming `arms[].postprocess[].attribute` for an unknown attribute or non-binary labels
 */
export function postProcessVariant(step: PostProcess, test: EvaluationInput, val: ScoredPart & { groups: Int32Array[] }, seed: number): EvaluationVariant {
  const C = test.classNames.length
  if (C !== 2) {
    throw AppFailure.of('VALIDATION', `Post-processing "${step.kind}" needs binary labels; this dataset has ${C} classes.`, { location: { field: 'arms[].postprocess' } })
  }
  const k = step.attribute === undefined ? 0 : test.attributes.findIndex((a) => a.name === step.attribute)
  const attribute = test.attributes[k]
  if (!attribute || k < 0) {
    throw AppFailure.of('VALIDATION', `Post-processing "${step.kind}": no attribute "${step.attribute ?? '(first)'}" (attributes: ${test.attributes.map((a) => a.name).join(', ') || 'none'}).`, {
      location: { field: 'arms[].postprocess[].attribute' },
    })
  }
  const score = (p: Float32Array): Float64Array => Float64Array.from({ length: p.length / 2 }, (_, i) => p[i * 2 + 1] as number)
  const fit = fitEqualizedOddsThresholds(val.yTrue, score(val.probs), val.groups[k]!, attribute.groups.length, { objective: step.objective, gridSize: step.gridSize })
  const base = argmaxRows(test.probs, 2)
  const applied = fit
    ? applyThresholds(fit, score(test.probs), attribute.values, base, createRng(deriveSeed(seed, 'postprocess', step.name)))
    : { yPred: Int32Array.from(base), fallback: base.length }
  const report = evaluate({ ...test, yPred: applied.yPred })
  return {
    name: step.name,
    description:
      `per-group randomised thresholds for equalized odds by "${attribute.name}" (fairlearn ThresholdOptimizer idea, objective ${step.objective}, grid ${step.gridSize}), ` +
      `fitted on the validation part, applied to the test part; ${applied.fallback} test samples kept the base prediction (unknown or unfitted group)`,
    classification: report.classification,
    fairness: report.fairness,
    fitted: {
      attribute: attribute.name,
      sharedFpr: fit?.fpr ?? null,
      sharedTpr: fit?.tpr ?? null,
      rules: fit ? attribute.groups.map((g, i) => ({ group: g, ...(fit.rules[i] ?? { unfitted: true }) })) : null,
      fallback: applied.fallback,
    },
  }
}
