/**
 * Best-epoch selection on the validation part: the score that `training.selectOn` names, compared
 * lexicographically (primary, then validation loss), lower is better.
 */
import type { TrainingConfig } from '../../../shared/experiment'

/** [primary, tie-break]; both lower-is-better. */
export type SelectionScore = readonly [number, number]

export const WORST_SCORE: SelectionScore = [Infinity, Infinity]

/** The epoch's score: validation loss, or −macro F1 with the loss as tie-break. NaN ranks worst. */
export function selectionScore(v: { valLoss: number; valMacroF1: number }, selectOn: TrainingConfig['selectOn']): SelectionScore {
  const finite = (x: number): number => (Number.isFinite(x) ? x : Infinity)
  return selectOn === 'val-macro-f1' ? [finite(-v.valMacroF1), finite(v.valLoss)] : [finite(v.valLoss), finite(v.valLoss)]
}

/** Whether `a` is strictly better than `b` (an equal score keeps the earlier epoch). */
export function betterScore(a: SelectionScore, b: SelectionScore): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])
}
