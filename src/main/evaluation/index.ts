/** Evaluation metrics (plain TypeScript, no tfjs). Result shapes live in src/shared/metrics.ts. */
export { meanStd, type MeanStd } from './aggregate'
export { binaryAuc, oneVsRestAucs, rocAuc, rocCurve, trapezoidArea, type RocCurve } from './auc'
export { calibrationBins, ECE_BINS, expectedCalibrationError, type CalibrationBin } from './calibration'
export { accuracy, argmaxRows, classificationLabelMetrics, confusionMatrix, perClassMetrics, type LabelMetrics } from './classification'
export { evaluate, type EvaluationInput } from './evaluate'
export {
  demographicParityDifference,
  equalizedOddsDifference,
  equityScaled,
  fairnessMetrics,
  type EodAggregation,
  type FairnessInput,
  type UndefinedRates,
} from './fairness'
