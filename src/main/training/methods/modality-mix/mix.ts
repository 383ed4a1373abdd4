/**
 * Modality-mix (MM) learning maths (Lu, Tan, Han, IEEE TNNLS 2026, DOI 10.1109/tnnls.2026.3677806;
 * abstract only, no public code: the formulation is ours, docs methods.md §5.2).
 */
import type { Rng } from '../../../util/rng'

/**
 * Proportion target of a mixed sample: t = (1/M) Σ_m onehot(y_source(m)), where modality m comes
 * from the partner when `fromPartner[m]`, else from the anchor.
 * E.g. M = 2, anchor class 0, partner class 2, C = 3 → (0.5, 0, 0.5); M = 3 with one modality from
 * the partner → 2/3 anchor, 1/3 partner.
 */
export function mixTarget(fromPartner: readonly boolean[], anchorLabel: number, partnerLabel: number, numClasses: number): Float32Array {
  const t = new Float32Array(numClasses)
  const M = fromPartner.length
  for (const p of fromPartner) t[p ? partnerLabel : anchorLabel]! += 1 / M
  return t
}

/**
 * Which modalities the partner contributes. With the weak-modality swap, exactly the weak one (the
 * net can recover the partner's share only from it). Without, a uniform random non-empty proper
 * subset (each modality from the partner with probability 1/2, redrawn while all or none are).
 */
export function partnerModalities(M: number, weak: number, swap: boolean, rng: Rng): boolean[] {
  if (M < 2) throw new Error('modality mixing needs at least two modalities')
  if (swap) return Array.from({ length: M }, (_, m) => m === weak)
  for (;;) {
    const pick = Array.from({ length: M }, () => rng.next() < 0.5)
    const k = pick.filter(Boolean).length
    if (k > 0 && k < M) return pick
  }
}

/**
 * The confidently predicted samples per class: S_c = { i : y_i = c, argmax p_i = c, p_i[c] ≥ τ }.
 * A class with no such sample falls back to its ⌈share · n_c⌉ samples of highest p_i[y_i].
 * Rows whose probabilities are NaN (never seen) are never selected.
 *
 * @param probs n × C row-major fused probabilities of the training part
 * @returns training indices per class, ascending
 */
export function selectConfident(probs: Float32Array, labels: Int32Array, numClasses: number, tau: number, fallbackShare: number): Int32Array[] {
  const byClass: number[][] = Array.from({ length: numClasses }, () => [])
  const all: number[][] = Array.from({ length: numClasses }, () => [])
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!
    const p = probs[i * numClasses + y]!
    if (Number.isNaN(p)) continue
    all[y]!.push(i)
    let best = 0
    for (let c = 1; c < numClasses; c++) if (probs[i * numClasses + c]! > probs[i * numClasses + best]!) best = c
    if (best === y && p >= tau) byClass[y]!.push(i)
  }
  return byClass.map((sel, c) => {
    if (sel.length > 0) return Int32Array.from(sel)
    const pool = all[c]!
    const k = Math.ceil(fallbackShare * pool.length)
    const top = [...pool].sort((a, b) => probs[b * numClasses + c]! - probs[a * numClasses + c]! || a - b).slice(0, k)
    return Int32Array.from(top.sort((a, b) => a - b))
  })
}

/**
 * A partner for an anchor of class `anchorLabel`: a class drawn uniformly among the other classes
 * that have selected samples, then a sample uniformly within it. −1 when no other class has one.
 */
export function drawPartner(anchorLabel: number, selected: readonly Int32Array[], rng: Rng): number {
  const classes = selected.map((s, c) => (c !== anchorLabel && s.length > 0 ? c : -1)).filter((c) => c >= 0)
  if (classes.length === 0) return -1
  const pool = selected[classes[rng.int(classes.length)]!]!
  return pool[rng.int(pool.length)]!
}

/** Index of the smallest score (the weak, "sub-explored" modality); ties → the lower index. */
export function weakestModality(scores: readonly number[]): number {
  let k = 0
  for (let m = 1; m < scores.length; m++) if (scores[m]! < scores[k]!) k = m
  return k
}
