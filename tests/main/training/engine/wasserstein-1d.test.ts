/**
 * Exact 1-D ½W₂² (merged-quantile walk) and the `exact-1d` solver of groupScoreDistance, on wasm.
 * Source of the expected values: ½W₂²(a, b) = ½∫₀¹ (F_a⁻¹(u) − F_b⁻¹(u))² du (Peyré & Cuturi,
 * *Computational Optimal Transport*, 2019, Remark 2.30 / §2.6), worked by hand below on the step
 * quantile functions; the uniform-weight cases also against the independent reference of the
 * Sinkhorn tests (exact-w2-reference.ts), and the Sinkhorn divergence at small blur (→ ½W₂²).
 */
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../../src/main/training/engine/backend'
import { groupScoreDistance } from '../../../../src/main/training/engine/group-distance'
import { sinkhornDivergence } from '../../../../src/main/training/engine/sinkhorn'
import { exactHalfW2, quantileCoupling } from '../../../../src/main/training/engine/wasserstein-1d'
import { createRng } from '../../../../src/main/util/rng'
import { exactW2sq } from './exact-w2-reference'

beforeAll(async () => {
  await initBackend('wasm')
})

const uniform = (n: number): number[] => new Array<number>(n).fill(1 / n)

function exact(x: number[], a: number[], y: number[], b: number[]): number {
  return tf.tidy(() => exactHalfW2(tf.tensor1d(x), tf.tensor1d(a), tf.tensor1d(y), tf.tensor1d(b)).dataSync()[0]!)
}

describe('exactHalfW2 by hand', () => {
  it('equal sizes, equal weights: ½·mean((sorted x − sorted y)²)', () => {
    // sorted x = [0, 1, 3], sorted y = [0.5, 2, 2]: ½ · (0.25 + 1 + 1)/3 = 0.375
    expect(exact([3, 0, 1], uniform(3), [2, 0.5, 2], uniform(3))).toBeCloseTo(0.375, 6)
  })

  it('unequal sizes: x = {0, 1} (½ each), y = {0, 0.5, 1} (⅓ each)', () => {
    // quantiles on [0,⅓) 0|0, [⅓,½) 0|0.5, [½,⅔) 1|0.5, [⅔,1] 1|1 → W₂² = (1/6)(¼) + (1/6)(¼) = 1/12, half = 1/24
    expect(exact([0, 1], uniform(2), [0, 0.5, 1], uniform(3))).toBeCloseTo(1 / 24, 6)
  })

  it('unequal weights: x = {2: ½, 0: ½}, y = {1: ¼, 3: ¾}, and zero-weight points are left out', () => {
    // cumulative x: 0 → ½, 2 → 1; y: 1 → ¼, 3 → 1. Intervals [0,¼) 0|1, [¼,½) 0|3, [½,1) 2|3:
    // W₂² = ¼·1 + ¼·9 + ½·1 = 3 → ½W₂² = 1.5
    expect(quantileCoupling([2, 0], [0.5, 0.5], [1, 3], [0.25, 0.75])).toEqual([
      { i: 1, j: 0, mass: 0.25 },
      { i: 1, j: 1, mass: 0.25 },
      { i: 0, j: 1, mass: 0.5 },
    ])
    expect(exact([2, 0], [0.5, 0.5], [1, 3], [0.25, 0.75])).toBeCloseTo(1.5, 6)
    expect(exact([2, 100, 0], [0.5, 0, 0.5], [1, 3], [0.25, 0.75])).toBeCloseTo(1.5, 6)
    // weights are normalised: the same measures with unnormalised weights
    expect(exact([2, 0], [1, 1], [1, 3], [1, 3])).toBeCloseTo(1.5, 6)
  })

  it('is 0 for identical samples and s²/2 for a shift s', () => {
    expect(exact([0.1, 0.4, 0.8], uniform(3), [0.8, 0.1, 0.4], uniform(3))).toBe(0)
    expect(exact([0.1, 0.4, 0.8], uniform(3), [0.4, 0.7, 1.1], uniform(3))).toBeCloseTo(0.045, 6)
  })

  it('names the field on bad weights', () => {
    expect(() => quantileCoupling([0, 1], [0, 0], [0], [1])).toThrow(/a: the weights sum to 0/)
    expect(() => quantileCoupling([0, 1], [1, 0], [0], [-1])).toThrow(/b: weight 0 is -1/)
    expect(() => quantileCoupling([0, 1], [1], [0], [1])).toThrow(/a: 1 weights for 2 values/)
  })
})

describe('exactHalfW2 against the other references', () => {
  it('equals ½ × the midpoint-quantile reference on random uniform samples of different sizes', () => {
    const rng = createRng(7)
    for (const [n, m] of [[5, 5], [4, 6], [7, 3], [12, 5]] as const) {
      const x = Array.from({ length: n }, () => rng.next())
      const y = Array.from({ length: m }, () => rng.next())
      expect(exact(x, uniform(n), y, uniform(m))).toBeCloseTo(0.5 * exactW2sq(x, y), 6)
    }
  })

  it('agrees with the Sinkhorn divergence at small blur (uniform and unequal weights)', () => {
    const opts = { blur: 1e-3, iterations: 80, scaling: 0.5 }
    const cases: [number[], number[], number[], number[]][] = [
      [[0.0, 0.4, 0.9, 0.3], uniform(4), [0.2, 0.25, 0.8, 1.0, 0.55, 0.6], uniform(6)],
      [[2, 0], [0.5, 0.5], [1, 3], [0.25, 0.75]],
    ]
    for (const [x, a, y, b] of cases) {
      const s = tf.tidy(() => sinkhornDivergence(tf.tensor1d(x), tf.tensor1d(a), tf.tensor1d(y), tf.tensor1d(b), opts).dataSync()[0]!)
      expect(Math.abs(exact(x, a, y, b) - s)).toBeLessThan(1e-3)
    }
  })
})

describe('gradient of exactHalfW2 (tf.grad on wasm) against central finite differences', () => {
  // Values ≥ 0.1 apart and h = 0.01, so no perturbation changes the sort order: the function is
  // quadratic on each side and the central difference is exact up to float32 rounding.
  const x = [0.1, 0.7, 0.35, 0.9]
  const y = [0.5, 0.15, 0.8, 1.1, 0.3]
  const a = [0.1, 0.2, 0.3, 0.4]
  const b = uniform(5)
  const h = 0.01

  function fd(f: (v: number[]) => number, v: number[]): number[] {
    return v.map((_, i) => {
      const up = v.map((t, k) => (k === i ? t + h : t))
      const down = v.map((t, k) => (k === i ? t - h : t))
      return (f(up) - f(down)) / (2 * h)
    })
  }

  it('in x and in y', () => {
    const [gx, gy] = tf.tidy(() =>
      tf.grads((xs: tf.Tensor, ys: tf.Tensor) => exactHalfW2(xs as tf.Tensor1D, tf.tensor1d(a), ys as tf.Tensor1D, tf.tensor1d(b)))([tf.tensor1d(x), tf.tensor1d(y)]).map((g) => Array.from(g.dataSync())),
    )
    const wantX = fd((v) => exact(v, a, y, b), x)
    const wantY = fd((v) => exact(x, a, v, b), y)
    gx!.forEach((g, i) => expect(g).toBeCloseTo(wantX[i]!, 4))
    gy!.forEach((g, j) => expect(g).toBeCloseTo(wantY[j]!, 4))
    expect(gx!.some((g) => Math.abs(g) > 0.01)).toBe(true)
  })
})

describe("groupScoreDistance with solver 'exact-1d'", () => {
  const base = { blur: 1e-3, iterations: 80, scaling: 0.5, minGroupSize: 2 }
  // batch s = [.9, .8, .2, .3] (¼ each), group 0 = {.9, .8}, group 1 = {.2, .3} (½ each).
  // Sorted batch .2 .3 .8 .9 vs group 0 .8 .9: pairs .2|.8 .3|.8 .8|.9 .9|.9 (¼ each)
  // → ½W₂² = ½·¼(0.36 + 0.25 + 0.01 + 0) = 0.0775; group 1 by symmetry .2|.2 .3|.2 .8|.3 .9|.3 → 0.0775.
  const s = [0.9, 0.8, 0.2, 0.3]
  const codes = [0, 0, 1, 1]

  it('sums ½W₂²(batch, group) over the groups and agrees with the Sinkhorn solver at small blur', () => {
    const run = (solver: 'sinkhorn' | 'exact-1d'): { total: number; values: number[] } =>
      tf.tidy(() => {
        const r = groupScoreDistance(tf.tensor1d(s), codes, 2, { ...base, detachGroup: true, solver })
        return { total: r.total!.dataSync()[0]!, values: r.values }
      })
    const e = run('exact-1d')
    expect(e.values[0]).toBeCloseTo(0.0775, 6)
    expect(e.values[1]).toBeCloseTo(0.0775, 6)
    expect(e.total).toBeCloseTo(0.155, 6)
    const k = run('sinkhorn')
    expect(Math.abs(k.total - e.total)).toBeLessThan(1e-3)
  })

  it('gradient: batch side only with detachGroup, both sides without (by hand and by finite differences)', () => {
    const grad = (detachGroup: boolean): number[] =>
      tf.tidy(() => Array.from(tf.grad((t: tf.Tensor) => groupScoreDistance(t as tf.Tensor1D, codes, 2, { ...base, detachGroup, solver: 'exact-1d' }).total!)(tf.tensor1d(s)).dataSync()))
    // d/dx_i of ½Σ_k w_k (x_{i_k} − y_{j_k})² = Σ_{k: i_k = i} w_k (x_i − y_{j_k}), per group, rows in s order:
    // group 0: [.9: 0, .8: ¼(−.1), .2: ¼(−.6), .3: ¼(−.5)]; group 1: [.9: ¼(.6), .8: ¼(.5), .2: 0, .3: ¼(.1)]
    ;[0.15, 0.1, -0.15, -0.1].forEach((v, i) => expect(grad(true)[i]).toBeCloseTo(v, 5))
    // plus the group side −Σ_{k: j_k = j} w_k (x_{i_k} − y_j): .9: ¼·.1, .8: ¼(.6 + .5), .2: −¼·.1, .3: −¼(.5 + .6)
    ;[0.175, 0.375, -0.175, -0.375].forEach((v, i) => expect(grad(false)[i]).toBeCloseTo(v, 5))
    const total = (v: number[]): number =>
      tf.tidy(() => groupScoreDistance(tf.tensor1d(v), codes, 2, { ...base, detachGroup: false, solver: 'exact-1d' }).total!.dataSync()[0]!)
    const h = 0.01
    const full = grad(false)
    s.forEach((_, i) => {
      const step = (d: number): number[] => s.map((t, k) => (k === i ? t + d : t))
      expect(full[i]).toBeCloseTo((total(step(h)) - total(step(-h))) / (2 * h), 4)
    })
  })
})
