/**
 * Inference-mode scores of a whole fold part for methods that rank or re-weight samples by what the
 * current model thinks of them (`EpochContext.inspectTraining`): fused and unimodal probabilities
 * and the per-modality encoder outputs, in chunks, returned as plain arrays.
 */
import * as tf from '@tensorflow/tfjs'
import type { FoldPart } from './fold'
import type { TrainingInspection } from './method'
import type { Model } from './model'

const CHUNK = 1024

/** Softmax outputs and encoder features for every sample of `part` (no dropout). */
export function inspectPart(model: Model, part: FoldPart, featureSizes: readonly number[], numClasses: number): TrainingInspection {
  const n = part.y.length
  const probs = new Float32Array(n * numClasses)
  let unimodal: Float32Array[] | undefined
  let features: Float32Array[] | undefined
  let hidden: number[] = []
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK)
    const out = tf.tidy(() => {
      const inputs = featureSizes.map((d, m) => tf.tensor2d(part.x[m]!.subarray(start * d, end * d), [end - start, d]))
      const o = model.forward(inputs, false)
      return { fused: tf.softmax(o.logits), uni: o.unimodalLogits?.map((l) => tf.softmax(l)), feats: o.features }
    })
    probs.set(out.fused.dataSync() as Float32Array, start * numClasses)
    if (!features) {
      hidden = out.feats.map((f) => f.shape[1])
      features = hidden.map((h) => new Float32Array(n * h))
    }
    out.feats.forEach((f, m) => features![m]!.set(f.dataSync() as Float32Array, start * hidden[m]!))
    if (out.uni) {
      unimodal ??= out.uni.map(() => new Float32Array(n * numClasses))
      out.uni.forEach((t, m) => unimodal![m]!.set(t.dataSync() as Float32Array, start * numClasses))
    }
    tf.dispose([out.fused, ...out.feats, ...(out.uni ?? [])])
  }
  return {
    probs,
    ...(unimodal ? { unimodalProbs: unimodal } : {}),
    features: features ?? featureSizes.map(() => new Float32Array(0)),
    featureSizes: hidden,
  }
}
