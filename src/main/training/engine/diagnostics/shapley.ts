/**
 * Exact Shapley values of M players (modalities) from the values of all 2^M coalitions
 * (Shapley 1953; as BalanceMM's modality valuation, methods.md §6.4):
 *
 *   φ_m = Σ_{S ⊆ N∖{m}} |S|! (M − |S| − 1)! / M! · [ v(S ∪ {m}) − v(S) ]
 *
 * A coalition is a bit mask: bit m set = modality m present. Efficiency: Σ_m φ_m = v(N) − v(∅).
 */

function factorial(n: number): number {
  let f = 1
  for (let k = 2; k <= n; k++) f *= k
  return f
}

function popcount(mask: number): number {
  let c = 0
  for (let x = mask; x; x &= x - 1) c++
  return c
}

/** Shapley weight |S|!(M−|S|−1)!/M! of a coalition of size s not containing the player. */
export function shapleyWeight(s: number, M: number): number {
  return (factorial(s) * factorial(M - s - 1)) / factorial(M)
}

/**
 * @param values v(S) indexed by coalition mask, length 2^M
 * @returns φ_m for m = 0..M−1
 */
export function shapleyValues(values: ArrayLike<number>, M: number): number[] {
  if (values.length !== 1 << M) throw new RangeError(`Shapley: ${values.length} coalition values for ${M} players (need ${1 << M})`)
  const phi = new Array<number>(M).fill(0)
  for (let m = 0; m < M; m++) {
    const bit = 1 << m
    for (let S = 0; S < 1 << M; S++) {
      if (S & bit) continue
      phi[m]! += shapleyWeight(popcount(S), M) * ((values[S | bit] as number) - (values[S] as number))
    }
  }
  return phi
}
