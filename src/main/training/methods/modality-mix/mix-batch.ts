/** Appends modality-mixed rows to a batch (inputs copied from the training part, soft targets). */
import * as tf from '@tensorflow/tfjs'
import type { Batch } from '../../engine/method'
import { mixTarget } from './mix'

export interface MixedRow {
  /** Training-part index of the anchor (a selected sample). */
  anchor: number
  /** Training-part index of the partner (selected, different label). */
  partner: number
  /** fromPartner[m]: modality m is taken from the partner. */
  fromPartner: boolean[]
}

/**
 * The batch with `rows.length` mixed rows appended: inputs x_mix^(m) = x_source(m)^(m), soft targets
 * t_mix, loss weight 0 (so the base CE, the unimodal heads and samplers' weights ignore them),
 * label −1, index −1 and group −1.
 *
 * @param trainingInputs n × d_m row-major blocks of the training part
 * @param trainingLabels class of every training sample
 */
export function appendMixedRows(
  batch: Batch,
  rows: readonly MixedRow[],
  trainingInputs: readonly Float32Array[],
  trainingLabels: Int32Array,
  numClasses: number,
): Batch {
  if (rows.length === 0) return batch
  const k = rows.length
  const inputs = batch.inputs.map((x, m) => {
    const d = x.shape[1]
    const src = trainingInputs[m]!
    const out = new Float32Array(k * d)
    rows.forEach((r, i) => {
      const from = r.fromPartner[m] ? r.partner : r.anchor
      out.set(src.subarray(from * d, from * d + d), i * d)
    })
    return tf.concat([x, tf.tensor2d(out, [k, d])], 0) as tf.Tensor2D
  })
  const t = new Float32Array(k * numClasses)
  rows.forEach((r, i) => t.set(mixTarget(r.fromPartner, trainingLabels[r.anchor]!, trainingLabels[r.partner]!, numClasses), i * numClasses))
  const minus = (a: Int32Array): Int32Array => {
    const out = new Int32Array(a.length + k).fill(-1)
    out.set(a)
    return out
  }
  return {
    inputs,
    targets: tf.concat([batch.targets, tf.tensor2d(t, [k, numClasses])], 0) as tf.Tensor2D,
    weights: tf.concat([batch.weights, tf.zeros([k])], 0) as tf.Tensor1D,
    labels: minus(batch.labels),
    indices: minus(batch.indices),
    ...(batch.groups ? { groups: batch.groups.map(minus) } : {}),
  }
}
