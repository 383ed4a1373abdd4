/** Friedman test over datasets × arms, Iman–Davenport F, Nemenyi critical difference and CD-diagram cliques. */
import { chiSquareSf, fSf } from './distributions'
import { nemenyiQ } from './nemenyi-q'
import { averageRanks } from './ranks'

export interface FriedmanInput {
  datasets: string[]
  arms: string[]
  /** scores[dataset][arm]. */
  scores: number[][]
  higherIsBetter: boolean
  alpha: 0.05 | 0.1
  /** Scores within this (absolute) tie. Default 1e-12. */
  tieTolerance?: number
}

export interface FriedmanResult {
  /** Average rank of each arm (1 = best), in the order of `arms`. */
  averageRanks: number[]
  /** Friedman χ²_F and its degrees of freedom k − 1, with p = P(χ²_{k−1} ≥ χ²_F). */
  chi2: number
  df: number
  p: number
  /** Iman–Davenport F_F, its degrees of freedom (k − 1, (k − 1)(N − 1)) and p-value. */
  ff: number
  ffDf: [number, number]
  pFf: number
  /** Nemenyi critical value q_α and critical difference CD = q_α √(k(k + 1)/(6N)). */
  q: number
  cd: number
  /**
   * Maximal groups (≥ 2 arms) whose average ranks differ by less than CD — the bars of a CD
   * diagram. Arm indices, each group listed from best to worst rank; groups ordered the same way.
   */
  cliques: number[][]
}

/**
 * Friedman test with the Nemenyi post-hoc test, following Demšar (2006), "Statistical comparisons
 * of classifiers over multiple data sets", JMLR 7:1–30, §3.2.2:
 * - ranks within each dataset, 1 = best, ties averaged; R_j = average rank of arm j over N datasets;
 * - χ²_F = 12N / (k(k + 1)) · [Σ_j R_j² − k(k + 1)²/4], df = k − 1 (no tie correction, as in the paper;
 *   scipy.stats.friedmanchisquare divides by a tie correction, so it differs when ties exist);
 * - Iman & Davenport (1980): F_F = (N − 1) χ²_F / (N(k − 1) − χ²_F) ~ F(k − 1, (k − 1)(N − 1));
 * - Nemenyi: two arms differ significantly when their average ranks differ by at least
 *   CD = q_α √(k(k + 1)/(6N)), q_α from Demšar's Table 5(a).
 * @throws RangeError for fewer than 2 datasets or arms, a ragged score matrix or a non-finite score.
 */
export function friedmanNemenyi(input: FriedmanInput): FriedmanResult {
  const N = input.datasets.length
  const k = input.arms.length
  if (N < 2 || k < 2) throw new RangeError(`The Friedman test needs at least 2 datasets and 2 arms (got ${N} × ${k}).`)
  if (input.scores.length !== N) throw new RangeError(`scores has ${input.scores.length} rows for ${N} datasets.`)
  const tol = input.tieTolerance ?? 1e-12
  const sums = new Array<number>(k).fill(0)
  input.scores.forEach((row, i) => {
    if (row.length !== k) throw new RangeError(`scores row ${i} ("${input.datasets[i]}") has ${row.length} values for ${k} arms.`)
    const bad = row.findIndex((v) => !Number.isFinite(v))
    if (bad >= 0) throw new RangeError(`scores row ${i} ("${input.datasets[i]}"), arm "${input.arms[bad]}" is not a finite number.`)
    const { ranks } = averageRanks(input.higherIsBetter ? row.map((v) => -v) : row, tol)
    ranks.forEach((r, j) => (sums[j]! += r))
  })
  const averageRanksOut = sums.map((s) => s / N)
  const sumSq = averageRanksOut.reduce((a, r) => a + r * r, 0)
  const chi2 = ((12 * N) / (k * (k + 1))) * (sumSq - (k * (k + 1) ** 2) / 4)
  const df = k - 1
  const ffDf: [number, number] = [k - 1, (k - 1) * (N - 1)]
  const denominator = N * (k - 1) - chi2
  const ff = denominator > 0 ? ((N - 1) * chi2) / denominator : Infinity
  const q = nemenyiQ(k, input.alpha)
  const cd = q * Math.sqrt((k * (k + 1)) / (6 * N))
  return {
    averageRanks: averageRanksOut,
    chi2,
    df,
    p: chiSquareSf(chi2, df),
    ff,
    ffDf,
    pFf: fSf(ff, ffDf[0], ffDf[1]),
    q,
    cd,
    cliques: cdCliques(averageRanksOut, cd),
  }
}

/**
 * Maximal runs of arms, in rank order, whose first and last average ranks differ by less than `cd`
 * (Demšar 2006, §3.2.4, Figure 1(a)): for each arm the run reaching as far as possible toward the
 * worse ranks; runs of one arm and runs inside an earlier run are left out.
 */
export function cdCliques(averageRanks: readonly number[], cd: number): number[][] {
  const order = averageRanks.map((_, i) => i).sort((a, b) => averageRanks[a]! - averageRanks[b]! || a - b)
  const cliques: number[][] = []
  let reached = -1
  for (let i = 0; i < order.length; i++) {
    let j = i
    while (j + 1 < order.length && averageRanks[order[j + 1]!]! - averageRanks[order[i]!]! < cd) j++
    if (j > i && j > reached) {
      cliques.push(order.slice(i, j + 1))
      reached = j
    }
  }
  return cliques
}
