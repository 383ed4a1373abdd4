/**
 * k nearest neighbours inside one class, by squared Euclidean distance on the training inputs,
 * over all modality blocks concatenated or within one block. Pure; results cached by the caller.
 */

/** Squared Euclidean distance between rows a and b, summed over `blocks` (n × d_m row-major each). */
export function squaredDistance(blocks: readonly Float32Array[], sizes: readonly number[], a: number, b: number): number {
  let s = 0
  blocks.forEach((x, m) => {
    const d = sizes[m]!
    const oa = a * d
    const ob = b * d
    for (let k = 0; k < d; k++) {
      const diff = x[oa + k]! - x[ob + k]!
      s += diff * diff
    }
  })
  return s
}

/**
 * The k members of `members` closest to `i` (i itself excluded; ties by lower index), nearest first.
 * Fewer than k when the class is smaller than k + 1.
 * @example nearestInClass([x], [1], 0, [0, 1, 2, 3], 2) with x = [0, 5, 1, 2] → [2, 3]
 */
export function nearestInClass(blocks: readonly Float32Array[], sizes: readonly number[], i: number, members: readonly number[], k: number): number[] {
  return members
    .filter((j) => j !== i)
    .map((j) => ({ j, d: squaredDistance(blocks, sizes, i, j) }))
    .sort((p, q) => p.d - q.d || p.j - q.j)
    .slice(0, k)
    .map((p) => p.j)
}
