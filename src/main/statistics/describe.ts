/** Descriptive statistics of repeated measurements: mean, sample std, t-based and bootstrap percentile CIs. */
import { createRng } from '../util/rng'
import { studentTQuantile } from './distributions'

export type Interval = [number, number]

/** Arithmetic mean, Σx / n; NaN for no values. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN
  let s = 0
  for (const v of values) s += v
  return s / values.length
}

/**
 * Sample standard deviation s = √(Σ(x − x̄)² / (n − 1)) (Bessel's correction; numpy `std(ddof=1)`).
 * 0 for one value (as `meanStd` in src/main/evaluation/aggregate.ts), NaN for none.
 */
export function sampleStd(values: readonly number[]): number {
  const n = values.length
  if (n === 0) return NaN
  if (n === 1) return 0
  const m = mean(values)
  let ss = 0
  for (const v of values) ss += (v - m) ** 2
  return Math.sqrt(ss / (n - 1))
}

/**
 * Two-sided t-based confidence interval of the mean, x̄ ± t_{(1+level)/2, n−1} · s / √n.
 * Source: any statistics text, e.g. Montgomery & Runger, Applied Statistics and Probability for Engineers, §8.2.
 * [NaN, NaN] below two values.
 */
export function tInterval(values: readonly number[], level = 0.95): Interval {
  const n = values.length
  if (n < 2) return [NaN, NaN]
  const m = mean(values)
  const half = (studentTQuantile((1 + level) / 2, n - 1) * sampleStd(values)) / Math.sqrt(n)
  return [m - half, m + half]
}

/**
 * Quantile q in [0, 1] of ascending `sorted` values with linear interpolation between order
 * statistics, h = (n − 1) q (Hyndman & Fan 1996 definition 7; numpy's default 'linear').
 */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const n = sorted.length
  if (n === 0) return NaN
  const h = (n - 1) * q
  const lo = Math.floor(h)
  const hi = Math.min(lo + 1, n - 1)
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!)
}

export interface BootstrapOptions {
  /** Seed of the resampling stream (createRng); the same seed gives the same interval. Default 1. */
  seed?: number
  /** Number of bootstrap resamples B. Default 2000. */
  resamples?: number
  /** Coverage. Default 0.95. */
  level?: number
}

/**
 * Bootstrap percentile confidence interval of the mean: draw B resamples of size n with
 * replacement, take the mean of each, and report the (1 − level)/2 and (1 + level)/2 quantiles of
 * those B means. Source: Efron & Tibshirani, An Introduction to the Bootstrap (1993), §13.3.
 * [x, x] for one value, [NaN, NaN] for none.
 */
export function bootstrapInterval(values: readonly number[], opts: BootstrapOptions = {}): Interval {
  const n = values.length
  if (n === 0) return [NaN, NaN]
  const b = opts.resamples ?? 2000
  const level = opts.level ?? 0.95
  const rng = createRng(opts.seed ?? 1)
  const means = new Float64Array(b)
  for (let r = 0; r < b; r++) {
    let s = 0
    for (let i = 0; i < n; i++) s += values[rng.int(n)]!
    means[r] = s / n
  }
  means.sort()
  const sorted = Array.from(means)
  return [quantileSorted(sorted, (1 - level) / 2), quantileSorted(sorted, (1 + level) / 2)]
}

export interface ValueSummary {
  mean: number
  std: number
  /** Values used (non-finite ones are skipped). */
  n: number
  /** 95% t-based CI of the mean. */
  ciT: Interval
  /** 95% bootstrap percentile CI of the mean. */
  ciBootstrap: Interval
}

/**
 * Mean, sample std, 95% t-based CI and 95% bootstrap percentile CI of the finite `values`
 * (NaN/±Infinity, e.g. an undefined AUC, are skipped and `n` says how many were used).
 * @example summarizeValues([0.8, 0.82, 0.79, 0.85, 0.81]).ciT // ≈ [0.7854, 0.8426]
 */
export function summarizeValues(values: number[], opts: { seed?: number; bootstrap?: number } = {}): ValueSummary {
  const xs = values.filter((v) => Number.isFinite(v))
  return {
    mean: mean(xs),
    std: sampleStd(xs),
    n: xs.length,
    ciT: tInterval(xs),
    ciBootstrap: bootstrapInterval(xs, { seed: opts.seed, resamples: opts.bootstrap }),
  }
}
