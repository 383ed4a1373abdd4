/**
 * The training loop of one job (fold × seed × arm): plan epoch → batches → steps → validation →
 * method logging → early stopping on the validation score (`selectOn`) → best-weight restore → val/test predictions.
 * Pseudocode with every stage marked: ../README.md.
 */
import * as tf from '@tensorflow/tfjs'
import type { ModelConfig, TrainingConfig } from '../../../shared/experiment'
import type { EpochLog } from '../../../shared/training/job'
import type { DiagnosticsConfig, ModalityDiagnostics } from '../../../shared/diagnostics'
import { createRng, deriveSeed } from '../../util/rng'
import { checkPlan, defaultPlan, planBatches, shufflePlan } from './batcher'
import { countClasses } from './class-weights'
import { accuracy, argmaxRows, macroF1, meanNll } from './epoch-metrics'
import { betterScore, selectionScore, WORST_SCORE, type SelectionScore } from './selection'
import { checkFold, type FoldArrays } from './fold'
import { inspectPart } from './inspect'
import type { MethodEnv, TrainingInspection } from './method'
import { collectMetrics, createMethods, disposeMethods, epochContexts, notify, type ActiveMethod, type MethodSpec } from './method-runtime'
import { buildModel, type Model, type WeightSnapshot } from './model'
import { checkRequirements } from './pipeline'
import { predictPart, toProbs } from './predict'
import { trainStep } from './step'
import { computeModalityDiagnostics } from './diagnostics/modality-diagnostics'
import { unimodalEpochExtras } from './diagnostics/unimodal'
import { valGroupGaps } from './val-group-gap'

export type { FoldArrays, FoldPart } from './fold'

export interface TrainInput {
  fold: FoldArrays
  model: ModelConfig
  training: TrainingConfig
  /** Composed methods in pipeline order (see pipeline.ts `composeMethods`); options raw or parsed. */
  methods: MethodSpec[]
  seed: number
  /** Modality names for the methods' environment (default m0, m1, …). */
  modalityNames?: string[]
  onEpoch?: (log: EpochLog) => void
  /** Polled between batches; true stops training after the current batch. */
  shouldStop?: () => boolean
  /** Modality diagnostics (per-epoch unimodal metrics, end-of-job Shapley/robustness); absent = none. */
  diagnostics?: DiagnosticsConfig
}

export interface TrainOutput {
  /** One log per completed epoch. */
  epochs: EpochLog[]
  /** 1-based epoch whose weights produced the predictions (lowest validation loss); 0 if none completed. */
  bestEpoch: number
  /** Early stopping ended training before `training.epochs`. */
  stoppedEarly: boolean
  /** nTest × C probabilities from the best weights. */
  testProbs: Float32Array
  /** nVal × C probabilities from the best weights. */
  valProbs: Float32Array
  /** tfjs backend name the job ran on. */
  backend: string
  /** `shouldStop()` ended training. */
  stopped: boolean
  /** End-of-job modality diagnostics with the selected weights (when `diagnostics.enabled`). */
  diagnostics?: ModalityDiagnostics
}

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

function makeOptimizer(t: TrainingConfig): tf.Optimizer {
  return t.optimizer === 'sgd' ? tf.train.sgd(t.learningRate) : tf.train.adam(t.learningRate)
}

/** Validation scalars of the current weights, plus per-modality accuracy of unimodal heads. */
function validate(model: Model, fold: FoldArrays): Omit<EpochLog, 'epoch' | 'trainLoss'> {
  const { val, featureSizes, numClasses } = fold
  const pred = predictPart(model, val, featureSizes, numClasses)
  const yPred = argmaxRows(pred.logProbs, numClasses)
  const extras: Record<string, number> = {}
  pred.unimodalLogProbs?.forEach((lp, m) => {
    extras[`unimodal.${m}.valAccuracy`] = accuracy(val.y, argmaxRows(lp, numClasses))
  })
  Object.assign(extras, valGroupGaps(val.y, yPred, val.groups, fold.attributes, numClasses))
  return {
    valLoss: meanNll(pred.logProbs, val.y, numClasses),
    valAccuracy: accuracy(val.y, yPred),
    valMacroF1: macroF1(val.y, yPred, numClasses),
    extras,
  }
}

/**
 * Trains one model on one fold and predicts its validation and test parts.
 *
 * @throws AppFailure('TRAINING_FAILED') when the loss becomes NaN/Inf or a method's plan is invalid
 * @throws AppFailure('VALIDATION' | 'CONFLICT') for invalid method options or two owners of an exclusive stage
 */
export async function trainModel(input: TrainInput): Promise<TrainOutput> {
  const { fold, training, seed } = input
  checkFold(fold)
  const { featureSizes, numClasses } = fold
  const nTrain = fold.train.y.length
  const env: MethodEnv = {
    numClasses,
    classCounts: countClasses(fold.train.y, numClasses),
    modalities: featureSizes.map((d, m) => ({ name: input.modalityNames?.[m] ?? `m${m}`, features: d })),
    totalEpochs: training.epochs,
    batchSize: training.batchSize,
    seed,
    attributes: (fold.attributes ?? []).map((a, k) => {
      const counts = a.groups.map(() => 0)
      for (const g of fold.train.groups?.[k] ?? []) if (g >= 0) counts[g] = (counts[g] ?? 0) + 1
      return { name: a.name, groups: [...a.groups], counts }
    }),
    trainingInputs: fold.train.x,
  }
  checkRequirements(input.methods, input.model)
  const methods: ActiveMethod[] = createMethods(input.methods, env)
  let model: Model | undefined
  let optimizer: tf.Optimizer | undefined
  try {
    const headOwner = methods.find((m) => m.instance.buildHead)
    model = buildModel({
      featureSizes,
      numClasses,
      config: input.model,
      seed,
      ...(headOwner ? { buildHead: (ctx) => headOwner.instance.buildHead!(ctx) } : {}),
    })
    optimizer = makeOptimizer(training)
    const lossOwner = methods.find((m) => m.instance.loss)
    const hasVal = fold.val.y.length > 0
    const epochs: EpochLog[] = []
    let best: { epoch: number; score: SelectionScore; weights?: WeightSnapshot } = { epoch: 0, score: WORST_SCORE }
    let sinceBest = 0
    let stopped = false
    let stoppedEarly = false

    notify(methods, 'fitStart', { epoch: 0, loss: Number.NaN })
    for (let epoch = 1; epoch <= training.epochs; epoch++) {
      // [inspectTraining] lazy, once per epoch, shared by every method that asks.
      let inspection: TrainingInspection | undefined
      const inspectTraining = (): TrainingInspection => (inspection ??= inspectPart(model!, fold.train, featureSizes, numClasses))
      const contexts = epochContexts(methods, { epoch, totalEpochs: training.epochs, labels: fold.train.y, numClasses, ...(fold.train.groups ? { groups: fold.train.groups } : {}), inspectTraining }, seed)
      notify(methods, 'epochStart', { epoch, loss: Number.NaN })
      // [planEpoch] reduce the default plan through every sampler, in pipeline order.
      let plan = defaultPlan(nTrain)
      methods.forEach((m, k) => {
        if (!m.instance.planEpoch) return
        plan = m.instance.planEpoch(plan, contexts[k]!)
        checkPlan(plan, nTrain, `method "${m.id}" (epoch ${epoch})`)
      })
      plan = shufflePlan(plan, createRng(deriveSeed(seed, 'shuffle', epoch)))

      let lossSum = 0
      let rows = 0
      let step = 0
      for (const slice of planBatches(plan, training.batchSize)) {
        if (input.shouldStop?.()) {
          stopped = true
          break
        }
        step++
        const r = trainStep({
          model, optimizer, methods, contexts, lossOwner, part: fold.train, featureSizes, numClasses,
          slice, epoch, step, weightDecay: training.weightDecay,
        })
        lossSum += r.loss * r.rows
        rows += r.rows
        notify(methods, 'batchEnd', { epoch, loss: r.loss })
      }
      if (stopped) break // an unfinished epoch is neither logged nor selected

      const v = validate(model, fold)
      const diag = input.diagnostics
      if (diag?.enabled) Object.assign(v.extras, unimodalEpochExtras(model, fold, diag.probeEvery > 0 && epoch % diag.probeEvery === 0))
      const trainLoss = lossSum / rows
      notify(methods, 'epochEnd', { epoch, loss: trainLoss, ...(hasVal ? { valLoss: v.valLoss } : {}) })
      const log: EpochLog = { epoch, trainLoss, ...v, extras: { ...v.extras, 'plan.samples': plan.indices.length, ...collectMetrics(methods) } }
      epochs.push(log)
      input.onEpoch?.(log)

      // Selection on the validation part only (never on test). Without a validation part: the last epoch.
      // [selectionOpen] a method may keep an epoch out of selection and patience (e.g. a curriculum).
      const open = methods.every((m) => m.instance.selectionOpen?.(epoch) ?? true)
      const score = selectionScore(v, training.selectOn)
      if (!open) {
        // not a candidate; patience does not run
      } else if (!hasVal || betterScore(score, best.score)) {
        best = { epoch, score, ...(hasVal ? { weights: model.getWeights() } : {}) }
        sinceBest = 0
      } else if (training.patience > 0 && ++sinceBest >= training.patience && epoch < training.epochs) {
        stoppedEarly = true
        break
      }
      await nextTick() // let the host deliver cancel messages
    }
    if (best.weights) model.setWeights(best.weights)
    notify(methods, 'fitEnd', { epoch: epochs.length, loss: epochs[epochs.length - 1]?.trainLoss ?? Number.NaN })
    return {
      epochs,
      bestEpoch: best.epoch || epochs.length, // no open epoch: the last weights are used
      stoppedEarly,
      testProbs: toProbs(predictPart(model, fold.test, featureSizes, numClasses).logProbs),
      valProbs: toProbs(predictPart(model, fold.val, featureSizes, numClasses).logProbs),
      backend: tf.getBackend(),
      stopped,
      ...(input.diagnostics?.enabled
        ? { diagnostics: computeModalityDiagnostics({ model, fold, modalityNames: featureSizes.map((_, m) => input.modalityNames?.[m] ?? `m${m}`), config: input.diagnostics, seed }) }
        : {}),
    }
  } finally {
    model?.dispose()
    optimizer?.dispose()
    disposeMethods(methods)
  }
}
