/** Distribution functions used by the tests: normal, Student t (CDF and quantile), chi-square and F tails. */
import { regularizedGammaQ, regularizedIncompleteBeta } from './special'

/**
 * Upper tail of the standard normal, P(Z > z) = ½ erfc(z/√2), with erfc(u) = Q(½, u²) for u ≥ 0.
 * Source: Abramowitz & Stegun 7.1.2, 26.2.29 and 6.5.17 (erfc as an incomplete gamma).
 */
export function normalSf(z: number): number {
  if (Number.isNaN(z)) return NaN
  if (z < 0) return 1 - normalSf(-z)
  return 0.5 * regularizedGammaQ(0.5, (z * z) / 2)
}

/** Standard normal CDF Φ(z) = 1 − P(Z > z) (Abramowitz & Stegun 26.2.2). */
export function normalCdf(z: number): number {
  return z < 0 ? normalSf(-z) : 1 - normalSf(z)
}

/** Standard normal density φ(z) = exp(−z²/2)/√(2π). */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI)
}

/**
 * Two-sided p-value of a Student t statistic with `df` degrees of freedom,
 * P(|T| ≥ |t|) = I_{df/(df + t²)}(df/2, ½).
 * Source: Abramowitz & Stegun 26.7.1; Numerical Recipes 3rd ed. §6.14.
 */
export function studentTTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN
  if (!Number.isFinite(t)) return 0
  return regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5)
}

/** Student t CDF, P(T ≤ t) = 1 − ½ I_{df/(df + t²)}(df/2, ½) for t ≥ 0, by symmetry below 0 (A&S 26.7.1). */
export function studentTCdf(t: number, df: number): number {
  const half = studentTTwoSidedP(t, df) / 2
  return t >= 0 ? 1 - half : half
}

/**
 * Student t quantile: the t with P(T ≤ t) = p, found by bracketing and bisection on the CDF
 * above (to machine precision); symmetric, t(1 − p) = −t(p).
 * @example studentTQuantile(0.975, 4) // 2.7764451051977987 (scipy.stats.t.ppf(0.975, 4))
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN
  if (p === 0.5) return 0
  if (p < 0.5) return -studentTQuantile(1 - p, df)
  const tail = 2 * (1 - p) // two-sided p of the answer
  let hi = 1
  while (studentTTwoSidedP(hi, df) > tail) hi *= 2
  let lo = hi === 1 ? 0 : hi / 2
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2
    if (studentTTwoSidedP(mid, df) > tail) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/** Upper tail of chi-square with k degrees of freedom, P(X ≥ x) = Q(k/2, x/2) (Abramowitz & Stegun 26.4.19). */
export function chiSquareSf(x: number, k: number): number {
  if (Number.isNaN(x) || !(k > 0)) return NaN
  return x <= 0 ? 1 : regularizedGammaQ(k / 2, x / 2)
}

/**
 * Upper tail of F(d1, d2), P(F ≥ f) = I_{d2/(d2 + d1 f)}(d2/2, d1/2).
 * Source: Abramowitz & Stegun 26.6.2; Numerical Recipes 3rd ed. §6.14.
 */
export function fSf(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f) || !(d1 > 0) || !(d2 > 0)) return NaN
  if (f <= 0) return 1
  if (f === Infinity) return 0
  return regularizedIncompleteBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2)
}
