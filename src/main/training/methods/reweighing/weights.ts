/**
 * Kamiran & Calders reweighing (Knowl. Inf. Syst. 33(1), 2012, "Data preprocessing techniques for
 * classification without discrimination", §5.2; AIF360 `Reweighing`): the weight of every sample
 * with label y and group g is
 *
 *     W(y, g) = P(Y = y) · P(A = g) / P(Y = y, A = g) = (n_y · n_g) / (n · n_{y,g})
 *
 * with the counts over the training samples whose group is known (n = their number). The weighted
 * data then has label and group independent (each cell's weighted mass is n_y · n_g / n).
 * Samples with an unknown group (-1) keep weight 1.
 */

/**
 * @param labels class per training sample
 * @param groups group per training sample (-1 = unknown)
 * @returns W as numClasses rows × numGroups columns (0 for an empty cell, which no sample uses)
 * @example reweighingTable([0,0,0,1, 0,1,1,1], [0,0,0,0, 1,1,1,1], 2, 2)
 * // n = 8; n_y = [4, 4], n_g = [4, 4]; n_{0,0} = 3 → W = 4·4/(8·3) = 2/3; n_{1,0} = 1 → 2 …
 */
export function reweighingTable(labels: ArrayLike<number>, groups: ArrayLike<number>, numClasses: number, numGroups: number): number[][] {
  const cell = Array.from({ length: numClasses }, () => new Array<number>(numGroups).fill(0))
  const ny = new Array<number>(numClasses).fill(0)
  const ng = new Array<number>(numGroups).fill(0)
  let n = 0
  for (let i = 0; i < labels.length; i++) {
    const g = groups[i] as number
    if (g < 0) continue
    const y = labels[i] as number
    cell[y]![g]!++
    ny[y]!++
    ng[g]!++
    n++
  }
  return cell.map((row, y) => row.map((c, g) => (c > 0 ? (ny[y]! * ng[g]!) / (n * c) : 0)))
}

/** Per-sample weights from the table (unknown group → 1). */
export function sampleWeights(labels: ArrayLike<number>, groups: ArrayLike<number>, table: readonly (readonly number[])[]): Float32Array {
  return Float32Array.from({ length: labels.length }, (_, i) => {
    const g = groups[i] as number
    return g < 0 ? 1 : (table[labels[i] as number]?.[g] ?? 1)
  })
}
