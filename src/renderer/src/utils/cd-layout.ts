/**
 * The layout of a critical-difference diagram (Demšar 2006, Fig. 1) in data coordinates: the rank
 * axis at y = 0 (rank 1 = best, on the left), one elbow per arm down to its label row (the better
 * half labelled on the left, the worse half on the right), one bar per clique of arms that are not
 * significantly different, stacked under the axis, and the CD interval above it.
 */
export interface CdArm {
  name: string
  rank: number
  /** y of the label row (rows grow downwards). */
  y: number
  side: 'left' | 'right'
}

export interface CdClique {
  from: number
  to: number
  y: number
}

export interface CdLayout {
  k: number
  arms: CdArm[]
  cliques: CdClique[]
  /** Rows below the axis (the y range of the chart). */
  rows: number
}

const CLIQUE_GAP = 0.35
const ROW = 1

/** @param cliques arm indices (into `names`) of each clique, as `friedmanNemenyi` returns them. */
export function cdLayout(names: readonly string[], ranks: readonly number[], cliques: readonly (readonly number[])[]): CdLayout {
  const k = names.length
  const order = names.map((_, i) => i).sort((a, b) => ranks[a]! - ranks[b]! || a - b)
  const left = Math.ceil(k / 2)
  const cliqueRows = cliques.length
  const firstLabel = CLIQUE_GAP * (cliqueRows + 1) + 0.4
  const arms: CdArm[] = order.map((i, pos) => {
    const onLeft = pos < left
    // Left labels: the best arm lowest; right labels: the worst arm lowest (no crossing elbows).
    const row = onLeft ? left - 1 - pos : pos - left
    return { name: names[i]!, rank: ranks[i]!, y: firstLabel + row * ROW, side: onLeft ? 'left' : 'right' }
  })
  const out: CdClique[] = cliques.map((members, j) => {
    const rs = members.map((m) => ranks[m]!)
    return { from: Math.min(...rs), to: Math.max(...rs), y: CLIQUE_GAP * (j + 1) }
  })
  const rows = firstLabel + Math.max(left, k - left) * ROW
  return { k, arms, cliques: out, rows }
}
