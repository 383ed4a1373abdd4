/** Aggregation of per-job metrics over repeated runs (seeds × folds). */

export interface MeanStd {
  mean: number
  /** Sample standard deviation (ddof = 1); 0 for a single value. */
  std: number
  /** How many values were used (null, undefined, NaN and ±Infinity are skipped). */
  n: number
}

/**
 * Mean and sample standard deviation (ddof = 1, numpy's `std(ddof=1)`, pandas' default) of the
 * finite values; null/undefined/NaN/±Infinity (an undefined metric, e.g. AUC of a one-class fold)
 * are skipped and `n` says how many were used. n = 1 → std 0; n = 0 → mean and std NaN.
 *
 * @example meanStd([1, 2, 3, null, NaN]) // { mean: 2, std: 1, n: 3 }
 */
export function meanStd(values: readonly (number | null | undefined)[]): MeanStd {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  const n = xs.length
  if (n === 0) return { mean: NaN, std: NaN, n: 0 }
  const mean = xs.reduce((a, b) => a + b, 0) / n
  if (n === 1) return { mean, std: 0, n }
  let ss = 0
  for (const x of xs) ss += (x - mean) ** 2
  return { mean, std: Math.sqrt(ss / (n - 1)), n }
}
