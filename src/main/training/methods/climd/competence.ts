/**
 * The ablation schedulers of CLIMD Table 4 over one global easiness order: competence curves
 * (Linear, Root, Geometric) and bucket schedules (Baby Step, One-Pass). Parameters are not given by
 * CLIMD; defaults K = 5, c0 = 0.1, T_c = 0.8·T (methods.md §2.5, [INF]). Pure.
 */

export type CompetenceKind = 'linear' | 'root' | 'geometric'
export type BucketKind = 'baby-step' | 'one-pass'

/**
 * Fraction of the easiest data visible at curriculum epoch t (t = 1..):
 * - linear: min(1, c0 + (1 − c0) · t/T_c)
 * - root (Platanios et al. 2019): min(1, sqrt(c0² + (1 − c0²) · t/T_c))
 * - geometric (Penha & Hauff 2020): min(1, c0^(1 − t/T_c))
 * @example competence('root', 4, 8, 0.1) // → sqrt(0.01 + 0.99·0.5) = 0.7106
 */
export function competence(kind: CompetenceKind, t: number, Tc: number, c0: number): number {
  const x = Math.min(1, Math.max(0, t / Tc))
  if (kind === 'linear') return Math.min(1, c0 + (1 - c0) * x)
  if (kind === 'root') return Math.min(1, Math.sqrt(c0 * c0 + (1 - c0 * c0) * x))
  return Math.min(1, c0 ** (1 - x))
}

/**
 * Stage (1..K) of curriculum epoch t when T_c epochs are split evenly into K stages; K + 1 once the
 * curriculum is over (t > T_c), when every bucket is used.
 */
export function bucketStage(t: number, Tc: number, K: number): number {
  if (t > Tc) return K + 1
  return Math.min(K, Math.floor(((t - 1) * K) / Tc) + 1)
}

/**
 * Positions [start, end) in the easiness order used at epoch t, buckets of ⌈N/K⌉ (the last smaller):
 * Baby Step trains on buckets 1..k (cumulative), One-Pass on bucket k only (Bengio et al. 2009, as
 * cited by CLIMD); after T_c both use all N samples.
 * @example bucketRange('one-pass', 3, 10, 5, 100) // stage 2 → [20, 40)
 */
export function bucketRange(kind: BucketKind, t: number, Tc: number, K: number, N: number): [number, number] {
  const k = bucketStage(t, Tc, K)
  if (k > K) return [0, N]
  const size = Math.ceil(N / K)
  const end = Math.min(N, k * size)
  return kind === 'baby-step' ? [0, end] : [Math.min(N, (k - 1) * size), end]
}
