/** modality-mix: modality-mix (MM) learning (stages `transformBatch`, `extraLoss`). */
import * as tf from '@tensorflow/tfjs'
import { z } from 'zod'
import { AppFailure } from '../../../../shared/result'
import type { Batch, EpochContext, StepView } from '../../engine/method'
import { defineMethod } from '../../engine/method'
import { appendMixedRows, type MixedRow } from './mix-batch'
import { drawPartner, partnerModalities, selectConfident, weakestModality } from './mix'
import { mixLoss } from './mix-loss'

const options = z.object({
  warmupShare: z.number().min(0).max(1).default(0.2).describe('Stage 1: the first max(1, round(share·epochs)) epochs train with plain CE only'),
  tau: z.number().min(0).max(1).default(0.9).describe('Select training samples predicted correctly with p(y|x) ≥ τ'),
  fallbackShare: z.number().min(0).max(1).default(0.3).describe('A class with no sample above τ contributes its most confident share of samples'),
  lambda: z.number().min(0).max(10).default(1).describe('Weight λ_mm of the mixed-sample loss'),
  loss: z.enum(['soft-ce', 'bce']).default('soft-ce').describe('soft-ce: −Σ t log softmax(z); bce: per-class sigmoid BCE against t (multilabel reading)'),
  swapWeak: z.boolean().default(true).describe('Take exactly the weak modality from the partner (else a random non-empty proper subset)'),
  weakModality: z
    .union([z.literal('auto'), z.number().int().min(0)])
    .default('auto')
    .describe('auto: re-estimated each epoch (lowest unimodal-head accuracy, else lowest fusion-block score); or a fixed modality index'),
  heldOutShare: z.number().min(0).max(0.5).default(0.1).describe('Share of mixed rows left out of the loss and used only to measure the predicted share'),
})
type Options = z.output<typeof options>

interface RowInfo {
  /** Position of the first mixed row. */
  first: number
  /** Per mixed row: 1 = trained, 0 = held out. */
  trained: Float32Array
  partnerLabel: Int32Array
  anchorLabel: Int32Array
  /** Target share of the partner's label. */
  partnerTarget: Float32Array
}

/** Per-modality score of the standard rows of a step: unimodal-head accuracy, else fusion-block confidence. */
function modalityScores(step: StepView, standard: number[]): number[] | undefined {
  const C = step.numClasses
  const y = step.batch.labels
  const fromLogits = (z: Float32Array, soft: boolean): number => {
    let s = 0
    for (const i of standard) {
      let best = 0
      let max = -Infinity
      for (let c = 0; c < C; c++) if (z[i * C + c]! > max) [max, best] = [z[i * C + c]!, c]
      if (!soft) s += best === y[i] ? 1 : 0
      else {
        let sum = 0
        for (let c = 0; c < C; c++) sum += Math.exp(z[i * C + c]! - max)
        s += Math.exp(z[i * C + y[i]!]! - max) / sum
      }
    }
    return standard.length ? s / standard.length : 0
  }
  if (step.output.unimodalLogits) return step.output.unimodalLogits.map((z) => fromLogits(z.dataSync() as Float32Array, false))
  const block = step.classifiers?.fusionBlock
  if (!block) return undefined
  const M = step.output.features.length
  return step.output.features.map((f, m) =>
    fromLogits(tf.tidy(() => tf.add(tf.matMul(f, block(m).W), tf.div(block(m).b, M)).dataSync() as Float32Array), true),
  )
}

export default defineMethod({
  id: 'modality-mix',
  title: 'Modality-mix (MM) learning',
  summary: 'After a standard warm-up, mixes modalities of confidently predicted samples with different labels and trains the net to recognise the label proportions.',
  paper: 'Lu, Tan, Han. Modality-mix learning. IEEE TNNLS 2026 (DOI 10.1109/tnnls.2026.3677806); abstract only, formulation ours (methods.md §5.2)',
  kind: 'batch',
  stages: ['transformBatch', 'extraLoss'],
  options,
  create(o: Options, env) {
    const M = env.modalities.length
    const C = env.numClasses
    const warmup = Math.max(1, Math.round(o.warmupShare * env.totalEpochs))
    if (typeof o.weakModality === 'number' && o.weakModality >= M) {
      throw AppFailure.of('VALIDATION', `modality-mix: weakModality ${o.weakModality} does not exist (${M} modalities).`, { location: { field: 'options.weakModality' } })
    }
    const info = new WeakMap<Batch, RowInfo>()
    let recorded: Float32Array | undefined // last fused probabilities of each training sample (fallback selection)
    let scoreSum = new Array<number>(M).fill(0)
    let scoreSteps = 0
    let epoch = 0
    let selected: Int32Array[] | undefined
    let selectedSet = new Set<number>()
    let weak = typeof o.weakModality === 'number' ? o.weakModality : M - 1
    let m = { mixed: 0, heldOut: 0, share: 0, anchorShare: 0, target: 0, lmm: 0, lmmSteps: 0 }

    const startEpoch = (ctx: EpochContext): void => {
      epoch = ctx.epoch
      if (o.weakModality === 'auto' && scoreSteps > 0) weak = weakestModality(scoreSum)
      else if (o.weakModality === 'auto' && o.swapWeak && ctx.epoch > warmup) {
        throw AppFailure.of('VALIDATION', 'modality-mix: cannot estimate the weak modality (no unimodal heads and no per-modality fusion block): set options.weakModality or model.unimodalHeads.', {
          location: { field: 'options.weakModality' },
        })
      }
      scoreSum = scoreSum.map(() => 0)
      scoreSteps = 0
      m = { mixed: 0, heldOut: 0, share: 0, anchorShare: 0, target: 0, lmm: 0, lmmSteps: 0 }
      selected = undefined
      selectedSet = new Set()
      if (ctx.epoch <= warmup) return
      const probs = ctx.inspectTraining?.().probs ?? recorded ?? new Float32Array(ctx.labels.length * C).fill(Number.NaN)
      selected = selectConfident(probs, ctx.labels, C, o.tau, o.fallbackShare)
      selectedSet = new Set(selected.flatMap((s) => [...s]))
    }

    return {
      transformBatch(batch, ctx) {
        if (ctx.epoch !== epoch) startEpoch(ctx)
        if (!selected || selectedSet.size === 0) return batch
        const inputs = env.trainingInputs
        if (!inputs) throw AppFailure.of('INTERNAL', 'modality-mix needs the training inputs (MethodEnv.trainingInputs), which this trainer did not provide.')
        const rows: MixedRow[] = []
        for (const i of batch.indices) {
          if (i < 0 || !selectedSet.has(i)) continue
          const partner = drawPartner(ctx.labels[i]!, selected, ctx.rng)
          if (partner >= 0) rows.push({ anchor: i, partner, fromPartner: partnerModalities(M, weak, o.swapWeak, ctx.rng) })
        }
        const out = appendMixedRows(batch, rows, inputs, ctx.labels, C)
        const trained = Float32Array.from(rows, () => (ctx.rng.next() < o.heldOutShare ? 0 : 1))
        info.set(out, {
          first: batch.labels.length,
          trained,
          anchorLabel: Int32Array.from(rows, (r) => ctx.labels[r.anchor]!),
          partnerLabel: Int32Array.from(rows, (r) => ctx.labels[r.partner]!),
          partnerTarget: Float32Array.from(rows, (r) => r.fromPartner.filter(Boolean).length / M),
        })
        return out
      },
      extraLoss(step) {
        const { batch, output } = step
        const standard: number[] = []
        batch.labels.forEach((y, r) => {
          if (y >= 0 && batch.indices[r]! >= 0) standard.push(r)
        })
        // Record what the standard pass saw: fused probabilities (fallback selection) and modality scores (weak modality).
        const probs = tf.tidy(() => tf.softmax(output.logits).dataSync() as Float32Array)
        recorded ??= new Float32Array(env.classCounts.reduce((a, b) => a + b, 0) * C).fill(Number.NaN)
        for (const r of standard) recorded.set(probs.subarray(r * C, r * C + C), batch.indices[r]! * C)
        const scores = modalityScores(step, standard)
        if (scores) {
          scores.forEach((s, k) => (scoreSum[k]! += s))
          scoreSteps++
        }
        const rows = info.get(batch)
        if (!rows || rows.trained.length === 0) return undefined
        const k = rows.trained.length
        for (let i = 0; i < k; i++) {
          const p = probs.subarray((rows.first + i) * C, (rows.first + i + 1) * C)
          m.mixed++
          if (rows.trained[i]) continue
          m.heldOut++
          m.share += p[rows.partnerLabel[i]!]!
          m.anchorShare += p[rows.anchorLabel[i]!]!
          m.target += rows.partnerTarget[i]!
        }
        const mask = tf.concat([tf.zeros([rows.first]), tf.tensor1d(rows.trained)]) as tf.Tensor1D
        const lmm = mixLoss(output.logits, batch.targets, mask, o.loss)
        m.lmm += (lmm.dataSync() as Float32Array)[0]!
        m.lmmSteps++
        return tf.mul(lmm, o.lambda) as tf.Scalar
      },
      metrics() {
        const out: Record<string, number> = { weakModality: weak, mixing: selected ? 1 : 0, mixedRows: m.mixed }
        if (selected) selected.forEach((s, c) => (out[`selected.${c}`] = s.length))
        if (m.lmmSteps > 0) out.lmm = m.lmm / m.lmmSteps
        if (m.heldOut > 0) {
          out.heldOutPartnerShare = m.share / m.heldOut
          out.heldOutAnchorShare = m.anchorShare / m.heldOut
          out.heldOutPartnerTarget = m.target / m.heldOut
        }
        return out
      },
    }
  },
})
