/** cggm: classifier-guided gradient modulation (stages `extraLoss`, `modulateGradients`). */
import * as tf from '@tensorflow/tfjs'
import { z } from 'zod'
import { AppFailure } from '../../../../shared/result'
import type { JsonValue, StepView } from '../../engine/method'
import { defineMethod } from '../../engine/method'
import { encoderModalities, globalNorm } from '../../engine/modality-grads'
import { stopGradient } from '../../engine/stop-gradient'
import { batchAccuracy, cggmCoefficients, cosineSimilarity, directionLoss } from './cggm'

const options = z.object({
  rho: z.number().min(0).max(10).default(1.3).describe('ρ: encoder m gradients are multiplied by ρ·B_m (README and code default 1.3)'),
  lambda: z.number().min(0).max(10).default(0.2).describe('λ on the direction term L_gm (README example 0.2; food_run.py default 0.05); 0 = magnitude only'),
  coefficients: z
    .enum(['signed', 'absolute'])
    .default('signed')
    .describe('signed: B_m = (ΣΔ − Δ_m)/(ΣΔ + 1e-8) as the CGGM code (explodes when ΣΔ ≈ 0); absolute: MultiFair\'s |Δ| form, B_m in [0, 1]'),
  clipNorm: z.number().min(0).default(0.8).describe('Clip the global gradient norm of the model (heads excluded) after modulation, as the code (--clip 0.8); 0 = off'),
})

const requireHeads = (view: StepView): tf.Tensor2D[] => {
  const uni = view.output.unimodalLogits
  if (!uni) {
    throw AppFailure.of('VALIDATION', 'cggm needs per-modality classifier heads: set model.unimodalHeads to true.', { location: { field: 'model.unimodalHeads' } })
  }
  return uni
}

interface State {
  /** acc_m(t−1); the code starts from zeros. */
  prevAccuracy: number[]
  /** B from the previous step (the code adds λ·L_gm built from it to the next step's loss); null before the first step. */
  prevCoefficients: number[] | null
}

export default defineMethod({
  id: 'cggm',
  title: 'CGGM (classifier-guided gradient modulation)',
  summary: "Scales each encoder's gradient by how little its unimodal classifier improved, and pulls the fusion classifier toward the unimodal classifiers' directions.",
  paper: 'Guo, Jin, Chen, Zhao. Classifier-guided Gradient Modulation for Enhanced Multimodal Learning. NeurIPS 2024; code zrguo/CGGM',
  kind: 'gradient',
  stages: ['extraLoss', 'modulateGradients'],
  options,
  requires: { unimodalHeads: 'its coefficients come from the per-step accuracy change of each modality\'s classifier (set model.detachUnimodalHeads too for CGGM\'s setting, where those classifiers do not train the encoders).' },
  create(o, env) {
    const M = env.modalities.length
    let state: State = { prevAccuracy: new Array<number>(M).fill(0), prevCoefficients: null }
    let epoch = 0
    const zero = (): number[] => new Array<number>(M).fill(0)
    let acc = { steps: 0, clipped: 0, direction: 0, lgm: 0, accuracy: zero(), delta: zero(), coeff: zero(), minCoeff: Infinity, maxCoeff: -Infinity }
    const resetIfNewEpoch = (e: number): void => {
      if (e === epoch) return
      epoch = e
      acc = { steps: 0, clipped: 0, direction: 0, lgm: 0, accuracy: zero(), delta: zero(), coeff: zero(), minCoeff: Infinity, maxCoeff: -Infinity }
    }
    return {
      extraLoss(step) {
        resetIfNewEpoch(step.epoch)
        const B = state.prevCoefficients
        const block = step.classifiers?.fusionBlock
        const heads = step.classifiers?.unimodal
        if (!B || o.lambda === 0 || !block || !heads) return undefined
        // cos(W_cls_m, W_fusion_m): the classifier side is a constant (CGGM zeroes the classifiers' gradient from L_gm).
        const cosines = heads.map((h, m) => cosineSimilarity(stopGradient(h.W), block(m).W))
        const lgm = directionLoss(B, cosines)
        acc.direction++
        acc.lgm += (lgm.dataSync() as Float32Array)[0]!
        return tf.mul(lgm, o.lambda) as tf.Scalar
      },
      modulateGradients(grads, view) {
        resetIfNewEpoch(view.epoch)
        const uni = requireHeads(view)
        const accuracy = uni.map((z) => batchAccuracy(z.dataSync() as Float32Array, view.batch.labels, view.numClasses))
        // A batch without labelled rows keeps the previous accuracy (Δ = 0).
        const current = accuracy.map((a, m) => (Number.isNaN(a) ? state.prevAccuracy[m]! : a))
        const delta = current.map((a, m) => a - state.prevAccuracy[m]!)
        const B = cggmCoefficients(delta, o.coefficients)
        state = { prevAccuracy: current, prevCoefficients: B }
        acc.steps++
        B.forEach((b, m) => {
          acc.accuracy[m]! += current[m]!
          acc.delta[m]! += delta[m]!
          acc.coeff[m]! += b
          acc.minCoeff = Math.min(acc.minCoeff, b)
          acc.maxCoeff = Math.max(acc.maxCoeff, b)
        })
        const out: tf.NamedTensorMap = { ...grads }
        for (const [name, m] of encoderModalities(view)) {
          const g = grads[name]
          if (g) out[name] = tf.mul(g, o.rho * B[m]!)
        }
        if (o.clipNorm > 0) {
          const heads = new Set((view.classifiers?.unimodal ?? []).flatMap((h) => [h.W.name, h.b.name]))
          const names = Object.keys(out).filter((n) => !heads.has(n))
          const norm = globalNorm(out, names)
          if (norm > o.clipNorm) {
            acc.clipped++
            const scale = o.clipNorm / (norm + 1e-6) // torch clip_grad_norm_: max_norm / (total_norm + 1e-6)
            for (const n of names) out[n] = tf.mul(out[n]!, scale)
          }
        }
        return out
      },
      metrics() {
        if (acc.steps === 0) return {}
        const out: Record<string, number> = {
          clippedSteps: acc.clipped / acc.steps,
          directionSteps: acc.direction / acc.steps,
          minCoeff: acc.minCoeff,
          maxCoeff: acc.maxCoeff,
        }
        if (acc.direction > 0) out.lgm = acc.lgm / acc.direction
        for (let m = 0; m < M; m++) {
          out[`accuracy.${m}`] = acc.accuracy[m]! / acc.steps
          out[`delta.${m}`] = acc.delta[m]! / acc.steps
          out[`coeff.${m}`] = acc.coeff[m]! / acc.steps
        }
        return out
      },
      saveState: (): JsonValue => ({ prevAccuracy: state.prevAccuracy, prevCoefficients: state.prevCoefficients }),
      loadState(s) {
        const v = s as { prevAccuracy?: unknown; prevCoefficients?: unknown }
        const nums = (x: unknown): x is number[] => Array.isArray(x) && x.length === M && x.every((n) => typeof n === 'number')
        if (!nums(v.prevAccuracy) || !(v.prevCoefficients === null || nums(v.prevCoefficients))) {
          throw AppFailure.of('VALIDATION', `cggm: saved state does not match ${M} modalities.`)
        }
        state = { prevAccuracy: [...v.prevAccuracy], prevCoefficients: v.prevCoefficients ? [...v.prevCoefficients] : null }
      },
    }
  },
})
