/** Comparison statistics (DESIGN §6), plain TypeScript: no tfjs, no fs, no Electron. */
export { bootstrapInterval, mean, quantileSorted, sampleStd, summarizeValues, tInterval, type Interval, type ValueSummary } from './describe'
export { chiSquareSf, fSf, normalCdf, normalSf, studentTCdf, studentTQuantile, studentTTwoSidedP } from './distributions'
export { fairnessGapChange, GAP_HIGHER_IS_BETTER, type FairnessGap } from './fairness-gap'
export { cdCliques, friedmanNemenyi, type FriedmanInput, type FriedmanResult } from './friedman'
export { holm } from './holm'
export { nemenyiQ } from './nemenyi-q'
export {
  correctedTTest,
  DEFAULT_TIE_TOLERANCE,
  pairByKey,
  pairedComparison,
  verdict,
  type Keyed,
  type PairedComparison,
  type PairedInput,
  type PairedTest,
  type TTestResult,
  type Verdict,
} from './paired'
export { averageRanks } from './ranks'
export { WILCOXON_EXACT_MAX_N, wilcoxonSignedRank, type WilcoxonResult } from './wilcoxon'
