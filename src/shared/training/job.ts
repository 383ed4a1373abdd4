/**
 * A job = one arm × seed × fold. These types cross the process boundary between the trainer host
 * and the trainer processes (structured clone: typed arrays travel as they are).
 */
import type { MethodRef, ModelConfig, PostProcess, Protocol, TrainingConfig } from '../experiment'
import type { DiagnosticsConfig, ModalityDiagnostics } from '../diagnostics'
import type { EvaluationReport } from '../metrics'

export interface JobKey {
  arm: string
  seed: number
  /** Fold index; for repeated k-fold, repeat * folds + fold. 0 for a predefined split. */
  fold: number
}

export const jobKeyString = (k: JobKey): string => `${k.arm}|seed=${k.seed}|fold=${k.fold}`

export interface FoldSplit {
  /** Row indices into the dataset. Disjoint. */
  train: Int32Array
  val: Int32Array
  test: Int32Array
}

export interface JobSpec {
  runId: string
  key: JobKey
  datasetId: string
  split: FoldSplit
  protocol: Protocol
  model: ModelConfig
  training: TrainingConfig
  methods: MethodRef[]
  /** Seed for initialisation, shuffles and method randomness of this job. */
  seed: number
  /** Modality diagnostics settings (`ExperimentConfig.diagnostics`); absent = the defaults (on). */
  diagnostics?: DiagnosticsConfig
  /** The arm's post-processing steps (extra results `<arm>+<name>`); absent = none. */
  postprocess?: PostProcess[]
}

export interface EpochLog {
  epoch: number
  trainLoss: number
  valLoss: number
  valAccuracy: number
  valMacroF1: number
  /** Method internals and extra scalars (e.g. 'wce.weight.0', 'undersample.kept'). */
  extras: Record<string, number>
}

export interface JobOutput {
  backend: string
  epochs: EpochLog[]
  /** Epoch (1-based) whose weights were used for the test predictions. */
  bestEpoch: number
  stoppedEarly: boolean
  durationMs: number
  test: EvaluationReport
  /** Test-part predictions: dataset rows and N × C probabilities. */
  predictions: { rows: Int32Array; probs: Float32Array }
  /** Modality diagnostics of the test part with the selected weights; absent when switched off. */
  diagnostics?: ModalityDiagnostics
}

export interface JobProgress {
  key: JobKey
  epoch: number
  totalEpochs: number
  trainLoss: number
  valLoss: number
  valAccuracy: number
  /** The epoch's per-modality extras (`unimodal.*`, `probe.*`) for live charts; absent when none. */
  extras?: Record<string, number>
}
