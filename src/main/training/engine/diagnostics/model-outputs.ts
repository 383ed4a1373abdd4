/** Evaluation-mode forward passes of a model over arbitrary input blocks, as plain arrays (fused and unimodal probabilities, encoder features). */
import * as tf from '@tensorflow/tfjs'
import type { Model } from '../model'

const CHUNK = 1024

export interface BlockOutputs {
  /** n × C fused probabilities. */
  probs: Float32Array
  /** Per modality n × C unimodal-head probabilities, when the model has heads. */
  unimodalProbs?: Float32Array[]
  /** Per modality n × h encoder features, when asked for. */
  features?: Float32Array[]
}

/**
 * @param x one n × d_m row-major block per modality
 * @param withFeatures also return the encoder outputs
 */
export function forwardBlocks(model: Model, x: readonly Float32Array[], n: number, featureSizes: readonly number[], withFeatures = false): BlockOutputs {
  let probs: Float32Array | undefined
  let uni: Float32Array[] | undefined
  let feats: Float32Array[] | undefined
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK)
    const chunk = tf.tidy(() => {
      const inputs = featureSizes.map((d, m) => tf.tensor2d(x[m]!.subarray(start * d, end * d), [end - start, d]))
      const out = model.forward(inputs, false)
      return {
        fused: tf.softmax(out.logits),
        uni: out.unimodalLogits?.map((l) => tf.softmax(l)),
        feats: withFeatures ? out.features.map((f) => tf.keep(f)) : undefined,
      }
    })
    const C = chunk.fused.shape[1]!
    probs ??= new Float32Array(n * C)
    probs.set(chunk.fused.dataSync() as Float32Array, start * C)
    chunk.uni?.forEach((t, m) => {
      uni ??= chunk.uni!.map(() => new Float32Array(n * C))
      uni[m]!.set(t.dataSync() as Float32Array, start * C)
    })
    chunk.feats?.forEach((t, m) => {
      feats ??= chunk.feats!.map((f) => new Float32Array(n * f.shape[1]!))
      feats[m]!.set(t.dataSync() as Float32Array, start * t.shape[1]!)
    })
    tf.dispose([chunk.fused, ...(chunk.uni ?? []), ...(chunk.feats ?? [])])
  }
  return { probs: probs ?? new Float32Array(0), ...(uni ? { unimodalProbs: uni } : {}), ...(feats ? { features: feats } : {}) }
}
