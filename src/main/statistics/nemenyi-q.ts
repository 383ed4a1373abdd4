/** Critical values q_α of the Nemenyi test (studentized range at df = ∞, divided by √2). */
import { normalCdf, normalPdf } from './distributions'

/**
 * Demšar (2006), JMLR 7:1–30, Table 5(a): q_α for k = 2..10 classifiers (index k − 2).
 */
const TABLE: Record<'0.05' | '0.1', number[]> = {
  '0.05': [1.96, 2.343, 2.569, 2.728, 2.85, 2.949, 3.031, 3.102, 3.164],
  '0.1': [1.645, 2.052, 2.291, 2.459, 2.589, 2.693, 2.78, 2.855, 2.92],
}

/**
 * CDF of the range of k independent standard normals (the studentized range with df = ∞):
 * P(W ≤ w) = k ∫ φ(z) [Φ(z) − Φ(z − w)]^{k−1} dz, integrated by composite Simpson on [−9, 9 + w].
 * Source: Hartley (1942); Tukey's studentized range, e.g. Hochberg & Tamhane, Multiple Comparison
 * Procedures (1987), App. 3.
 */
export function normalRangeCdf(w: number, k: number): number {
  if (w <= 0) return 0
  const a = -9
  const b = 9 + w
  const steps = 2000
  const h = (b - a) / steps
  let sum = 0
  for (let i = 0; i <= steps; i++) {
    const z = a + i * h
    const f = normalPdf(z) * Math.max(0, normalCdf(z) - normalCdf(z - w)) ** (k - 1)
    sum += f * (i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2)
  }
  return Math.min(1, ((k * h) / 3) * sum)
}

const computed = new Map<string, number>()

/**
 * Nemenyi critical value q_α for k classifiers: the 1 − α quantile of the studentized range with
 * df = ∞, divided by √2. Demšar's Table 5(a) for k ≤ 10 (α = 0.05, 0.10); above 10, computed from
 * `normalRangeCdf` by bisection (matches the table to 3 decimals where both exist).
 */
export function nemenyiQ(k: number, alpha: 0.05 | 0.1): number {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`The Nemenyi test needs at least 2 arms (got ${k}).`)
  const tabled = TABLE[alpha === 0.05 ? '0.05' : '0.1'][k - 2]
  if (tabled !== undefined) return tabled
  return studentizedRangeQ(k, alpha)
}

/** q_α computed (not tabled): the w with P(W ≤ w) = 1 − α, divided by √2. Cached per (k, α). */
export function studentizedRangeQ(k: number, alpha: number): number {
  const id = `${k}/${alpha}`
  const hit = computed.get(id)
  if (hit !== undefined) return hit
  let lo = 0
  let hi = 20
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2
    if (normalRangeCdf(mid, k) < 1 - alpha) lo = mid
    else hi = mid
  }
  const q = (lo + hi) / 2 / Math.SQRT2
  computed.set(id, q)
  return q
}
