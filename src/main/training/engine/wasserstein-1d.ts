/**
 * Exact ½ W₂² between two weighted 1-D samples (closed form; the blur → 0 limit of the Sinkhorn
 * divergence in sinkhorn.ts, same cost |x − y|²/2). In 1-D the optimal coupling is the monotone one
 * (quantile coupling):
 *
 *     ½ W₂²(a, b) = ½ ∫₀¹ (F_a⁻¹(u) − F_b⁻¹(u))² du
 *
 * (Peyré & Cuturi, *Computational Optimal Transport*, 2019, Remark 2.30 / §2.6). Both quantile
 * functions are step functions, so the integral is a finite sum over the merged cumulative weights:
 * sort each sample, walk the two cumulative-weight sequences together, and every interval between
 * consecutive breakpoints pairs one x with one y (O((n + m) log(n + m)) for the walk).
 *
 * Differentiable in the sample values with plain tfjs ops (no gather, no einsum: wasm lacks their
 * gradients): the walk (which x meets which y, with what mass) is computed from the values as a
 * constant, and applied as one-hot selection matrices times the values (matMul: [K, n] with
 * K ≤ n + m − 1 pieces per problem, so memory and time O(K·n); at batch 256 that is one small matMul
 * where Sinkhorn runs `iterations` passes over [P, n, m]). Ties in the
 * values make the pairing non-unique; any order gives the same value (and a valid subgradient).
 * The weights are constants (no gradient) and are normalised to sum 1 here.
 */
import * as tf from '@tensorflow/tfjs'
import { AppFailure } from '../../../shared/result'

/** One interval of the merged quantile walk: mass `mass` of x[i] is moved to y[j]. */
export interface QuantileSegment {
  i: number
  j: number
  mass: number
}

/** Indices with positive weight, sorted by value (stable), and their cumulative weights (last = 1). */
function sortedCumulative(values: ArrayLike<number>, weights: ArrayLike<number>, field: string): { order: number[]; cum: number[] } {
  if (values.length !== weights.length) {
    throw AppFailure.of('VALIDATION', `${field}: ${weights.length} weights for ${values.length} values.`, { location: { field } })
  }
  const order: number[] = []
  let total = 0
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number
    if (!(w >= 0) || !Number.isFinite(w)) throw AppFailure.of('VALIDATION', `${field}: weight ${i} is ${w}; weights must be finite and ≥ 0.`, { location: { field } })
    if (w > 0) order.push(i)
    total += w
  }
  if (!(total > 0)) throw AppFailure.of('VALIDATION', `${field}: the weights sum to 0; a sample needs positive mass.`, { location: { field } })
  order.sort((p, q) => (values[p] as number) - (values[q] as number))
  let acc = 0
  const cum = order.map((i) => (acc += (weights[i] as number) / total))
  cum[cum.length - 1] = 1
  return { order, cum }
}

/**
 * The monotone (quantile) coupling of two weighted 1-D samples: walks the merged cumulative
 * weights of the sorted samples; each segment pairs the x and the y whose quantile functions are
 * constant on that interval of [0, 1]. Zero-weight points never appear. At most n + m − 1 segments.
 */
export function quantileCoupling(x: ArrayLike<number>, a: ArrayLike<number>, y: ArrayLike<number>, b: ArrayLike<number>): QuantileSegment[] {
  const sx = sortedCumulative(x, a, 'a')
  const sy = sortedCumulative(y, b, 'b')
  // Breakpoints closer than this are one (cumulative sums of e.g. 1/3 and 1/6 differ by rounding).
  const tol = 1e-12
  const out: QuantileSegment[] = []
  let p = 0
  let q = 0
  let prev = 0
  while (p < sx.order.length && q < sy.order.length) {
    const ca = sx.cum[p]!
    const cb = sy.cum[q]!
    const t = Math.min(ca, cb)
    if (t - prev > tol) out.push({ i: sx.order[p]!, j: sy.order[q]!, mass: t - prev })
    prev = Math.max(prev, t)
    if (ca <= t + tol) p++
    if (cb <= t + tol) q++
  }
  return out
}

/**
 * P problems on shared supports: value p = ½ W₂²(Σ_i a_p[i] δ_{x_i}, Σ_j b_p[j] δ_{y_j}).
 * Differentiable in x and y (module docblock); zero weights leave a point out of a problem.
 * @param x [n]; @param y [m]; @param a P weight vectors of length n; @param b P of length m
 * @returns [P]
 */
export function exactHalfW2Batch(x: tf.Tensor1D, y: tf.Tensor1D, a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[]): tf.Tensor1D {
  if (a.length !== b.length) throw AppFailure.of('VALIDATION', `exact W2: ${a.length} weight vectors for x but ${b.length} for y.`, { location: { field: 'b' } })
  const n = x.shape[0]
  const m = y.shape[0]
  const xv = x.dataSync()
  const yv = y.dataSync()
  const plans = a.map((ap, p) => quantileCoupling(xv, ap, yv, b[p]!))
  const K = plans.reduce((s, plan) => s + plan.length, 0)
  const P = plans.length
  const selectX = new Float32Array(K * n)
  const selectY = new Float32Array(K * m)
  const mass = new Float32Array(P * K)
  let k = 0
  plans.forEach((plan, p) => {
    for (const s of plan) {
      selectX[k * n + s.i] = 1
      selectY[k * m + s.j] = 1
      mass[p * K + k] = s.mass
      k++
    }
  })
  return tf.tidy(() => {
    // Quantile values per segment: one-hot rows times the values (the permutation as a matMul).
    const qx = tf.matMul(tf.tensor2d(selectX, [K, n]), tf.reshape(x, [n, 1]))
    const qy = tf.matMul(tf.tensor2d(selectY, [K, m]), tf.reshape(y, [m, 1]))
    const perProblem = tf.matMul(tf.tensor2d(mass, [P, K]), tf.square(tf.sub(qx, qy)))
    return tf.reshape(tf.mul(0.5, perProblem), [P]) as tf.Tensor1D
  })
}

/**
 * ½ W₂²(a, b) between weighted 1-D samples (same signature as sinkhornDivergence).
 * @param x [n] values; @param a [n] weights (≥ 0, constants); @param y [m]; @param b [m]
 * @returns a scalar, differentiable in x and y
 */
export function exactHalfW2(x: tf.Tensor1D, a: tf.Tensor1D, y: tf.Tensor1D, b: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.reshape(exactHalfW2Batch(x, y, [a.dataSync()], [b.dataSync()]), []) as tf.Scalar)
}
