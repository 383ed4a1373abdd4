/**
 * Online group DRO (Sagawa, Koh, Hashimoto & Liang, ICLR 2020, "Distributionally Robust Neural
 * Networks for Group Shifts", Algorithm 1; reference code kohpangwei/group_DRO `loss.py`
 * `LossComputer.compute_robust_loss`):
 *
 *     ℓ_g  = mean loss of the batch rows in group g (0 when the batch has none)
 *     q_g ← q_g · exp(η · (ℓ_g + C / √n_g))          (C = generalisation adjustment, default 0)
 *     q   ← q / Σ_g q_g
 *     loss = Σ_g q_g · ℓ_g
 *
 * q starts uniform. The update uses the losses' values (no gradient through q), before the loss
 * of the same batch is formed, as in the reference code.
 */

/**
 * One exponentiated-gradient step on the group weights.
 * @param q current weights (sum 1)
 * @param groupLoss ℓ_g of this batch (0 for groups absent from it)
 * @param eta step size η
 * @param adjustment C / √n_g per group (0s when C = 0)
 * @example updateGroupWeights([0.5, 0.5], [1, 0], 0.01, [0, 0]) // [e^0.01, 1] / (e^0.01 + 1) ≈ [0.5025, 0.4975]
 */
export function updateGroupWeights(q: readonly number[], groupLoss: readonly number[], eta: number, adjustment: readonly number[]): number[] {
  const raw = q.map((qg, g) => qg * Math.exp(eta * ((groupLoss[g] ?? 0) + (adjustment[g] ?? 0))))
  const total = raw.reduce((a, b) => a + b, 0)
  return raw.map((v) => v / total)
}

/**
 * Group index per batch row. Mode 'attribute': the attribute group, unknown values (-1) forming
 * one extra group G (so they stay in training). Mode 'label-x-attribute': y · (G + 1) + (a + 1),
 * unknown a → a + 1 = 0 (Sagawa et al.'s groups are label × attribute pairs).
 */
export function groupOfRows(labels: ArrayLike<number>, attributeGroups: ArrayLike<number>, numAttributeGroups: number, mode: 'attribute' | 'label-x-attribute'): Int32Array {
  const G = numAttributeGroups
  return Int32Array.from({ length: labels.length }, (_, i) => {
    const a = attributeGroups[i] as number
    if (mode === 'attribute') return a < 0 ? G : a
    return (labels[i] as number) * (G + 1) + (a < 0 ? 0 : a + 1)
  })
}
