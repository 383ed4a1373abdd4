/** Ranking with ties, shared by the Wilcoxon signed-rank and Friedman tests. */

export interface Ranking {
  /** 1-based ascending ranks, ties given the average of the ranks they span. */
  ranks: number[]
  /** Size of every group of tied values (groups of one included). */
  tieGroups: number[]
}

/**
 * Ascending ranks 1..n with ties averaged ("fractional ranking", scipy.stats.rankdata
 * method='average'). Values whose sorted neighbours differ by at most `tolerance` are tied
 * (absolute; 0 = exact equality), so floating-point noise such as 0.9 − 0.8 vs 0.8 − 0.7 does not
 * break a tie. Source: Conover, Practical Nonparametric Statistics (3rd ed., 1999), §5.
 */
export function averageRanks(values: readonly number[], tolerance = 0): Ranking {
  const n = values.length
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b)
  const ranks = new Array<number>(n).fill(0)
  const tieGroups: number[] = []
  let start = 0
  while (start < n) {
    let end = start
    while (end + 1 < n && values[order[end + 1]!]! - values[order[end]!]! <= tolerance) end++
    const avg = (start + end) / 2 + 1
    for (let i = start; i <= end; i++) ranks[order[i]!] = avg
    tieGroups.push(end - start + 1)
    start = end + 1
  }
  return { ranks, tieGroups }
}
