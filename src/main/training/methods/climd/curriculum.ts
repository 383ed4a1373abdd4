/**
 * CLIMD's per-epoch state: the phase (warm-up → curriculum → full data), the scores of the training
 * samples and their order, and the subset of each epoch from the chosen scheduler. The maths lives
 * in power-law.ts, scheduler.ts, competence.ts and measurer.ts; this file only sequences it.
 */
import { AppFailure } from '../../../../shared/result'
import { deriveSeed } from '../../../util/rng'
import type { TrainingInspection } from '../../engine/method'
import { bucketRange, competence } from './competence'
import { combineScores, interComplementarity, intraConfidence, quantile, sortByScore, spearman, toSharedDimension, type Measure } from './measurer'
import { classRanks, imbalanceRatio, powerLawMle, rankFitExponent } from './power-law'
import { alphaAt, allocate, classShares, progress, subsetSize, type Allocation } from './scheduler'

export type SchedulerKind = 'class-distribution' | 'baby-step' | 'one-pass' | 'linear' | 'root' | 'geometric'

export interface CurriculumSettings {
  measure: Measure
  scheduler: SchedulerKind
  gamma: number
  fit: 'mle' | 'rank'
  allocation: Allocation
  guardRatio: number
  maxGammaAlpha: number
  order: 'desc' | 'asc'
  refresh: 'once' | 'every'
  refreshEvery: number
  warmupEpochs: number
  /** 0 = every epoch after the warm-up. */
  curriculumEpochs: number
  buckets: number
  c0: number
  competenceFraction: number
}

/** The fitted class-distribution schedule of a job (fixed at creation). */
export interface ScheduleFit {
  ranks: number[]
  ratio: number
  /** Balanced-data guard engaged: target shares = the true class proportions throughout. */
  guard: boolean
  /** α(T) as used (after the γα clamp; s/γ for the rank fit). */
  alphaT: number
  /** Unclamped estimate (Eq. 6, or s/γ). */
  alphaRaw: number
}

export function fitSchedule(counts: readonly number[], s: Pick<CurriculumSettings, 'gamma' | 'fit' | 'guardRatio' | 'maxGammaAlpha'>): ScheduleFit {
  const ratio = imbalanceRatio(counts)
  const alphaRaw = s.fit === 'rank' ? rankFitExponent(counts) / s.gamma : powerLawMle(counts, s.gamma)
  const alphaT = Math.min(alphaRaw, s.maxGammaAlpha / s.gamma)
  return { ranks: classRanks(counts), ratio, guard: ratio < s.guardRatio, alphaT, alphaRaw }
}

/** Per-sample scores of the training part (Eqs. 1–4). */
export interface Scores {
  /** Mean ψ over modalities. */
  psi: Float64Array
  psiByModality: Float64Array[]
  phi: Float64Array
  r: Float64Array
}

export function scoreTraining(view: TrainingInspection, labels: Int32Array, C: number, measure: Measure, seed: number): Scores {
  if (measure !== 'inter' && !view.unimodalProbs) {
    throw AppFailure.of('CONFLICT', 'climd: the model has no unimodal heads, so ψ (Eq. 1) cannot be computed; set model.unimodalHeads to true.', {
      location: { field: 'model.unimodalHeads' },
    })
  }
  const psiByModality = (view.unimodalProbs ?? []).map((p) => intraConfidence(p, labels, C))
  const shared = toSharedDimension(view.features, view.featureSizes, deriveSeed(seed, 'climd', 'projection'))
  const phi = interComplementarity(shared.features, shared.size)
  const psi = combineScores(psiByModality, phi, 'intra')
  return { psi, psiByModality, phi, r: combineScores(psiByModality, phi, measure) }
}

export interface EpochSelection {
  phase: 0 | 1 | 2
  /** Training indices of the epoch (every index in the warm-up and full phases). */
  selected: Int32Array
  metrics: Record<string, number>
}

/** Summary statistics of the scores per class, for the log (`<score>.<stat>.<class>`). */
export function scoreMetrics(scores: Scores, labels: Int32Array, C: number): Record<string, number> {
  const out: Record<string, number> = {}
  const byClass: number[][] = Array.from({ length: C }, () => [])
  labels.forEach((c, i) => byClass[c]?.push(i))
  const named: [string, Float64Array][] = [['psi', scores.psi], ['phi', scores.phi], ['r', scores.r]]
  for (const [name, values] of named) {
    byClass.forEach((members, c) => {
      const v = members.map((i) => values[i]!)
      if (v.length === 0) return
      out[`${name}.mean.${c}`] = v.reduce((a, b) => a + b, 0) / v.length
      out[`${name}.q10.${c}`] = quantile(v, 0.1)
      out[`${name}.q50.${c}`] = quantile(v, 0.5)
      out[`${name}.q90.${c}`] = quantile(v, 0.9)
    })
  }
  scores.psiByModality.forEach((p, m) => (out[`psi.m${m}.mean`] = p.reduce((a, b) => a + b, 0) / Math.max(1, p.length)))
  return out
}

/** Sequences warm-up, scoring and the scheduler over the epochs of one job. */
export class Curriculum {
  readonly fit: ScheduleFit
  readonly T: number
  private readonly byClass: number[][]
  private orderByClass: number[][] = []
  private globalOrder: number[] = []
  private scoredAt = 0
  private readonly seen: Uint8Array

  constructor(
    private readonly s: CurriculumSettings,
    private readonly labels: Int32Array,
    private readonly C: number,
    totalEpochs: number,
    private readonly seed: number,
  ) {
    const counts = new Array<number>(C).fill(0)
    this.byClass = Array.from({ length: C }, () => [])
    labels.forEach((c, i) => {
      counts[c] = (counts[c] ?? 0) + 1
      this.byClass[c]?.push(i)
    })
    this.fit = fitSchedule(counts, s)
    this.T = s.curriculumEpochs > 0 ? s.curriculumEpochs : Math.max(1, totalEpochs - s.warmupEpochs)
    this.seen = new Uint8Array(labels.length)
  }

  /** Last epoch of the curriculum (from then on the subset is the full set in `redistribute`). */
  get lastCurriculumEpoch(): number {
    return this.s.warmupEpochs + this.T
  }

  /** Phase of a 1-based training epoch: 0 warm-up, 1 curriculum, 2 full data. */
  phaseOf(epoch: number): 0 | 1 | 2 {
    if (epoch <= this.s.warmupEpochs) return 0
    return epoch <= this.lastCurriculumEpoch ? 1 : 2
  }

  /** The epoch's training indices; `inspect` is called only when scores are due. */
  select(epoch: number, inspect: (() => TrainingInspection) | undefined): EpochSelection {
    const N = this.labels.length
    const phase = this.phaseOf(epoch)
    const all = (): Int32Array => Int32Array.from({ length: N }, (_, i) => i)
    const base = { phase, 'fit.alphaT': this.fit.alphaT, 'fit.ratio': this.fit.ratio, guard: this.fit.guard ? 1 : 0 }
    if (phase !== 1) {
      if (phase === 2) this.seen.fill(1)
      return { phase, selected: all(), metrics: { ...base, subset: N, ...this.realised(all()) } }
    }
    const t = epoch - this.s.warmupEpochs
    const metrics: Record<string, number> = { ...base, t }
    const due = this.scoredAt === 0 || (this.s.refresh === 'every' && (t - 1) % this.s.refreshEvery === 0)
    if (due) Object.assign(metrics, this.rescore(inspect, t))

    const selected = this.s.scheduler === 'class-distribution' ? this.classDistribution(t, metrics) : this.ablation(t, metrics)
    for (const i of selected) this.seen[i] = 1
    return { phase, selected, metrics: { ...metrics, subset: selected.length, ...this.realised(selected) } }
  }

  private rescore(inspect: (() => TrainingInspection) | undefined, t: number): Record<string, number> {
    if (!inspect) throw AppFailure.of('INTERNAL', 'climd: the trainer did not provide inspectTraining, so the samples cannot be scored.')
    const scores = scoreTraining(inspect(), this.labels, this.C, this.s.measure, this.seed)
    const previous = this.globalOrder
    this.orderByClass = this.byClass.map((members) => sortByScore(members, scores.r, this.s.order))
    this.globalOrder = sortByScore(Array.from({ length: this.labels.length }, (_, i) => i), scores.r, this.s.order)
    const out = scoreMetrics(scores, this.labels, this.C)
    out.scoredAt = t
    if (previous.length) out.spearman = spearman(previous, this.globalOrder)
    this.scoredAt = t
    return out
  }

  private classDistribution(t: number, metrics: Record<string, number>): Int32Array {
    const counts = this.byClass.map((m) => m.length)
    const N = this.labels.length
    const lambda = progress(t, this.T)
    const alpha = alphaAt(t, this.T, this.fit.alphaT)
    const q = this.fit.guard ? counts.map((n) => n / N) : classShares(lambda, this.fit.ranks, this.s.gamma * alpha)
    const S = subsetSize(t, this.T, N)
    const s = allocate(q, S, counts, this.s.allocation)
    metrics.alpha = alpha
    metrics.targetTotal = S
    q.forEach((qc, c) => {
      metrics[`share.${c}`] = qc
      metrics[`target.${c}`] = qc * S
    })
    return Int32Array.from(this.orderByClass.flatMap((order, c) => order.slice(0, s[c])))
  }

  private ablation(t: number, metrics: Record<string, number>): Int32Array {
    const N = this.labels.length
    const Tc = Math.max(1, Math.round(this.s.competenceFraction * this.T))
    const kind = this.s.scheduler
    let range: [number, number]
    if (kind === 'baby-step' || kind === 'one-pass') {
      range = bucketRange(kind, t, Tc, this.s.buckets, N)
    } else if (kind === 'linear' || kind === 'root' || kind === 'geometric') {
      const c = competence(kind, t, Tc, this.s.c0)
      metrics.competence = c
      range = [0, Math.max(1, Math.ceil(c * N))]
    } else {
      throw new Error(`unknown scheduler ${kind}`)
    }
    return Int32Array.from(this.globalOrder.slice(range[0], range[1]))
  }

  /** realised.<c> (samples of class c in the epoch) and seen.<c> (fraction of class c ever selected). */
  private realised(selected: Int32Array): Record<string, number> {
    const out: Record<string, number> = {}
    const counts = new Array<number>(this.C).fill(0)
    for (const i of selected) counts[this.labels[i]!]! += 1
    this.byClass.forEach((members, c) => {
      out[`realised.${c}`] = counts[c]!
      out[`seen.${c}`] = members.length ? members.reduce((a, i) => a + this.seen[i]!, 0) / members.length : 0
    })
    return out
  }
}
