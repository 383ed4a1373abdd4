/**
 * SMOTE draws (Chawla et al. 2002): which synthetic rows an epoch adds and how each is made:
 * x_new = x_base + λ · (x_neighbour − x_base), λ ~ U[0, 1), neighbour drawn among the base's k
 * nearest same-class training samples. Pure (the caller supplies the neighbour lookup and rng).
 */
import type { Rng } from '../../../util/rng'

/** One synthetic row: per modality block, the base, the neighbour and λ (same across blocks when distances are joint). */
export interface SyntheticDraw {
  label: number
  base: number
  /** Neighbour per modality (one entry per block). */
  neighbours: number[]
  lambdas: number[]
}

/**
 * How many synthetic rows each class gets: target − present, target = round(ratio · largest class
 * in the plan) (imbalanced-learn's sampling_strategy 'not majority' for ratio 1).
 */
export function syntheticCounts(planCounts: readonly number[], ratio: number): number[] {
  const target = Math.round(ratio * Math.max(0, ...planCounts))
  return planCounts.map((n) => (n > 0 ? Math.max(0, target - n) : 0))
}

/**
 * Draws the synthetic rows of one epoch.
 * @param membersInPlan plan entries' training indices per class (bases are drawn from these)
 * @param neighboursOf the k nearest same-class training indices of a base, per modality block
 *   (`joint`: one list shared by all blocks, returned once)
 * @param modalities number of blocks; with `joint`, one neighbour and one λ for all blocks
 */
export function drawSynthetic(
  counts: readonly number[],
  membersInPlan: readonly number[][],
  neighboursOf: (base: number) => number[][],
  modalities: number,
  joint: boolean,
  rng: Rng,
): SyntheticDraw[] {
  const out: SyntheticDraw[] = []
  counts.forEach((k, c) => {
    const members = membersInPlan[c] ?? []
    for (let s = 0; s < k && members.length > 0; s++) {
      const base = members[rng.int(members.length)]!
      const lists = neighboursOf(base)
      const pick = (list: number[] | undefined): number => (list && list.length ? list[rng.int(list.length)]! : base)
      if (joint) {
        const nb = pick(lists[0])
        const lam = rng.next()
        out.push({ label: c, base, neighbours: new Array<number>(modalities).fill(nb), lambdas: new Array<number>(modalities).fill(lam) })
      } else {
        const neighbours: number[] = []
        const lambdas: number[] = []
        for (let m = 0; m < modalities; m++) {
          neighbours.push(pick(lists[m]))
          lambdas.push(rng.next())
        }
        out.push({ label: c, base, neighbours, lambdas })
      }
    }
  })
  return out
}

/** The rows of `draws` for one modality block: n_draws × d. */
export function interpolateBlock(x: Float32Array, d: number, draws: readonly SyntheticDraw[], m: number): Float32Array {
  const out = new Float32Array(draws.length * d)
  draws.forEach((s, r) => {
    const a = s.base * d
    const b = s.neighbours[m]! * d
    const lam = s.lambdas[m]!
    for (let k = 0; k < d; k++) out[r * d + k] = x[a + k]! + lam * (x[b + k]! - x[a + k]!)
  })
  return out
}
