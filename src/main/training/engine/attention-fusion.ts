/**
 * Attention (transformer) fusion over modality tokens, MultiFair's fusion (methods.md §3.2): each
 * modality's encoder output is one token, a learned modality embedding is added, N post-norm
 * transformer encoder layers (multi-head self-attention + ReLU feed-forward, as PyTorch's
 * `nn.TransformerEncoderLayer` defaults) mix the tokens, the tokens are pooled (mean, or token 0 as
 * MultiFair does) and a linear classifier gives the class logits.
 *
 * wasm-safe: only matMul (batched), reshape, transpose, softmax, slice and element-wise ops; no
 * einsum and no gather on variables (their gradients are missing on the wasm backend).
 */
import * as tf from '@tensorflow/tfjs'
import { AppFailure } from '../../../shared/result'
import type { FusionHead } from './method'

export interface AttentionFusionOptions {
  /** Number of modality tokens M. */
  modalities: number
  /** Token width h (every encoder's output width). */
  width: number
  numClasses: number
  heads: number
  layers: number
  pool: 'mean' | 'first'
  /** Feed-forward width = ffMultiplier · h. */
  ffMultiplier: number
  /** Seeded glorot [fanIn, fanOut] variable; names ending in `/W` get weight decay. */
  glorot(name: string, fanIn: number, fanOut: number): tf.Variable
  zeros(name: string, shape: number[]): tf.Variable
  /** Dropout on a [rows, cols] block while training (identity otherwise). */
  dropout(x: tf.Tensor2D, training: boolean): tf.Tensor2D
}

interface Dense {
  W: tf.Variable
  b: tf.Variable
}

interface LayerParams {
  q: Dense
  k: Dense
  v: Dense
  o: Dense
  ff1: Dense
  ff2: Dense
  /** Layer norms: scale = 1 + gain (gain zero-initialised), shift = bias. */
  norm1: { gain: tf.Variable; bias: tf.Variable }
  norm2: { gain: tf.Variable; bias: tf.Variable }
}

const dense = (x: tf.Tensor2D, l: Dense): tf.Tensor2D => tf.add(tf.matMul(x, l.W), l.b)

/** Layer normalisation over the last axis (Ba et al. 2016), eps 1e-5 as PyTorch. */
function layerNorm(x: tf.Tensor2D, p: { gain: tf.Variable; bias: tf.Variable }): tf.Tensor2D {
  const mean = tf.mean(x, -1, true)
  const centred = tf.sub(x, mean)
  const variance = tf.mean(tf.square(centred), -1, true)
  return tf.add(tf.mul(tf.div(centred, tf.sqrt(tf.add(variance, 1e-5))), tf.add(1, p.gain)), p.bias)
}

/**
 * One post-norm encoder layer on tokens flattened to [b·M, h]:
 * y = LN(x + Drop(MHA(x))), out = LN(y + Drop(W2 · relu(W1 · y))).
 */
function encoderLayer(x: tf.Tensor2D, b: number, o: AttentionFusionOptions, p: LayerParams, training: boolean): tf.Tensor2D {
  const { modalities: M, width: h, heads: H } = o
  const dh = h / H
  // [b·M, h] → [b·H, M, dh]
  const split = (t: tf.Tensor2D): tf.Tensor3D => tf.reshape(tf.transpose(tf.reshape(t, [b, M, H, dh]), [0, 2, 1, 3]), [b * H, M, dh])
  const q = split(dense(x, p.q))
  const k = split(dense(x, p.k))
  const v = split(dense(x, p.v))
  const attention = tf.softmax(tf.div(tf.matMul(q, k, false, true), Math.sqrt(dh))) // [b·H, M, M]
  const mixed = tf.reshape<tf.Rank.R2>(tf.transpose(tf.reshape(tf.matMul(attention, v), [b, H, M, dh]), [0, 2, 1, 3]), [b * M, h])
  const y = layerNorm(tf.add<tf.Tensor2D>(x, o.dropout(dense(mixed, p.o), training)), p.norm1)
  const ff = dense(tf.relu(dense(y, p.ff1)), p.ff2)
  return layerNorm(tf.add<tf.Tensor2D>(y, o.dropout(ff, training)), p.norm2)
}

/**
 * Builds the fusion head. Variable names (under the model prefix): `attn/modalityEmbedding`,
 * `attn/layer<k>/{q,k,v,o,ff1,ff2}/{W,b}`, `attn/layer<k>/norm<1|2>/{gain,bias}`, `attn/cls/{W,b}`.
 *
 * @throws AppFailure('VALIDATION') when the token width is not a multiple of the head count
 */
export function buildAttentionFusion(o: AttentionFusionOptions): FusionHead {
  const { modalities: M, width: h, numClasses } = o
  if (h % o.heads !== 0) {
    throw AppFailure.of('VALIDATION', `model.attention.heads: ${o.heads} heads do not divide the token width ${h} (the last entry of model.hidden).`, {
      location: { field: 'model.attention.heads' },
    })
  }
  const layer = (name: string, fanIn: number, fanOut: number): Dense => ({ W: o.glorot(`${name}/W`, fanIn, fanOut), b: o.zeros(`${name}/b`, [fanOut]) })
  const norm = (name: string) => ({ gain: o.zeros(`${name}/gain`, [h]), bias: o.zeros(`${name}/bias`, [h]) })
  const embedding = o.glorot('attn/modalityEmbedding', M, h)
  const ffWidth = Math.max(1, Math.round(o.ffMultiplier * h))
  const layers: LayerParams[] = Array.from({ length: o.layers }, (_, k) => {
    const n = `attn/layer${k}`
    return {
      q: layer(`${n}/q`, h, h),
      k: layer(`${n}/k`, h, h),
      v: layer(`${n}/v`, h, h),
      o: layer(`${n}/o`, h, h),
      ff1: layer(`${n}/ff1`, h, ffWidth),
      ff2: layer(`${n}/ff2`, ffWidth, h),
      norm1: norm(`${n}/norm1`),
      norm2: norm(`${n}/norm2`),
    }
  })
  const cls = layer('attn/cls', h, numClasses)
  return {
    // Created through the model's factory, so they are already trainable variables of the model.
    variables: [],
    apply(features, training) {
      if (features.length !== M) throw new Error(`attention fusion expects ${M} modality tokens, got ${features.length}`)
      const b = features[0]!.shape[0]
      // [b, M, h] tokens + modality embedding (broadcast over the batch), flattened to [b·M, h].
      let x = tf.reshape(tf.add(tf.stack(features, 1), embedding), [b * M, h]) as tf.Tensor2D
      for (const p of layers) x = encoderLayer(x, b, o, p, training)
      const tokens = tf.reshape(x, [b, M, h])
      const pooled = o.pool === 'first' ? tf.reshape(tf.slice(tokens, [0, 0, 0], [b, 1, h]), [b, h]) : tf.mean(tokens, 1)
      return dense(pooled as tf.Tensor2D, cls)
    },
  }
}
