/**
 * CLIMD's multimodal curriculum measurer (MCM), Eqs. 1–4, on plain arrays (methods.md §2.2). Pure.
 */
import { createRng } from '../../../util/rng'

/**
 * Eq. 1, intra-modal confidence: ψ_i = σ((1/C) Σ_c y_ic · log p_ic) = σ(log p_{i,y_i} / C), in (0, 0.5].
 * @param probs n × C row-major probabilities of one modality's unimodal head
 * @param labels class of each row
 * @example intraConfidence(Float32Array.of(0.5, 0.5), Int32Array.of(0), 2) // → [σ(ln 0.5 / 2)] = [0.4142]
 */
export function intraConfidence(probs: Float32Array, labels: Int32Array, C: number): Float64Array {
  const out = new Float64Array(labels.length)
  for (let i = 0; i < labels.length; i++) {
    const p = Math.max(probs[i * C + labels[i]!]!, 1e-12) // guard log(0)
    out[i] = 1 / (1 + Math.exp(-Math.log(p) / C))
  }
  return out
}

/**
 * Brings every modality's features to one dimension for the cosine of Eq. 2. Unchanged when all
 * sizes are equal (the workbench's encoders share their last hidden size); otherwise a fixed seeded
 * Gaussian random projection of each block to the smallest size (Johnson–Lindenstrauss).
 */
export function toSharedDimension(features: readonly Float32Array[], sizes: readonly number[], seed: number): { features: Float32Array[]; size: number } {
  const d = Math.min(...sizes)
  if (sizes.every((h) => h === d)) return { features: [...features], size: d }
  const rng = createRng(seed)
  const projected = features.map((f, m) => {
    const h = sizes[m]!
    if (h === d) return f
    const P = Float64Array.from({ length: h * d }, () => rng.normal() / Math.sqrt(d))
    const n = f.length / h
    const out = new Float32Array(n * d)
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) {
      let v = 0
      for (let k = 0; k < h; k++) v += f[i * h + k]! * P[k * d + j]!
      out[i * d + j] = v
    }
    return out
  })
  return { features: projected, size: d }
}

/**
 * Eqs. 2–3, inter-modal complementarity: φ_i = 1 − (1/(M(M−1))) Σ_{m≠m'} cos(F_i^m, F_i^m'), in [0, 2].
 * A zero feature vector (all ReLUs off) has cosine 0 with anything. 1 when M < 2 (no pairs).
 * @param features M blocks of n × d (one shared d)
 * @example interComplementarity([Float32Array.of(1, 0), Float32Array.of(0, 1)], 2) // → [1]
 */
export function interComplementarity(features: readonly Float32Array[], d: number): Float64Array {
  const M = features.length
  const n = M > 0 ? features[0]!.length / d : 0
  const out = new Float64Array(n).fill(1)
  if (M < 2) return out
  const norms = features.map((f) => Float64Array.from({ length: n }, (_, i) => Math.hypot(...f.subarray(i * d, i * d + d))))
  for (let i = 0; i < n; i++) {
    let sum = 0
    for (let a = 0; a < M; a++) for (let b = a + 1; b < M; b++) {
      const na = norms[a]![i]!
      const nb = norms[b]![i]!
      if (na === 0 || nb === 0) continue
      let dot = 0
      for (let k = 0; k < d; k++) dot += features[a]![i * d + k]! * features[b]![i * d + k]!
      sum += 2 * (dot / (na * nb)) // s_mm' = s_m'm: each unordered pair counts twice
    }
    out[i] = 1 - sum / (M * (M - 1))
  }
  return out
}

export type Measure = 'both' | 'intra' | 'inter'

/**
 * Eq. 4: r = φ + (1/M) Σ_m ψ^m ('both'); Table 4's ablations use the mean ψ only ('intra') or φ
 * only ('inter').
 */
export function combineScores(psi: readonly Float64Array[], phi: Float64Array, measure: Measure): Float64Array {
  const n = phi.length
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const meanPsi = psi.length ? psi.reduce((s, p) => s + p[i]!, 0) / psi.length : 0
    out[i] = measure === 'intra' ? meanPsi : measure === 'inter' ? phi[i]! : phi[i]! + meanPsi
  }
  return out
}

/** Training indices in score order: 'desc' = highest score first; ties by index. */
export function sortByScore(indices: readonly number[], score: Float64Array, order: 'desc' | 'asc'): number[] {
  const sign = order === 'desc' ? -1 : 1
  return [...indices].sort((a, b) => sign * (score[a]! - score[b]!) || a - b)
}

/** Spearman rank correlation between two orderings of the same items (each a permutation). */
export function spearman(a: readonly number[], b: readonly number[]): number {
  const n = a.length
  if (n < 2) return 1
  const rankB = new Map<number, number>()
  b.forEach((item, k) => rankB.set(item, k))
  let d2 = 0
  a.forEach((item, k) => {
    const diff = k - (rankB.get(item) ?? k)
    d2 += diff * diff
  })
  return 1 - (6 * d2) / (n * (n * n - 1))
}

/** Linear-interpolated quantile q ∈ [0, 1] of the values (NaN when empty). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const s = [...values].sort((x, y) => x - y)
  const pos = q * (s.length - 1)
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo)
}
