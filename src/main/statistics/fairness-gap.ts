/** Did a fairness gap change between two arms? The paired machinery on per-job gap values. */
import { pairedComparison, type Keyed, type PairedComparison } from './paired'

/** Per-job fairness measures compared as gaps: EOD and DPD (lower is better), ES-AUC (higher is better). */
export type FairnessGap = 'eod' | 'dpd' | 'esAuc'

export const GAP_HIGHER_IS_BETTER: Record<FairnessGap, boolean> = { eod: false, dpd: false, esAuc: true }

export interface FairnessGapInput {
  gap: FairnessGap
  /** Per-job gap values of one attribute, keyed by (seed, fold). */
  arm: Keyed[]
  reference: Keyed[]
  testTrainRatio: number
  alpha: number
  tieTolerance?: number
}

/**
 * Paired comparison (corrected resampled t-test, Wilcoxon signed-rank, win/tie/loss; see
 * `pairedComparison`) of the per-job values of one fairness gap for one attribute. The direction is
 * fixed by the gap: a smaller EOD (equalized odds difference, fairlearn worst-case) or DPD
 * (demographic parity difference) is 'better'; a larger ES-AUC (AUC / (1 + Σ_g |AUC_g − AUC|),
 * Luo et al. 2024, FairCLIP) is 'better'.
 */
export function fairnessGapChange(input: FairnessGapInput): PairedComparison & { gap: FairnessGap; higherIsBetter: boolean } {
  const higherIsBetter = GAP_HIGHER_IS_BETTER[input.gap]
  return { gap: input.gap, higherIsBetter, ...pairedComparison({ ...input, higherIsBetter }) }
}
