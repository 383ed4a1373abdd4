/**
 * Sinkhorn divergence against the exact 1-D Wasserstein-2 distance. Reference: for 1-D measures
 * W₂² = ∫₀¹ (F⁻¹(t) − G⁻¹(t))² dt (quantile coupling; Villani, *Optimal Transport*, Remark 2.19 / the
 * sorted-sample formula mean_i (x₍ᵢ₎ − y₍ᵢ₎)² for equal sizes), and the debiased divergence tends to
 * ½ W₂² with geomloss' cost |x − y|²/2 as blur → 0 (Feydy et al. 2019).
 */
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../../src/main/training/engine/backend'
import { groupScoreDistance } from '../../../../src/main/training/engine/group-distance'
import { epsilonSchedule, sinkhornDivergence } from '../../../../src/main/training/engine/sinkhorn'
import { exactW2sq } from './exact-w2-reference'

const uniform = (n: number): tf.Tensor1D => tf.fill([n], 1 / n) as tf.Tensor1D
const opts = { blur: 1e-3, iterations: 80, scaling: 0.5 }

function divergence(x: number[], y: number[]): number {
  return tf.tidy(() => sinkhornDivergence(tf.tensor1d(x), uniform(x.length), tf.tensor1d(y), uniform(y.length), opts).dataSync()[0]!)
}

describe('sinkhornDivergence', () => {
  beforeAll(async () => {
    await initBackend('cpu')
  })

  it('the exact reference itself: equal sizes give the sorted-sample mean', () => {
    // sorted x = [0, 1, 3], sorted y = [0.5, 2, 2] → ((0.5)² + 1² + 1²)/3 = 2.25/3 = 0.75
    expect(exactW2sq([3, 0, 1], [2, 0.5, 2])).toBeCloseTo(0.75, 12)
    // x = {0, 1} (½ each), y = {0, 0.5, 1} (⅓ each): quantiles on [0,⅓) 0|0, [⅓,½) 0|0.5, [½,⅔) 1|0.5, [⅔,1] 1|1 → (1/6)(¼)·2 = 1/12
    expect(exactW2sq([0, 1], [0, 0.5, 1])).toBeCloseTo(1 / 12, 12)
  })

  it('equals ½ W₂² on small equal-size samples (small ε)', () => {
    const x = [0.1, 0.7, 0.35, 0.9, 0.2]
    const y = [0.5, 0.15, 0.8, 0.6, 0.95]
    expect(divergence(x, y)).toBeCloseTo(0.5 * exactW2sq(x, y), 4)
  })

  it('equals ½ W₂² for different sample sizes', () => {
    const x = [0.0, 0.4, 0.9, 0.3]
    const y = [0.2, 0.25, 0.8, 1.0, 0.55, 0.6]
    expect(divergence(x, y)).toBeCloseTo(0.5 * exactW2sq(x, y), 4)
  })

  it('is ~0 for identical samples and grows with a shift (W₂² of a shift s is s²)', () => {
    const x = [0.1, 0.4, 0.8]
    expect(Math.abs(divergence(x, x))).toBeLessThan(1e-6)
    expect(divergence(x, x.map((v) => v + 0.3))).toBeCloseTo(0.5 * 0.09, 4)
  })

  it('has a finite, non-zero gradient in x', () => {
    const y = tf.tensor1d([0.5, 0.15, 0.8])
    const g = tf.grad((x: tf.Tensor) => sinkhornDivergence(x as tf.Tensor1D, uniform(3), y, uniform(3), opts))(tf.tensor1d([0.1, 0.7, 0.35]))
    const v = Array.from(g.dataSync())
    expect(v.every(Number.isFinite)).toBe(true)
    // d/dx_i ½ W₂² = (x_i − T(x_i))/n with the sorted matching 0.1→0.15, 0.35→0.5, 0.7→0.8
    expect(v[0]).toBeCloseTo((0.1 - 0.15) / 3, 3)
    expect(v[1]).toBeCloseTo((0.7 - 0.8) / 3, 3)
    expect(v[2]).toBeCloseTo((0.35 - 0.5) / 3, 3)
  })

  it('anneals ε from the diameter² to blur² (geomloss levels), iterations spread over the levels', () => {
    const one = epsilonSchedule(1, { blur: 0.1, iterations: 5, scaling: 0.5 })
    ;[1, 0.25, 0.0625, 0.015625, 0.01].forEach((e, k) => expect(one[k]).toBeCloseTo(e, 12))
    const two = epsilonSchedule(1, { blur: 0.5, iterations: 5, scaling: 0.5 })
    ;[1, 1, 0.25, 0.25, 0.25].forEach((e, k) => expect(two[k]).toBeCloseTo(e, 12))
  })
})

describe('groupScoreDistance', () => {
  beforeAll(async () => {
    await initBackend('cpu')
  })
  const options = { ...opts, minGroupSize: 2, detachGroup: true }

  it('sums ½ W₂²(batch, group) over groups, leaving unknown rows out of the groups', () => {
    const s = [0.9, 0.8, 0.2, 0.3, 0.6, 0.7]
    const codes = [0, 0, 1, 1, -1, 0]
    const d = tf.tidy(() => {
      const r = groupScoreDistance(tf.tensor1d(s), codes, 2, options)
      return { total: r.total!.dataSync()[0]!, values: r.values }
    })
    const g0 = 0.5 * exactW2sq(s, [0.9, 0.8, 0.7])
    const g1 = 0.5 * exactW2sq(s, [0.2, 0.3])
    expect(d.values[0]).toBeCloseTo(g0, 4)
    expect(d.values[1]).toBeCloseTo(g1, 4)
    expect(d.total).toBeCloseTo(g0 + g1, 4)
  })

  it('adds nothing with a single group present, or groups below the minimum size', () => {
    const one = tf.tidy(() => groupScoreDistance(tf.tensor1d([0.1, 0.5, 0.9]), [1, 1, -1], 2, options).total)
    expect(one).toBeUndefined()
    const small = groupScoreDistance(tf.tensor1d([0.1, 0.5, 0.9]), [1, 1, 0], 2, { ...options, minGroupSize: 3 })
    expect(small.total).toBeUndefined()
    expect(small.values.every(Number.isNaN)).toBe(true)
  })
})
