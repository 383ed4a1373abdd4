/**
 * Group helpers for fairness methods: resolving a sensitive attribute option, per-sample scores,
 * and the FairCLIP-style distance between the batch's score distribution and each group's
 * (Sinkhorn, see sinkhorn.ts, or the exact 1-D ½W₂², see wasserstein-1d.ts). Groups are 0/1 masks
 * (never tf.gather: wasm lacks its gradient).
 */
import * as tf from '@tensorflow/tfjs'
import { z } from 'zod'
import { AppFailure } from '../../../shared/result'
import type { MethodEnv } from './method'
import { diameterOf, entropicOtBatch, epsilonSchedule, halfSquaredCost, type SinkhornOptions } from './sinkhorn'
import { stopGradient } from './stop-gradient'
import { exactHalfW2Batch } from './wasserstein-1d'

/**
 * The index of the attribute a method works on: `name` when given, else the first attribute.
 * @throws AppFailure('VALIDATION') naming `field` when the dataset has no attribute or none of that name
 */
export function resolveAttribute(env: MethodEnv, name: string, method: string, field: string): number {
  if (env.attributes.length === 0) {
    throw AppFailure.of('VALIDATION', `${method} needs a sensitive attribute, but the dataset has none (add one at import, or remove the method).`, {
      location: { field },
    })
  }
  if (name === '') return 0
  const k = env.attributes.findIndex((a) => a.name === name)
  if (k < 0) {
    throw AppFailure.of('VALIDATION', `${method}: unknown attribute "${name}"; the dataset has ${env.attributes.map((a) => `"${a.name}"`).join(', ')}.`, {
      location: { field },
    })
  }
  return k
}

/** Row indices per group (codes < 0 = unknown, left out). */
export function rowsByGroup(codes: ArrayLike<number>, numGroups: number): number[][] {
  const out = Array.from({ length: numGroups }, () => [] as number[])
  for (let i = 0; i < codes.length; i++) {
    const g = codes[i] as number
    if (g >= 0 && g < numGroups) out[g]!.push(i)
  }
  return out
}

export type ScoreKind = 'true-class-prob' | 'true-class-logit'

/**
 * Per-sample score Σ_c t_ic s_ic: the probability (softmax) or the logit of the target class
 * (soft targets give the expected value). The classification analogue of FairCLIP's diagonal
 * image–text similarity (the score of the correct pair).
 * @param logits [b, C]; @param targets [b, C] @returns [b]
 */
export function targetScores(logits: tf.Tensor2D, targets: tf.Tensor2D, kind: ScoreKind): tf.Tensor1D {
  const s = kind === 'true-class-prob' ? tf.softmax(logits) : logits
  return tf.sum(tf.mul(s, targets), 1) as tf.Tensor1D
}

/**
 * sinkhorn: debiased log-domain Sinkhorn divergence (FairCLIP's geomloss loss); exact-1d: its
 * blur → 0 limit ½W₂² in closed form (sorted quantiles; no [P, n, m] iterations).
 */
export const GroupDistanceSolver = z.enum(['sinkhorn', 'exact-1d'])
export type GroupDistanceSolver = z.infer<typeof GroupDistanceSolver>

export interface GroupDistanceOptions extends SinkhornOptions {
  /** Distance solver; absent = 'sinkhorn' (the Sinkhorn options are unused by 'exact-1d'). */
  solver?: GroupDistanceSolver
  /** Groups with fewer rows in the batch are skipped. */
  minGroupSize: number
  /** Compare with a constant copy of the group's scores (FairCLIP: group side under no_grad). */
  detachGroup: boolean
}

export interface GroupDistance {
  /** Σ over the groups used; undefined when fewer than two groups are present. */
  total: tf.Scalar | undefined
  /** Per group the divergence value, NaN when skipped. */
  values: number[]
}

/**
 * Σ_g S_ε(batch scores, scores of group g) over the groups present with ≥ minGroupSize rows.
 * The batch side is every row of the batch (uniform weights), as FairCLIP's training batch; the
 * group side uniform over the group's rows. Both sides are the same score scale (the FairCLIP
 * normalisation defect, group side divided by its sum, is not reproduced: methods.md §6.3).
 * Fewer than two groups present → no term (a single group equals the batch up to unknowns).
 * `solver: 'exact-1d'` replaces S_ε by its blur → 0 limit ½W₂² (wasserstein-1d.ts); same groups, same sides.
 *
 * @param scores [b]; @param codes group per row (-1 unknown)
 */
export function groupScoreDistance(scores: tf.Tensor1D, codes: ArrayLike<number>, numGroups: number, o: GroupDistanceOptions): GroupDistance {
  const b = scores.shape[0]
  const rows = rowsByGroup(codes, numGroups)
  const values = rows.map(() => Number.NaN)
  const used = rows.map((r, g) => ({ r, g })).filter(({ r }) => r.length >= Math.max(1, o.minGroupSize))
  const present = rows.filter((r) => r.length > 0).length
  if (present < 2 || used.length === 0 || b < 2) return { total: undefined, values }
  // All problems share the support (the batch's scores), so they are solved as one batch:
  // OT(batch, batch) once, then per group OT(batch, g) and OT(g, g) (debiasing terms).
  const other = o.detachGroup ? stopGradient(scores) : scores
  const uniform = new Float32Array(b).fill(1 / b)
  const weights = used.map(({ r }) => {
    const w = new Float32Array(b)
    for (const i of r) w[i] = 1 / r.length
    return w
  })
  if (o.solver === 'exact-1d') {
    // No debiasing terms: W₂(a, a) = 0. The batch side (x) and the group side (other) share the support.
    const d = exactHalfW2Batch(scores, other, used.map(() => uniform), weights)
    const dValues = d.dataSync() as Float32Array
    used.forEach(({ g }, u) => (values[g] = dValues[u]!))
    return { total: tf.sum(d) as tf.Scalar, values }
  }
  const cxy = halfSquaredCost(scores, other)
  const cxx = halfSquaredCost(scores, scores)
  const cyy = halfSquaredCost(other, other)
  const costs = tf.stack([cxx, ...used.flatMap(() => [cxy, cyy])]) as tf.Tensor3D
  const P = 1 + 2 * used.length
  const pack = (rows: Float32Array[]): tf.Tensor2D => {
    const flat = new Float32Array(P * b)
    rows.forEach((w, p) => flat.set(w, p * b))
    return tf.tensor2d(flat, [P, b])
  }
  const a = pack([uniform, ...weights.flatMap((w) => [uniform, w])])
  const bw = pack([uniform, ...weights.flatMap((w) => [w, w])])
  const ot = entropicOtBatch(costs, a, bw, epsilonSchedule(diameterOf(scores), o))
  const otValues = ot.dataSync() as Float32Array
  const selfBatch = tf.slice(ot, [0], [1])
  const terms = used.map(({ g }, u) => {
    // S(batch, g) = OT(batch, g) − ½ OT(batch, batch) − ½ OT(g, g)
    const d = tf.reshape(tf.sub(tf.slice(ot, [1 + 2 * u], [1]), tf.mul(0.5, tf.add(selfBatch, tf.slice(ot, [2 + 2 * u], [1])))), []) as tf.Scalar
    values[g] = otValues[1 + 2 * u]! - 0.5 * (otValues[0]! + otValues[2 + 2 * u]!)
    return d
  })
  return { total: tf.addN(terms) as tf.Scalar, values }
}
