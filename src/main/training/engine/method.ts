/**
 * The only interface a training method implements. A method implements just the stages it needs;
 * the trainer calls them in this order per epoch / batch (see ../README.md):
 *
 *   planEpoch → (per batch) transformBatch → forward (head from buildHead, if any)
 *   → loss (exclusive) + Σ extraLoss → computeGradients → modulateGradients → applyGradients
 *   → observe('batchEnd') … observe('epochEnd') → metrics()
 *
 * Methods never import each other; shared maths lives in `engine/`.
 */
import type * as tf from '@tensorflow/tfjs'
import type { z } from 'zod'
import type { Rng } from '../../util/rng'

export type MethodKind = 'sampler' | 'batch' | 'loss' | 'gradient' | 'head' | 'observer'
export type Stage =
  | 'planEpoch'
  | 'transformBatch'
  | 'buildHead'
  | 'loss'
  | 'extraLoss'
  | 'modulateGradients'
  | 'observe'

/** Stages where only one method may act in an arm. */
export const EXCLUSIVE_STAGES: readonly Stage[] = ['buildHead', 'loss']

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue }

/** Which training samples an epoch visits, in order, with optional per-sample loss weights. */
export interface EpochPlan {
  /** Indices into the training part (0..nTrain-1); may repeat (oversampling) or omit (undersampling). */
  indices: Int32Array
  /** Per-entry loss weight, aligned with `indices`. Absent = all 1. */
  weights?: Float32Array
}

export interface EpochContext {
  /** 1-based epoch. */
  epoch: number
  totalEpochs: number
  /** Class index of every training sample (training part, local order). */
  labels: Int32Array
  numClasses: number
  /**
   * Sensitive-attribute group of every training sample (training part, local order), one array
   * per `MethodEnv.attributes` entry (-1 = unknown). Absent when the dataset has none.
   */
  groups?: Int32Array[]
  rng: Rng
  /**
   * Scores of the training part from the current weights (model in inference mode, no dropout),
   * computed lazily on the first call and cached for the epoch. Called from `planEpoch` it reflects
   * the weights after the previous epoch. Absent when the trainer cannot provide it (e.g. unit tests).
   */
  inspectTraining?: () => TrainingInspection
}

/** What `EpochContext.inspectTraining` returns: row i belongs to training-part index i. */
export interface TrainingInspection {
  /** n × C fused-output probabilities. */
  probs: Float32Array
  /** Per modality n × C probabilities of the unimodal heads; absent when the model has none. */
  unimodalProbs?: Float32Array[]
  /** Per modality n × h_m encoder outputs (row-major). */
  features: Float32Array[]
  /** h_m per modality. */
  featureSizes: number[]
}

export interface Batch {
  /** One [b, d_m] tensor per modality. */
  inputs: tf.Tensor2D[]
  /** [b, C] targets (one-hot, or soft for mixing methods). */
  targets: tf.Tensor2D
  /** [b] per-sample loss weights. */
  weights: tf.Tensor1D
  /** Class index per row (hard labels, -1 for synthetic rows without one). */
  labels: Int32Array
  /** Training-part index per row (-1 for synthetic rows). */
  indices: Int32Array
  /** Sensitive-attribute group per row, one array per `MethodEnv.attributes` entry (-1 = unknown or synthetic). */
  groups?: Int32Array[]
}

export interface ForwardOutput {
  logits: tf.Tensor2D
  /** Encoder output per modality, [b, h]. */
  features: tf.Tensor2D[]
  /** Per-modality classifier logits when the model has unimodal heads. */
  unimodalLogits?: tf.Tensor2D[]
}

export interface StepView {
  batch: Batch
  output: ForwardOutput
  epoch: number
  step: number
  numClasses: number
  /** The model's linear classifier weights (absent in fake steps); read them inside the loss to keep gradients. */
  classifiers?: ClassifierWeights
}

/**
 * The linear classifier parts that balancing methods read (OGM-GE's per-modality scores, CGGM's
 * direction term). Tensors returned by `fusionBlock` are views of live variables: call it inside
 * the loss closure when a gradient is needed.
 */
export interface ClassifierWeights {
  /**
   * The fusion classifier's part applied to modality m's features: W [h, C] and the bias b [C] it
   * uses (early fusion: rows m·h…(m+1)·h of the concat classifier and its one bias; late fusion:
   * modality m's own layer). Absent when the fusion is attention or a method's head.
   */
  fusionBlock?(m: number): { W: tf.Tensor2D; b: tf.Tensor1D }
  /** Unimodal head m's weights W [h, C] and bias b [C]; absent without unimodal heads. */
  unimodal?: readonly { W: tf.Variable; b: tf.Variable }[]
}

/** What `modulateGradients` sees: the step (its forward outputs stay valid until the stage ends) plus the modality map. */
export interface GradientView extends StepView {
  /** Variable name → modality index (encoders and unimodal heads); fusion/classifier variables absent. */
  modalityOfVariable: ReadonlyMap<string, number>
}

/** A fusion head supplied by a method (exclusive stage `buildHead`). */
export interface FusionHead {
  variables: tf.Variable[]
  /** Encoder features per modality → class logits [b, C]. */
  apply(features: tf.Tensor2D[], training: boolean): tf.Tensor2D
}

export interface HeadContext {
  featureSizes: number[]
  numClasses: number
  /** Seeded initialiser for new weights: glorot-uniform [fanIn, fanOut]. Names ending in `/W` get weight decay. */
  initWeights(name: string, fanIn: number, fanOut: number): tf.Variable
  /** A zero-initialised trainable variable (biases, gates). */
  zeros(name: string, shape: number[]): tf.Variable
}

export type TrainEvent = 'fitStart' | 'epochStart' | 'batchEnd' | 'epochEnd' | 'fitEnd'

export interface RunView {
  epoch: number
  /** Last training-loss value (per batch on batchEnd, epoch mean on epochEnd). */
  loss: number
  valLoss?: number
}

/** What a method knows about the job when it is created. */
export interface MethodEnv {
  numClasses: number
  /** Training-part class counts. */
  classCounts: number[]
  modalities: { name: string; features: number }[]
  totalEpochs: number
  batchSize: number
  seed: number
  /** Sensitive attributes with training-part group counts (unknown values not counted). Empty when none. */
  attributes: { name: string; groups: string[]; counts: number[] }[]
  /**
   * Raw (already standardised) training-part inputs, one n × d_m row-major block per modality,
   * read-only. For samplers that synthesise rows from training samples (e.g. SMOTE); never holds
   * validation or test rows. Absent when the trainer cannot provide it.
   */
  trainingInputs?: readonly Float32Array[]
}

export interface MethodInstance {
  planEpoch?(plan: EpochPlan, ctx: EpochContext): EpochPlan
  transformBatch?(batch: Batch, ctx: EpochContext): Batch
  buildHead?(ctx: HeadContext): FusionHead
  /**
   * Replaces the base (weighted softmax cross-entropy) classification loss. Exclusive. Should average
   * with `step.batch.weights` so that a sampler's per-sample weights still apply.
   */
  loss?(step: StepView): tf.Scalar
  /** Adds a differentiable term to the loss. */
  extraLoss?(step: StepView): tf.Scalar | undefined
  modulateGradients?(grads: tf.NamedTensorMap, view: GradientView): tf.NamedTensorMap
  /** Read-only. */
  observe?(event: TrainEvent, view: RunView): void
  /** Scalars merged into the epoch log as `<method-id>.<name>`. */
  metrics?(): Record<string, number>
  /**
   * Whether the weights after `epoch` may be selected as the best and count toward early-stopping
   * patience (default true). A curriculum returns false while it still trains on partial subsets.
   */
  selectionOpen?(epoch: number): boolean
  saveState?(): JsonValue
  loadState?(state: JsonValue): void
  dispose?(): void
}

export interface MethodDefinition<O extends z.ZodType = z.ZodType> {
  id: string
  title: string
  /** One line. */
  summary: string
  /** Citation of the paper (or "baseline"). */
  paper: string
  kind: MethodKind
  /**
   * Position in the pipeline: lower runs first on every forward stage (planEpoch, transformBatch,
   * extraLoss, modulateGradients, observe on start events); after-events run in reverse (FILO).
   * Equal orders keep the arm's order. Default 0.
   */
  order?: number
  /** Stages `create` returns implementations for (checked by the contract test). */
  stages: readonly Stage[]
  options: O
  /** Ids of methods this one cannot be combined with, with the reason. */
  conflicts?: Readonly<Record<string, string>>
  /**
   * Model settings the method needs, each with the reason shown to the user when the experiment's
   * model lacks it (checked before a run starts and again by the trainer).
   */
  requires?: Readonly<{ unimodalHeads?: string }>
  create(options: z.output<O>, env: MethodEnv): MethodInstance
}

export function defineMethod<O extends z.ZodType>(def: MethodDefinition<O>): MethodDefinition<O> {
  return def
}
