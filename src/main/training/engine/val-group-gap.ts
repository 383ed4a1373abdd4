/**
 * Per-epoch group gaps on the validation part, logged as epoch extras so that the run view can
 * chart "group gap over epochs" (issue 7). Plain numbers from the argmax predictions:
 *
 * - `group.<attribute>.accGap`: max_g − min_g of the group accuracies;
 * - `group.<attribute>.worstAcc`: min_g group accuracy;
 * - `group.<attribute>.tprGap` (binary only): max_g − min_g of the group TPRs of class 1.
 *
 * Groups are those with at least one validation sample (unknown = -1 left out); a gap needs two
 * groups, otherwise it is not logged. The test part is never looked at.
 */
export function valGroupGaps(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  groups: readonly Int32Array[] | undefined,
  attributes: readonly { name: string; groups: string[] }[] | undefined,
  numClasses: number,
): Record<string, number> {
  const out: Record<string, number> = {}
  if (!groups || !attributes) return out
  attributes.forEach((a, k) => {
    const g = groups[k]
    if (!g) return
    const G = a.groups.length
    const count = new Array<number>(G).fill(0)
    const correct = new Array<number>(G).fill(0)
    const pos = new Array<number>(G).fill(0)
    const truePos = new Array<number>(G).fill(0)
    for (let i = 0; i < g.length; i++) {
      const v = g[i] as number
      if (v < 0 || v >= G) continue
      count[v]!++
      const hit = yTrue[i] === yPred[i]
      if (hit) correct[v]!++
      if (yTrue[i] === 1) {
        pos[v]!++
        if (hit) truePos[v]!++
      }
    }
    const acc = count.flatMap((n, v) => (n > 0 ? [correct[v]! / n] : []))
    if (acc.length < 2) return
    out[`group.${a.name}.accGap`] = Math.max(...acc) - Math.min(...acc)
    out[`group.${a.name}.worstAcc`] = Math.min(...acc)
    if (numClasses === 2) {
      const tpr = pos.flatMap((n, v) => (n > 0 ? [truePos[v]! / n] : []))
      if (tpr.length >= 2) out[`group.${a.name}.tprGap`] = Math.max(...tpr) - Math.min(...tpr)
    }
  })
  return out
}
