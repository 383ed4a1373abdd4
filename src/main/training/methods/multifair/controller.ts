/**
 * MultiFair's per-step logic (methods.md §3.3): statistics from the step's unimodal and fused
 * outputs (plain numbers), the loss terms of the mode, and the per-modality gradient scale that
 * `modulateGradients` applies to the encoders afterwards in the same step.
 */
import * as tf from '@tensorflow/tfjs'
import { rowsByGroup } from '../../engine/group-distance'
import type { StepView } from '../../engine/method'
import type { MultiFairOptions } from './options'
import { aucSpread, batchAuc, emaGap, fusedGroupAucs, groupFactor, modalityCoefficients, surrogateAuc } from './statistics'
import { directionTerm, groupGapPenalty } from './terms'

/** What survives between steps (JSON). */
export interface MultiFairState {
  /** A_m(t−1) (reference `auc_prev`, starts at 0.5). */
  prevAuc: number[]
  /** Last defined batch AUC per head (reference `prev_auc`, reused when a batch has one class). */
  lastValidAuc: number[]
  /** Smoothed Δ_m (paper-intent `deltaSmoothing`). */
  smoothDelta: number[]
  /** E_{m,g}, starts at 0.5. */
  ema: number[][]
}

export const initialState = (M: number, K: number): MultiFairState => ({
  prevAuc: new Array<number>(M).fill(0.5),
  lastValidAuc: new Array<number>(M).fill(0.5),
  smoothDelta: new Array<number>(M).fill(0),
  ema: Array.from({ length: M }, () => new Array<number>(K).fill(0.5)),
})

/** The numbers one step produced (also what the epoch metrics average). */
export interface StepRecord {
  auc: number[]
  delta: number[]
  coeff: number[]
  factor: number[]
  /** Final gradient multiplier per modality encoder. */
  scale: number[]
  priority: boolean
  /** Fused batch group-AUC spread (max − min), null when fewer than two groups have one. */
  fusedGap: number | null
  /** L_gm value and whether it carries a gradient. */
  lgm: number
  lgmHasGradient: boolean
  /** The fairness term's value before its weight (faithful: EMA gap; paper-intent: surrogate-AUC penalty), and whether applied. */
  fairness: number
  fairnessApplied: boolean
}

const probsOf = (logits: tf.Tensor2D): Float32Array => tf.tidy(() => tf.softmax(logits).dataSync() as Float32Array)

export class MultiFairController {
  state: MultiFairState
  last: StepRecord | undefined

  constructor(
    private readonly o: MultiFairOptions,
    private readonly M: number,
    /** Attribute index and its group count; undefined when the group level is off. */
    private readonly attribute: { index: number; groups: number } | undefined,
  ) {
    this.state = initialState(M, attribute?.groups ?? 0)
  }

  private get faithful(): boolean {
    return this.o.mode === 'code-faithful'
  }

  /** (b) modality coefficients from the unimodal heads' batch AUC change. */
  private modality(uniProbs: Float32Array[], y: Int32Array, C: number, rows: number[]): Pick<StepRecord, 'auc' | 'delta' | 'coeff'> {
    const s = this.state
    const auc = uniProbs.map((p, m) => {
      const a = batchAuc(p, y, C, rows)
      if (a !== null) s.lastValidAuc[m] = a
      return a ?? s.lastValidAuc[m]!
    })
    let delta = auc.map((a, m) => a - s.prevAuc[m]!)
    s.prevAuc = [...auc]
    if (!this.faithful && this.o.deltaSmoothing > 0) {
      const k = this.o.deltaSmoothing
      s.smoothDelta = delta.map((d, m) => k * s.smoothDelta[m]! + (1 - k) * d)
      delta = [...s.smoothDelta]
    }
    return { auc, delta, coeff: modalityCoefficients(delta, !this.faithful) }
  }

  /** (c) EMA surrogate group AUCs of every unimodal head, and F_m. */
  private groupFactors(uniProbs: Float32Array[], y: Int32Array, C: number, groupRows: number[][]): number[] {
    const { emaDecay, beta, tau } = this.o
    uniProbs.forEach((p, m) => {
      groupRows.forEach((rows, g) => {
        const sauc = rows.length > 1 ? surrogateAuc(p, y, C, rows) : null
        if (sauc === null && !this.faithful) return // paper-intent: no evidence, no update
        const row = this.state.ema[m]!
        row[g] = emaDecay * row[g]! + (1 - emaDecay) * (sauc ?? 0.5)
      })
    })
    return this.state.ema.map((row) => groupFactor(row, groupRows.map((r) => r.length), beta, tau))
  }

  /**
   * Computes the step's statistics and returns the loss terms (undefined when nothing applies).
   * Code-faithful terms are constants (`tf.scalar(number)`): they change the loss value, not the gradient.
   */
  extraLoss(step: StepView): tf.Scalar | undefined {
    const { o, M } = this
    const uni = step.output.unimodalLogits ?? []
    const C = step.numClasses
    const y = step.batch.labels
    const labelled = Array.from(y.keys()).filter((i) => y[i]! >= 0)
    const uniProbs = uni.map(probsOf)
    const mod = o.modalityLevel && uniProbs.length === M ? this.modality(uniProbs, y, C, labelled) : { auc: [], delta: [], coeff: new Array<number>(M).fill(1) }

    let factor = new Array<number>(M).fill(1)
    let priority = false
    let fusedGap: number | null = null
    let groupRows: number[][] = []
    const codes = this.attribute ? step.batch.groups?.[this.attribute.index] : undefined
    if (this.attribute && codes) {
      const labelledCodes = Int32Array.from(codes, (g, i) => (y[i]! >= 0 ? g : -1))
      groupRows = rowsByGroup(labelledCodes, this.attribute.groups)
      if (uniProbs.length === M) factor = this.groupFactors(uniProbs, y, C, groupRows)
      fusedGap = aucSpread(fusedGroupAucs(probsOf(step.output.logits), y, C, groupRows, this.faithful))
      priority = fusedGap !== null && fusedGap > o.tau
    }

    const terms: tf.Scalar[] = []
    let lgm = 0
    let lgmHasGradient = false
    if (o.modalityLevel && !this.faithful && o.lambdaGm > 0) {
      const cls = step.classifiers
      if (cls?.fusionBlock && cls.unimodal && cls.unimodal.length === M) {
        const t = directionTerm(mod.coeff, cls.unimodal.map((u, m) => ({ uni: u.W, fusion: cls.fusionBlock!(m).W })))
        lgm = (t.dataSync() as Float32Array)[0]!
        lgmHasGradient = true
        terms.push(tf.mul(o.lambdaGm, t) as tf.Scalar)
      }
    }
    // code-faithful: the reference's L_gm is 0 (its fusion-gradient lookup fails), a constant either way.

    let fairness = 0
    let fairnessApplied = false
    if (this.attribute && codes) {
      if (this.faithful) {
        fairness = emaGap(this.state.ema)
        fairnessApplied = priority
        if (priority) terms.push(tf.scalar(o.fairnessCoeff * fairness))
      } else {
        const penalty = groupGapPenalty(step.output.logits, y, groupRows)
        if (penalty) {
          fairness = (penalty.dataSync() as Float32Array)[0]!
          fairnessApplied = o.groupPenalty === 'always' || priority
          if (fairnessApplied) terms.push(tf.mul(o.fairnessCoeff, penalty) as tf.Scalar)
        }
      }
    }

    const scale = mod.coeff.map((c, m) => (o.modalityLevel ? o.rho * c : 1) * (o.groupLevel && priority ? factor[m]! : 1))
    this.last = { auc: mod.auc, delta: mod.delta, coeff: mod.coeff, factor, scale, priority, fusedGap, lgm, lgmHasGradient, fairness, fairnessApplied }
    if (this.faithful) return o.modalityLevel || terms.length > 0 ? tf.addN([tf.scalar(0), ...terms]) : undefined
    return terms.length > 0 ? (tf.addN(terms) as tf.Scalar) : undefined
  }
}
