/** Paired comparison of an arm with the reference arm over identical (seed, fold) jobs. */
import { studentTTwoSidedP } from './distributions'
import { mean } from './describe'
import { wilcoxonSignedRank, type WilcoxonResult } from './wilcoxon'

/** One measurement of one job; `key` identifies the job's (seed, fold), e.g. "seed=1|fold=2". */
export interface Keyed {
  key: string
  value: number
}

export type PairedTest = 'corrected-t' | 'wilcoxon'
export type Verdict = 'better' | 'worse' | 'no-difference'

/** Differences below this (absolute) count as ties / zero differences. */
export const DEFAULT_TIE_TOLERANCE = 1e-12

export interface Pairing {
  keys: string[]
  arm: number[]
  reference: number[]
  /** Measurements without a partner on the other side (both sides counted), or not finite. */
  dropped: number
}

/**
 * Pairs the two sides by key identity (never by position): a key present on one side only, or a
 * non-finite value, is dropped and counted. Pairs come out in the arm's order.
 * @throws RangeError when a key occurs twice on one side.
 */
export function pairByKey(arm: readonly Keyed[], reference: readonly Keyed[]): Pairing {
  const index = (side: readonly Keyed[], name: string): Map<string, number> => {
    const m = new Map<string, number>()
    for (const { key, value } of side) {
      if (m.has(key)) throw new RangeError(`Key "${key}" occurs twice in the ${name} measurements.`)
      m.set(key, value)
    }
    return m
  }
  const ref = index(reference, 'reference')
  index(arm, 'arm')
  const out: Pairing = { keys: [], arm: [], reference: [], dropped: 0 }
  for (const { key, value } of arm) {
    const r = ref.get(key)
    if (r !== undefined && Number.isFinite(value) && Number.isFinite(r)) {
      out.keys.push(key)
      out.arm.push(value)
      out.reference.push(r)
    }
  }
  out.dropped = arm.length + reference.length - 2 * out.keys.length
  return out
}

export interface TTestResult {
  t: number
  df: number
  /** Two-sided p-value. */
  p: number
}

/**
 * Corrected resampled t-test of Nadeau & Bengio (2003), Machine Learning 52:239–281, eq. for the
 * "corrected resampled t": t = mean(d) / √((1/n + n_test/n_train) · var(d)), df = n − 1, with var the
 * sample variance (ddof = 1) of the n paired differences d. The n_test/n_train term inflates the
 * variance for the overlap of training sets between resamples; for k-fold CV it is 1/(k − 1)
 * (Bouckaert & Frank 2004). With ratio 0 this is the ordinary paired t-test.
 * Degenerate cases: n < 2 → t, p NaN; var(d) = 0 → t = 0, p = 1 when mean(d) = 0, else t = ±∞, p = 0.
 */
export function correctedTTest(differences: readonly number[], testTrainRatio: number): TTestResult {
  const n = differences.length
  const df = Math.max(n - 1, 0)
  if (n < 2) return { t: NaN, df, p: NaN }
  const m = mean(differences)
  let ss = 0
  for (const d of differences) ss += (d - m) ** 2
  // Identical differences have variance 0 exactly (their computed mean may be off in the last bit).
  const variance = differences.every((d) => d === differences[0]) ? 0 : ss / (n - 1)
  const se = Math.sqrt((1 / n + testTrainRatio) * variance)
  if (se === 0) return m === 0 ? { t: 0, df, p: 1 } : { t: m > 0 ? Infinity : -Infinity, df, p: 0 }
  const t = m / se
  return { t, df, p: studentTTwoSidedP(t, df) }
}

/**
 * 'better' / 'worse' when p < alpha and the arm moved the metric in the good / bad direction
 * (`direction` = the sign of arm − reference as the test measured it), otherwise 'no-difference'.
 */
export function verdict(p: number, direction: number, higherIsBetter: boolean, alpha: number): Verdict {
  if (!(p < alpha) || direction === 0 || Number.isNaN(direction)) return 'no-difference'
  return direction > 0 === higherIsBetter ? 'better' : 'worse'
}

export interface PairedInput {
  arm: Keyed[]
  reference: Keyed[]
  higherIsBetter: boolean
  /** n_test / n_train of one resample (k-fold: 1/(k − 1)). */
  testTrainRatio: number
  alpha: number
  /** |arm − reference| at most this is a tie (and a zero difference for Wilcoxon). Default 1e-12. */
  tieTolerance?: number
}

export interface PairedComparison {
  /** Pairs used. */
  n: number
  /** Measurements without a partner (both sides), see `pairByKey`. */
  dropped: number
  /** mean(arm − reference), in the metric's own units (not flipped for lower-is-better metrics). */
  meanDiff: number
  tTest: TTestResult
  wilcoxon: WilcoxonResult
  /** Pairs where the arm is better / within the tolerance / worse, by the metric's direction. */
  wins: number
  ties: number
  losses: number
  /** Unadjusted verdict of each test at `alpha` (compareRun applies Holm across arms first). */
  verdicts: Record<PairedTest, Verdict>
}

/**
 * Compares an arm with the reference over the (seed, fold) keys both have: corrected resampled
 * t-test, Wilcoxon signed-rank test, win/tie/loss counts and a verdict per test. Differences within
 * `tieTolerance` are set to exactly 0 first (ties; dropped by Wilcoxon as zero differences).
 * @example
 * pairedComparison({ arm: [{ key: 'a', value: 0.9 }, …], reference: [{ key: 'a', value: 0.8 }, …],
 *   higherIsBetter: true, testTrainRatio: 1 / 4, alpha: 0.05 })
 */
export function pairedComparison(input: PairedInput): PairedComparison {
  const tol = input.tieTolerance ?? DEFAULT_TIE_TOLERANCE
  const pairs = pairByKey(input.arm, input.reference)
  // A difference within the tolerance is floating-point noise of equal metric values: snap it to 0.
  const diffs = pairs.arm.map((a, i) => {
    const d = a - pairs.reference[i]!
    return Math.abs(d) <= tol ? 0 : d
  })
  let wins = 0
  let ties = 0
  let losses = 0
  for (const d of diffs) {
    if (d === 0) ties++
    else if (d > 0 === input.higherIsBetter) wins++
    else losses++
  }
  const meanDiff = mean(diffs)
  const tTest = correctedTTest(diffs, input.testTrainRatio)
  const wilcoxon = wilcoxonSignedRank(diffs, { tolerance: tol })
  return {
    n: diffs.length,
    dropped: pairs.dropped,
    meanDiff,
    tTest,
    wilcoxon,
    wins,
    ties,
    losses,
    verdicts: {
      'corrected-t': verdict(tTest.p, Math.sign(meanDiff), input.higherIsBetter, input.alpha),
      wilcoxon: verdict(wilcoxon.p, Math.sign(wilcoxon.rPlus - wilcoxon.rMinus), input.higherIsBetter, input.alpha),
    },
  }
}
