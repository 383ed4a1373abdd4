/** fairclip-distance: Sinkhorn (or exact 1-D ½W₂²) distance between the batch's and each group's score distributions (stage `extraLoss`). */
import * as tf from '@tensorflow/tfjs'
import { z } from 'zod'
import { GroupDistanceSolver, groupScoreDistance, resolveAttribute, targetScores } from '../../engine/group-distance'
import { defineMethod } from '../../engine/method'

const options = z.object({
  lambda: z.number().min(0).max(1000).default(1).describe('Weight λ of Σ_g Sinkhorn(batch, group g) (FairCLIP used 1e-6 on CLIP logit products; 1 suits probabilities in [0, 1])'),
  attribute: z.string().default('').describe('Sensitive attribute whose groups are compared (empty = the first attribute)'),
  score: z.enum(['true-class-prob', 'true-class-logit']).default('true-class-prob').describe('Per-sample score whose distribution is matched'),
  blur: z.number().positive().max(10).default(0.01).describe('Sinkhorn blur (ε = blur²); geomloss convention'),
  iterations: z.number().int().min(1).max(500).default(40).describe('Unrolled log-domain Sinkhorn iterations (with ε-scaling)'),
  scaling: z.number().gt(0).lt(1).default(0.5).describe('ε-scaling factor on the blur per iteration'),
  solver: GroupDistanceSolver.default('sinkhorn')
    .describe('sinkhorn: log-domain Sinkhorn divergence as FairCLIP (geomloss); exact-1d: its blur → 0 limit ½W₂² in closed form (sorted quantiles, 1-D scores), far cheaper on large batches; blur/iterations/scaling then unused'),
  minGroupSize: z.number().int().min(1).default(2).describe('Groups with fewer rows in a batch are skipped'),
  detachGroup: z.boolean().default(true).describe('Group side as a constant (FairCLIP computes it under no_grad)'),
})

export default defineMethod({
  id: 'fairclip-distance',
  title: 'FairCLIP-style group distance',
  summary: 'Adds λ·Σ_g Sinkhorn(batch scores, group-g scores): pulls every group’s score distribution towards the whole batch’s.',
  paper: 'Luo, Shi, Tian, et al. FairCLIP: Harnessing Fairness in Vision-Language Learning. CVPR 2024 (arXiv:2403.19949)',
  kind: 'loss',
  stages: ['extraLoss', 'observe'],
  options,
  create(o, env) {
    const k = resolveAttribute(env, o.attribute, 'fairclip-distance', 'options.attribute')
    const attr = env.attributes[k]!
    const sums = attr.groups.map(() => 0)
    const counts = attr.groups.map(() => 0)
    let total = 0
    let steps = 0
    return {
      extraLoss(step) {
        const codes = step.batch.groups?.[k]
        if (!codes || o.lambda === 0) return undefined
        return tf.tidy(() => {
          const scores = targetScores(step.output.logits, step.batch.targets, o.score)
          const d = groupScoreDistance(scores, codes, attr.groups.length, o)
          d.values.forEach((v, g) => {
            if (!Number.isFinite(v)) return
            sums[g]! += v
            counts[g]!++
          })
          if (!d.total) return undefined
          total += (d.total.dataSync() as Float32Array)[0] as number
          steps++
          return tf.mul(o.lambda, d.total) as tf.Scalar
        })
      },
      observe(event) {
        if (event !== 'epochStart') return
        sums.fill(0)
        counts.fill(0)
        total = 0
        steps = 0
      },
      metrics: () => ({
        lambda: o.lambda,
        'distance.total': steps > 0 ? total / steps : 0,
        ...Object.fromEntries(attr.groups.map((g, j) => [`distance.${attr.name}.${g}`, counts[j]! > 0 ? sums[j]! / counts[j]! : 0])),
      }),
    }
  },
})
