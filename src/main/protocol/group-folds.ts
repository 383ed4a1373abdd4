/**
 * Group-aware folds: every sample of a group (e.g. one patient's several visits) lands in the
 * same fold and, inside a training part, on the same side of the validation carve.
 *
 * Fold assignment follows scikit-learn's `StratifiedGroupKFold(shuffle=True)` greedy approach:
 * groups are visited in a seeded random order, stably sorted by how unevenly their samples are
 * spread over the strata (population std of the group's per-stratum counts, largest first), and
 * each goes to the fold where the mean over strata of the std over folds of
 * (stratum count in fold / stratum total) is smallest — ties (within 1e-5 relative) going to
 * the fold with fewer samples, then the lower index. Stratification is therefore as good as the
 * group sizes allow, not exact. An empty grouping key makes the sample a group of its own.
 */
import type { Rng } from '../util/rng'
import { allocateValidation } from './stratify'

/** Group index per sample (dense, in order of first appearance). */
export function groupCodes(groups: readonly string[]): { codes: Int32Array; count: number } {
  const index = new Map<string, number>()
  let next = 0
  const codes = Int32Array.from(groups, (g) => {
    if (g === '') return next++
    let c = index.get(g)
    if (c === undefined) {
      c = next++
      index.set(g, c)
    }
    return c
  })
  return { codes, count: next }
}

function countsPerGroup(rows: ArrayLike<number>, strata: ArrayLike<number>, groupOf: ArrayLike<number>, width: number) {
  const members = new Map<number, number[]>()
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number
    const g = groupOf[r] as number
    let m = members.get(g)
    if (!m) members.set(g, (m = []))
    m.push(r)
  }
  const groups = [...members.keys()]
  const counts = groups.map((g) => {
    const c = new Float64Array(width)
    for (const r of members.get(g) as number[]) c[strata[r] as number]!++
    return c
  })
  return { groups, members, counts }
}

function std(values: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < values.length; i++) s += values[i] as number
  const mean = s / values.length
  let v = 0
  for (let i = 0; i < values.length; i++) v += ((values[i] as number) - mean) ** 2
  return Math.sqrt(v / values.length)
}

/**
 * Test-fold index per sample with no group in two folds (see the module comment).
 * Cost O(G·k·S) for G groups, k folds and S strata.
 */
export function stratifiedGroupFoldAssignment(
  strata: ArrayLike<number>,
  numStrata: number,
  groupOf: ArrayLike<number>,
  k: number,
  rng: Rng,
): Int32Array {
  const n = strata.length
  const all = Int32Array.from({ length: n }, (_, i) => i)
  const { groups, members, counts } = countsPerGroup(all, strata, groupOf, numStrata)
  const order = rng.shuffle(groups.map((_, i) => i))
  const spread = counts.map((c) => std(c))
  order.sort((p, q) => (spread[q] as number) - (spread[p] as number)) // stable: keeps the shuffle among ties
  const total = new Float64Array(numStrata)
  for (let i = 0; i < n; i++) total[strata[i] as number]!++
  // frac[f][s] = count of stratum s in fold f / total of s; kept with per-stratum sums for O(S) evaluation.
  const frac = Array.from({ length: k }, () => new Float64Array(numStrata))
  const sum = new Float64Array(numStrata)
  const sumSq = new Float64Array(numStrata)
  const foldSize = new Float64Array(k)
  const assignment = new Int32Array(n)
  for (const gi of order) {
    const c = counts[gi] as Float64Array
    let best = -1
    let bestEval = Infinity
    let bestSize = Infinity
    for (let f = 0; f < k; f++) {
      const row = frac[f] as Float64Array
      let evalSum = 0
      for (let s = 0; s < numStrata; s++) {
        const t = total[s] as number
        const d = t > 0 ? (c[s] as number) / t : 0
        const p = row[s] as number
        const s1 = (sum[s] as number) + d
        const s2 = (sumSq[s] as number) - p * p + (p + d) * (p + d)
        evalSum += Math.sqrt(Math.max(0, s2 / k - (s1 / k) ** 2))
      }
      const fe = evalSum / numStrata
      const size = foldSize[f] as number
      const close = Math.abs(fe - bestEval) <= 1e-8 + 1e-5 * Math.abs(bestEval)
      if (fe < bestEval && !close) {
        best = f
        bestEval = fe
        bestSize = size
      } else if (close && size < bestSize) {
        best = f
        bestEval = Math.min(fe, bestEval)
        bestSize = size
      }
    }
    const row = frac[best] as Float64Array
    for (let s = 0; s < numStrata; s++) {
      const t = total[s] as number
      const d = t > 0 ? (c[s] as number) / t : 0
      const p = row[s] as number
      sum[s] = (sum[s] as number) + d
      sumSq[s] = (sumSq[s] as number) - p * p + (p + d) * (p + d)
      row[s] = p + d
    }
    const rows = members.get(groups[gi] as number) as number[]
    foldSize[best] = (foldSize[best] as number) + rows.length
    for (const r of rows) assignment[r] = best
  }
  return assignment
}

/**
 * Splits a training part into train and validation with whole groups on each side, aiming at
 * the per-class counts of `allocateValidation`: groups are visited in a seeded random order (not
 * by size, so the validation part is a random sample of groups), and a group moves into (or back out of) the validation
 * part when that brings the per-class counts closer to the targets (sum of absolute deviations)
 * without taking the last training sample of any class; passes repeat until nothing moves.
 * Best effort: with large groups a class can miss the validation part or the size be off a little.
 */
export function carveGroupValidation(
  rows: Int32Array,
  labels: Int32Array,
  numClasses: number,
  groupOf: ArrayLike<number>,
  fraction: number,
  rng: Rng,
): { train: Int32Array; val: Int32Array } {
  const { groups, members, counts } = countsPerGroup(rows, labels, groupOf, numClasses)
  const classTotal = new Array<number>(numClasses).fill(0)
  for (const r of rows) classTotal[labels[r] as number]!++
  const target = allocateValidation(classTotal, fraction)
  // Random order only: sorting by size (largest first) filled the validation part with the
  // largest groups — on Diabetes-130 the most frequently readmitted patients — so it no longer
  // resembled the data (tests/main/protocol/group-validation.test.ts).
  const order = rng.shuffle(groups.map((_, i) => i))
  const inVal = new Array<number>(numClasses).fill(0)
  const chosen = new Set<number>()
  // Local search on Σ_c |val_c − target_c|: toggle a group into or out of the validation part
  // when that strictly lowers the deviation (an integer, so the passes terminate).
  for (let pass = 0, changed = true; changed && pass < 20; pass++) {
    changed = false
    for (const gi of order) {
      const c = counts[gi] as Float64Array
      const sign = chosen.has(gi) ? -1 : 1
      let delta = 0
      let allowed = true
      for (let y = 0; y < numClasses; y++) {
        const move = sign * (c[y] as number)
        if (move === 0) continue
        const now = inVal[y] as number
        const t = target[y] as number
        delta += Math.abs(now + move - t) - Math.abs(now - t)
        if ((classTotal[y] as number) - now - move < 1) allowed = false
      }
      if (!allowed || delta >= 0) continue
      if (sign > 0) chosen.add(gi)
      else chosen.delete(gi)
      for (let y = 0; y < numClasses; y++) inVal[y] = (inVal[y] as number) + sign * (c[y] as number)
      changed = true
    }
  }
  const train: number[] = []
  const val: number[] = []
  groups.forEach((g, gi) => {
    for (const r of members.get(g) as number[]) (chosen.has(gi) ? val : train).push(r)
  })
  return { train: Int32Array.from(train).sort(), val: Int32Array.from(val).sort() }
}
