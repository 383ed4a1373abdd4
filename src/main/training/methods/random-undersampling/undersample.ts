/** Random undersampling of an epoch plan: every class cut to (a multiple of) the smallest class, drawn without replacement. */
import type { Rng } from '../../../util/rng'

export interface UndersampleResult {
  /** Positions kept in the incoming plan, in class order then draw order. */
  positions: Int32Array
  /** Entries kept per class. */
  kept: number[]
}

/**
 * Per class c with m_c entries in the plan, keeps k_c = min(m_c, ⌊ratio · m_min⌋) entries drawn
 * uniformly without replacement (partial Fisher–Yates), where m_min is the smallest non-zero m_c.
 * ratio = 1 equalises every class to the minority size (imbalanced-learn's RandomUnderSampler with
 * sampling_strategy='auto'); ratio > 1 keeps up to that many times the minority size.
 *
 * @param labels class of each plan entry (already mapped through the plan's indices)
 * @param ratio ≥ 1
 * @example undersample(Int32Array.of(0,0,0,0,1,1), 2, 1, rng).kept // → [2, 2]
 */
export function undersample(labels: Int32Array, numClasses: number, ratio: number, rng: Rng): UndersampleResult {
  const byClass: number[][] = Array.from({ length: numClasses }, () => [])
  labels.forEach((c, pos) => byClass[c]?.push(pos))
  const present = byClass.map((p) => p.length).filter((m) => m > 0)
  const minority = present.length ? Math.min(...present) : 0
  const cap = Math.max(1, Math.floor(ratio * minority))
  const kept: number[] = []
  const positions: number[] = []
  for (const members of byClass) {
    const k = Math.min(members.length, cap)
    // Partial Fisher–Yates: the first k slots become a uniform sample without replacement.
    for (let i = 0; i < k; i++) {
      const j = i + rng.int(members.length - i)
      const tmp = members[i] as number
      members[i] = members[j] as number
      members[j] = tmp
    }
    positions.push(...members.slice(0, k))
    kept.push(k)
  }
  return { positions: Int32Array.from(positions), kept }
}
