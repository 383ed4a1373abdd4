/**
 * climd: curriculum learning for imbalanced multimodal diagnosis (stage `planEpoch`). A warm-up on
 * all data, then per epoch a subset chosen by the multimodal curriculum measurer (ψ, φ, r) and the
 * class-distribution-guided scheduler, or one of the Table 4 ablation schedulers.
 */
import { z } from 'zod'
import { defineMethod } from '../../engine/method'
import { Curriculum } from './curriculum'

const options = z.object({
  measure: z.enum(['both', 'intra', 'inter']).default('both').describe('Curriculum score: r = φ + mean ψ (both, Eq. 4), mean ψ only (intra), φ only (inter)'),
  scheduler: z
    .enum(['class-distribution', 'baby-step', 'one-pass', 'linear', 'root', 'geometric'])
    .default('class-distribution')
    .describe('class-distribution = CLIMD TSS (Eq. 7); the others are the Table 4 ablations over one global order'),
  gamma: z.number().positive().max(10).default(0.3).describe('γ of the improved power law (Eq. 5–7); paper 0.3'),
  fit: z.enum(['mle', 'rank']).default('mle').describe('α(T) from the MLE of Eq. 6, or from the least-squares slope of log n vs log rank'),
  allocation: z.enum(['redistribute', 'literal']).default('redistribute').describe('literal caps s_t(c) at the class size; redistribute hands the shortfall to classes with spare samples (last epoch = all data)'),
  guardRatio: z.number().min(1).default(1.5).describe('If largest/smallest class < this, the class shares follow the true proportions (balanced-data guard)'),
  maxGammaAlpha: z.number().positive().default(5).describe('Clamp of γ·α(T) (the MLE explodes on nearly balanced data)'),
  order: z.enum(['desc', 'asc']).default('desc').describe('Take the highest r first (desc) or the lowest (asc)'),
  refresh: z.enum(['once', 'every']).default('once').describe('Score once after the warm-up, or re-score every refreshEvery curriculum epochs'),
  refreshEvery: z.number().int().min(1).default(10).describe('Curriculum epochs between re-scorings when refresh = every'),
  warmupEpochs: z.number().int().min(0).default(10).describe('Epochs on all data (training the unimodal heads) before the first scoring'),
  curriculumEpochs: z.number().int().min(0).default(0).describe('Curriculum length T; 0 = every epoch after the warm-up (the paper: T = all epochs)'),
  selection: z
    .enum(['after-curriculum', 'any'])
    .default('after-curriculum')
    .describe('after-curriculum: best-epoch selection and early-stopping patience start at the last curriculum epoch; any: every epoch'),
  buckets: z.number().int().min(1).max(100).default(5).describe('K buckets of Baby Step / One-Pass'),
  c0: z.number().min(0.001).max(1).default(0.1).describe('Initial competence c0 of Linear / Root / Geometric'),
  competenceFraction: z.number().min(0.05).max(1).default(0.8).describe('T_c / T: the ablation schedulers reach all data after this fraction of the curriculum'),
})

export default defineMethod({
  id: 'climd',
  title: 'CLIMD curriculum',
  summary: 'Curriculum from balanced to long-tailed subsets, ordered by intra-modal confidence and inter-modal complementarity.',
  paper: 'CLIMD: Curriculum Learning for Imbalanced Multimodal Diagnosis, MICCAI 2025, arXiv 2508.01594; ablation schedulers: Bengio et al. 2009, Platanios et al. 2019, Penha & Hauff 2020',
  kind: 'sampler',
  stages: ['planEpoch'],
  options,
  requires: {
    unimodalHeads: 'CLIMD scores each training sample by the confidence of per-modality classifiers (ψ, Eq. 1), which the model only has with unimodal heads.',
  },
  create(o, env) {
    let curriculum: Curriculum | undefined
    let last: Record<string, number> = {}
    const curriculumOf = (labels: Int32Array, numClasses: number): Curriculum => (curriculum ??= new Curriculum(o, labels, numClasses, env.totalEpochs, env.seed))
    return {
      planEpoch(plan, ctx) {
        const cur = curriculumOf(ctx.labels, ctx.numClasses)
        const sel = cur.select(ctx.epoch, ctx.inspectTraining)
        last = sel.metrics
        if (sel.phase !== 1) return plan
        const keep = new Uint8Array(ctx.labels.length)
        for (const i of sel.selected) keep[i] = 1
        const positions = plan.indices.reduce<number[]>((acc, i, p) => (keep[i] ? (acc.push(p), acc) : acc), [])
        const indices = Int32Array.from(positions, (p) => plan.indices[p]!)
        const w = plan.weights
        return w ? { indices, weights: Float32Array.from(positions, (p) => w[p]!) } : { indices }
      },
      selectionOpen: (epoch) => o.selection === 'any' || !curriculum || epoch >= curriculum.lastCurriculumEpoch,
      metrics: () => last,
    }
  },
})
