/**
 * The Fair-MoE fusion head (a `buildHead`): modality tokens → token MoE (gate MLP → softmax over
 * experts → top-k + capacity → Σ_e ŵ_e · expert_e) → mean over tokens → feature MoE (dense softmax
 * gate, one expert per group) → linear classifier. Training forwards keep their gate tensors for
 * the fairness-oriented loss of the same step (`lastGates`). Experts run batched (experts.ts).
 * Ops: matMul, concat, reshape (no einsum, no gather).
 */
import * as tf from '@tensorflow/tfjs'
import type { FusionHead, HeadContext } from '../../engine/method'
import type { FairMoeOptions } from './options'
import { mixExperts, type ExpertMlp } from './experts'
import { expertCapacity, routingMask } from './routing'

interface Dense {
  W: tf.Variable
  b: tf.Variable
}

/** Gate tensors of the last training forward (alive until that step's loss is built). */
export interface MoeGates {
  /** Token gate softmax [T·b, E] (token-major rows), before routing. */
  tokenGate?: tf.Tensor2D
  /** Routing mask values (top-k ⊙ capacity), [T·b · E]. */
  tokenMask?: Float32Array
  /** Feature gate softmax [b, G]. */
  featureGate?: tf.Tensor2D
  tokens: number
  samples: number
}

const quickGelu = (x: tf.Tensor2D): tf.Tensor2D => tf.mul(x, tf.sigmoid(tf.mul(1.702, x)))

export interface MoeHead extends FusionHead {
  lastGates: MoeGates | undefined
  /** Token capacity per (sample, expert) for a given number of tokens. */
  capacity(tokens: number): number
}

/**
 * @param groups number of feature experts (groups of the chosen attribute)
 */
export function buildMoeHead(ctx: HeadContext, o: FairMoeOptions, groups: number): MoeHead {
  const D = ctx.featureSizes[0] ?? 1
  const vars: tf.Variable[] = []
  const dense = (name: string, fanIn: number, fanOut: number): Dense => {
    const l = { W: ctx.initWeights(`${name}/W`, fanIn, fanOut), b: ctx.zeros(`${name}/b`, [fanOut]) }
    vars.push(l.W, l.b)
    return l
  }
  const apply = (x: tf.Tensor2D, l: Dense): tf.Tensor2D => tf.add(tf.matMul(x, l.W), l.b)
  const gateHidden = Math.max(1, Math.floor(D / o.gateReduction))
  const tokenExpertHidden = Math.max(1, Math.round(o.expertRatio * D))
  const featureExpertHidden = Math.max(1, Math.round(o.featureExpertRatio * D))

  const token = o.tokenMoE
    ? {
        gate: [dense('moe/gate1', D, gateHidden), dense('moe/gate2', gateHidden, o.experts)],
        experts: Array.from({ length: o.experts }, (_, e): ExpertMlp => ({ fc1: dense(`moe/expert${e}/fc1`, D, tokenExpertHidden), fc2: dense(`moe/expert${e}/fc2`, tokenExpertHidden, D) })),
      }
    : undefined
  const feature = o.featureMoE
    ? {
        gate: [dense('fmoe/gate1', D, gateHidden), dense('fmoe/gate2', gateHidden, groups)],
        experts: Array.from({ length: groups }, (_, g): ExpertMlp => ({ fc1: dense(`fmoe/expert${g}/fc1`, D, featureExpertHidden), fc2: dense(`fmoe/expert${g}/fc2`, featureExpertHidden, D) })),
      }
    : undefined
  const out = dense('out', D, ctx.numClasses)
  const capacity = (tokens: number): number => expertCapacity(o.capacityTokens > 0 ? o.capacityTokens : tokens, o.capacityFactor, o.topK, o.experts)

  const head: MoeHead = {
    variables: vars,
    lastGates: undefined,
    capacity,
    apply(features, training) {
      const T = features.length
      const b = features[0]!.shape[0]
      const gates: MoeGates = { tokens: T, samples: b }
      let pooled: tf.Tensor2D
      if (token) {
        const X = (T === 1 ? features[0]! : tf.concat(features, 0)) as tf.Tensor2D
        const gate = tf.softmax(apply(tf.relu(apply(X, token.gate[0]!)), token.gate[1]!)) as tf.Tensor2D
        const mask = routingMask(gate.dataSync(), T, b, o.experts, o.topK, capacity(T))
        const w = tf.mul(gate, tf.tensor2d(mask, [T * b, o.experts])) as tf.Tensor2D
        let Y = mixExperts(X, token.experts, w)
        if (o.tokenResidual) Y = tf.add(Y, X)
        pooled = tf.mean(tf.reshape(Y, [T, b, D]), 0) as tf.Tensor2D
        gates.tokenGate = gate
        gates.tokenMask = mask
      } else {
        pooled = (T === 1 ? features[0]! : tf.mean(tf.stack(features), 0)) as tf.Tensor2D
      }
      if (feature) {
        const gate = tf.softmax(apply(quickGelu(apply(pooled, feature.gate[0]!)), feature.gate[1]!)) as tf.Tensor2D
        pooled = mixExperts(pooled, feature.experts, gate)
        gates.featureGate = gate
      }
      if (training) head.lastGates = gates
      return apply(pooled, out)
    },
  }
  return head
}
