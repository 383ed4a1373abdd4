/** Evaluation-mode forward passes over a whole fold part, in chunks, returned as plain arrays. */
import * as tf from '@tensorflow/tfjs'
import type { FoldPart } from './fold'
import type { Model } from './model'

const CHUNK = 1024

export interface PartPrediction {
  /** n × C log-probabilities of the fused output. */
  logProbs: Float32Array
  /** Per modality n × C log-probabilities of the unimodal heads, when the model has them. */
  unimodalLogProbs?: Float32Array[]
}

/** Log-softmax outputs for every sample of `part` (no dropout). */
export function predictPart(model: Model, part: FoldPart, featureSizes: readonly number[], numClasses: number): PartPrediction {
  const n = part.y.length
  const logProbs = new Float32Array(n * numClasses)
  let unimodal: Float32Array[] | undefined
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK)
    const chunk = tf.tidy(() => {
      const inputs = featureSizes.map((d, m) => tf.tensor2d(part.x[m]!.subarray(start * d, end * d), [end - start, d]))
      const out = model.forward(inputs, false)
      return { fused: tf.logSoftmax(out.logits), uni: out.unimodalLogits?.map((l) => tf.logSoftmax(l)) }
    })
    logProbs.set(chunk.fused.dataSync() as Float32Array, start * numClasses)
    if (chunk.uni) {
      unimodal ??= chunk.uni.map(() => new Float32Array(n * numClasses))
      chunk.uni.forEach((t, m) => unimodal![m]!.set(t.dataSync() as Float32Array, start * numClasses))
    }
    tf.dispose([chunk.fused, ...(chunk.uni ?? [])])
  }
  return unimodal ? { logProbs, unimodalLogProbs: unimodal } : { logProbs }
}

/** exp of every entry: log-probabilities → probabilities. */
export function toProbs(logProbs: Float32Array): Float32Array {
  return logProbs.map((v) => Math.exp(v))
}
