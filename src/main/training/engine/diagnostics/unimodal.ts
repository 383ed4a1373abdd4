/**
 * How well each modality alone predicts the class: from the model's unimodal heads when it has
 * them, else from a linear probe fitted on the training part's frozen encoder features (no
 * gradient reaches the model, so the probe never changes training). Used per epoch (validation
 * part, logged as extras) and at the end of a job (test part).
 */
import { rocAuc } from '../../../evaluation/auc'
import type { FoldArrays, FoldPart } from '../fold'
import type { Model } from '../model'
import { fitLinearProbe } from './linear-probe'
import { forwardBlocks } from './model-outputs'

export interface UnimodalPredictions {
  source: 'head' | 'probe'
  /** Per modality n × C probabilities on the evaluated part. */
  probs: Float32Array[]
}

/**
 * Per-modality probabilities on `part`: heads if the model has them, else (when `probe`) linear
 * probes fitted on the training part's features; undefined without heads and without probes.
 */
export function unimodalPredictions(model: Model, fold: FoldArrays, part: FoldPart, probe = true): UnimodalPredictions | undefined {
  const { featureSizes, numClasses } = fold
  const n = part.y.length
  const evaluated = forwardBlocks(model, part.x, n, featureSizes, probe)
  if (evaluated.unimodalProbs) return { source: 'head', probs: evaluated.unimodalProbs }
  if (!probe) return undefined
  const train = forwardBlocks(model, fold.train.x, fold.train.y.length, featureSizes, true)
  const probs = train.features!.map((f, m) => {
    const h = f.length / Math.max(1, fold.train.y.length)
    const probe = fitLinearProbe(f, fold.train.y, h, numClasses)
    return probe.predict(evaluated.features![m]!, n)
  })
  return { source: 'probe', probs }
}

/** Accuracy of n × C probabilities against y. */
export function accuracyOfProbs(probs: Float32Array, y: Int32Array, C: number): number {
  let hit = 0
  for (let i = 0; i < y.length; i++) {
    let best = 0
    for (let c = 1; c < C; c++) if (probs[i * C + c]! > probs[i * C + best]!) best = c
    if (best === y[i]) hit++
  }
  return y.length ? hit / y.length : Number.NaN
}

/**
 * Per-epoch extras on the validation part: `unimodal.<m>.valAuc` when the model has heads (their
 * accuracy is already logged by the trainer), else `probe.<m>.valAccuracy` and `probe.<m>.valAuc`
 * when `probe` is true. An undefined AUC (one class in the part) is left out.
 */
export function unimodalEpochExtras(model: Model, fold: FoldArrays, probe: boolean): Record<string, number> {
  const out: Record<string, number> = {}
  const { val, numClasses } = fold
  if (val.y.length === 0) return out
  const u = unimodalPredictions(model, fold, val, probe)
  if (!u) return out
  u.probs.forEach((p, m) => {
    const auc = rocAuc(val.y, p, numClasses)
    if (u.source === 'probe') out[`probe.${m}.valAccuracy`] = accuracyOfProbs(p, val.y, numClasses)
    if (auc !== null) out[`${u.source === 'head' ? 'unimodal' : 'probe'}.${m}.valAuc`] = auc
  })
  return out
}
