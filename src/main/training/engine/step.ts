/**
 * One optimisation step: batch tensors → transformBatch → forward → loss (+ unimodal CE + Σ extraLoss
 * + L2) → computeGradients → modulateGradients → applyGradients, all inside one tf.tidy.
 */
import * as tf from '@tensorflow/tfjs'
import { AppFailure } from '../../../shared/result'
import { makeBatch } from './batcher'
import type { FoldPart } from './fold'
import { weightedCrossEntropy } from './losses'
import type { ActiveMethod } from './method-runtime'
import type { EpochContext, EpochPlan, ForwardOutput, GradientView, StepView } from './method'
import type { Model } from './model'

export interface StepInput {
  model: Model
  optimizer: tf.Optimizer
  /** Pipeline order; `contexts[k]` belongs to `methods[k]`. */
  methods: readonly ActiveMethod[]
  contexts: readonly EpochContext[]
  /** The method owning the exclusive `loss` stage, if any. */
  lossOwner: ActiveMethod | undefined
  part: FoldPart
  featureSizes: readonly number[]
  numClasses: number
  slice: EpochPlan
  epoch: number
  /** 1-based step within the epoch. */
  step: number
  weightDecay: number
}

export interface StepResult {
  /** Total loss of the step (what was differentiated). */
  loss: number
  /** Rows in the (possibly transformed) batch. */
  rows: number
}

function scalarFrom(id: string, value: tf.Tensor): tf.Scalar {
  if (value.rank !== 0) throw AppFailure.of('INTERNAL', `Method "${id}" returned a loss of shape [${value.shape.join(', ')}]; a scalar is required.`)
  return value as tf.Scalar
}

/**
 * Runs one step and returns its loss. The forward outputs stay alive (tf.keep) until the gradient
 * stage has seen them, then are disposed; nothing else outlives the tidy.
 *
 * @throws AppFailure('TRAINING_FAILED') when the loss is NaN or infinite (weights are left untouched)
 */
export function trainStep(s: StepInput): StepResult {
  const kept: tf.Tensor[] = []
  try {
    return tf.tidy(() => {
      let batch = makeBatch(s.part, s.featureSizes, s.slice, s.numClasses)
      s.methods.forEach((m, k) => {
        if (m.instance.transformBatch) batch = m.instance.transformBatch(batch, s.contexts[k]!)
      })
      let output: ForwardOutput | undefined
      const { value, grads } = s.optimizer.computeGradients(() => {
        const out = s.model.forward(batch.inputs, true)
        kept.push(...[out.logits, ...out.features, ...(out.unimodalLogits ?? [])].map((t) => tf.keep(t)))
        output = out
        const view: StepView = { batch, output: out, epoch: s.epoch, step: s.step, numClasses: s.numClasses, classifiers: s.model.classifiers }
        const owner = s.lossOwner
        let loss: tf.Scalar = owner ? scalarFrom(owner.id, owner.instance.loss!(view)) : weightedCrossEntropy(out.logits, batch.targets, batch.weights)
        for (const uni of out.unimodalLogits ?? []) loss = tf.add(loss, weightedCrossEntropy(uni, batch.targets, batch.weights))
        for (const m of s.methods) {
          const extra = m.instance.extraLoss?.(view)
          if (extra) loss = tf.add(loss, scalarFrom(m.id, extra))
        }
        const kernels = s.model.trainableVariables.filter((v) => s.model.kernelNames.has(v.name))
        if (s.weightDecay > 0 && kernels.length > 0) {
          // (λ/2)·Σ‖W‖², whose gradient λ·W matches SGD weight decay λ.
          loss = tf.add(loss, tf.mul(s.weightDecay / 2, tf.addN(kernels.map((v) => tf.sum(tf.square(v))))))
        }
        return loss
      }, s.model.trainableVariables)
      const lossValue = (value.dataSync() as Float32Array)[0] as number
      if (!Number.isFinite(lossValue)) {
        throw AppFailure.of(
          'TRAINING_FAILED',
          `loss became ${lossValue} at epoch ${s.epoch}, step ${s.step}; the run diverged (try a lower learning rate, or check the methods' loss terms and the input scaling).`,
        )
      }
      let g: tf.NamedTensorMap = grads
      const gradientView: GradientView = {
        batch,
        output: output!,
        epoch: s.epoch,
        step: s.step,
        numClasses: s.numClasses,
        classifiers: s.model.classifiers,
        modalityOfVariable: s.model.modalityOfVariable,
      }
      for (const m of s.methods) if (m.instance.modulateGradients) g = m.instance.modulateGradients(g, gradientView)
      s.optimizer.applyGradients(g)
      return { loss: lossValue, rows: batch.labels.length }
    })
  } finally {
    tf.dispose(kept)
  }
}
