/**
 * Fair-MoE's sparse routing as plain-number masks (no gradient flows through the choice; the kept
 * gate weights stay differentiable). Reference: LinjieT/Fair-MoE…: FairMoE.py `FairTokenMoE`
 * (methods.md §4.3): top-k experts per token, kept weights not renormalised, then per (sample,
 * expert) the `capacity` tokens with the largest remaining weight along the token axis.
 * Ties go to the lower index (deterministic; torch.topk leaves tie order unspecified).
 */

/**
 * Expert capacity c = max(1, ⌊tokens · capacityFactor · k / E⌋): the reference's
 * int(197 · 0.8 · 3 / 10) = 47 with the token count a parameter. The reference never reaches 0;
 * with few tokens (here: modality tokens) 0 would drop every token, so c ≥ 1.
 */
export function expertCapacity(tokens: number, capacityFactor: number, k: number, experts: number): number {
  return Math.max(1, Math.floor((tokens * capacityFactor * k) / experts))
}

/** Indices of the k largest of `values` (ties → lower index first). */
function topIndices(values: readonly number[], k: number): number[] {
  return values
    .map((v, i) => ({ v, i }))
    .sort((a, b) => b.v - a.v || a.i - b.i)
    .slice(0, k)
    .map((e) => e.i)
}

/**
 * 1 for the k largest gate values of each row, else 0.
 * @param gate rows × E row-major; @returns rows × E
 */
export function topKMask(gate: ArrayLike<number>, rows: number, experts: number, k: number): Float32Array {
  const mask = new Float32Array(rows * experts)
  for (let r = 0; r < rows; r++) {
    const row = Array.from({ length: experts }, (_, e) => gate[r * experts + e] as number)
    for (const e of topIndices(row, k)) mask[r * experts + e] = 1
  }
  return mask
}

/**
 * Capacity mask along the token axis: for every sample i and expert e, 1 for the `capacity` tokens
 * t with the largest weight w[t·samples + i, e], else 0. Row layout: token-major (row = t·samples + i),
 * the order of `tf.concat(tokensPerModality, 0)`.
 * @param weights (tokens·samples) × E, typically gate ⊙ topKMask
 */
export function capacityMask(weights: ArrayLike<number>, tokens: number, samples: number, experts: number, capacity: number): Float32Array {
  const mask = new Float32Array(tokens * samples * experts)
  for (let i = 0; i < samples; i++) {
    for (let e = 0; e < experts; e++) {
      const col = Array.from({ length: tokens }, (_, t) => weights[(t * samples + i) * experts + e] as number)
      for (const t of topIndices(col, capacity)) mask[(t * samples + i) * experts + e] = 1
    }
  }
  return mask
}

/** The routing mask topK ⊙ capacity for a gate matrix (rows token-major). */
export function routingMask(gate: ArrayLike<number>, tokens: number, samples: number, experts: number, k: number, capacity: number): Float32Array {
  const top = topKMask(gate, tokens * samples, experts, k)
  const kept = top.map((m, j) => m * (gate[j] as number))
  const cap = capacityMask(kept, tokens, samples, experts, capacity)
  return top.map((m, j) => m * cap[j]!)
}
