/**
 * Epoch plans → mini-batches: the default plan, the seeded shuffle, and batch tensors built from
 * rows gathered in plain JS (no tf.gather, whose gradient is missing on wasm).
 */
import * as tf from '@tensorflow/tfjs'
import { AppFailure } from '../../../shared/result'
import type { Rng } from '../../util/rng'
import type { FoldPart } from './fold'
import type { Batch, EpochPlan } from './method'

/** Every training sample once, weight 1. */
export function defaultPlan(nTrain: number): EpochPlan {
  return { indices: Int32Array.from({ length: nTrain }, (_, i) => i) }
}

/**
 * Checks a plan returned by a method's planEpoch.
 * @throws AppFailure('TRAINING_FAILED') naming `source` when an index is out of range, the weights
 *   are misaligned, negative or non-finite, or the plan is empty
 */
export function checkPlan(plan: EpochPlan, nTrain: number, source: string): void {
  const fail = (why: string): never => {
    throw AppFailure.of('TRAINING_FAILED', `The epoch plan from ${source} ${why}.`)
  }
  if (plan.indices.length === 0) fail('has no training samples')
  for (const i of plan.indices) if (!(i >= 0 && i < nTrain)) fail(`holds index ${i}, outside 0..${nTrain - 1}`)
  if (!plan.weights) return
  if (plan.weights.length !== plan.indices.length) fail(`has ${plan.weights.length} weights for ${plan.indices.length} indices`)
  for (const w of plan.weights) if (!(w >= 0 && Number.isFinite(w))) fail(`holds weight ${w} (must be finite and ≥ 0)`)
}

/** The plan's entries in a seeded random order (indices and weights permuted together). */
export function shufflePlan(plan: EpochPlan, rng: Rng): EpochPlan {
  const order = rng.shuffle(Int32Array.from({ length: plan.indices.length }, (_, i) => i))
  const indices = Int32Array.from(order, (k) => plan.indices[k] as number)
  if (!plan.weights) return { indices }
  const w = plan.weights
  return { indices, weights: Float32Array.from(order, (k) => w[k] as number) }
}

/** Consecutive slices of `batchSize` entries (the last one may be smaller). */
export function* planBatches(plan: EpochPlan, batchSize: number): Generator<EpochPlan> {
  for (let start = 0; start < plan.indices.length; start += batchSize) {
    const end = Math.min(start + batchSize, plan.indices.length)
    const indices = plan.indices.subarray(start, end)
    yield plan.weights ? { indices, weights: plan.weights.subarray(start, end) } : { indices }
  }
}

/** Rows `idx` of an n × d row-major block, as an [idx.length, d] tensor. */
export function gatherTensor(values: Float32Array, d: number, idx: ArrayLike<number>): tf.Tensor2D {
  const out = new Float32Array(idx.length * d)
  for (let i = 0; i < idx.length; i++) {
    const r = idx[i] as number
    out.set(values.subarray(r * d, r * d + d), i * d)
  }
  return tf.tensor2d(out, [idx.length, d])
}

/** One-hot [n, C] targets for class indices `labels`. */
export function oneHot(labels: ArrayLike<number>, numClasses: number): tf.Tensor2D {
  const out = new Float32Array(labels.length * numClasses)
  for (let i = 0; i < labels.length; i++) out[i * numClasses + (labels[i] as number)] = 1
  return tf.tensor2d(out, [labels.length, numClasses])
}

/** The batch tensors for one slice of the plan (the caller disposes them, e.g. inside tf.tidy). */
export function makeBatch(part: FoldPart, featureSizes: readonly number[], slice: EpochPlan, numClasses: number): Batch {
  const indices = Int32Array.from(slice.indices)
  const labels = Int32Array.from(indices, (i) => part.y[i] as number)
  return {
    inputs: featureSizes.map((d, m) => gatherTensor(part.x[m]!, d, indices)),
    targets: oneHot(labels, numClasses),
    weights: tf.tensor1d(slice.weights ? Float32Array.from(slice.weights) : new Float32Array(indices.length).fill(1)),
    labels,
    indices,
    ...(part.groups ? { groups: part.groups.map((g) => Int32Array.from(indices, (i) => g[i] as number)) } : {}),
  }
}
