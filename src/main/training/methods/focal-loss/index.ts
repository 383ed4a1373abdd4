/** focal-loss: softmax focal loss that down-weights well-classified samples (stage `loss`). */
import * as tf from '@tensorflow/tfjs'
import { z } from 'zod'
import { AppFailure } from '../../../../shared/result'
import { balancedClassWeights } from '../../engine/class-weights'
import { weightedMean } from '../../engine/losses'
import { defineMethod } from '../../engine/method'
import { focalLossPerSample } from './focal'

const options = z.object({
  gamma: z.number().min(0).max(10).default(2).describe('Focusing parameter γ (paper default 2; 0 = cross-entropy)'),
  alpha: z
    .union([z.enum(['none', 'balanced']), z.array(z.number().min(0))])
    .default('none')
    .describe('Class weights α: none (all 1), balanced (N/(C·n_c) from training counts), or one number per class'),
})

export default defineMethod({
  id: 'focal-loss',
  title: 'Focal loss',
  summary: 'Cross-entropy scaled by (1 − p_t)^γ so training focuses on hard, misclassified samples.',
  paper: 'Lin, Goyal, Girshick, He, Dollár. Focal Loss for Dense Object Detection. ICCV 2017 (arXiv:1708.02002)',
  kind: 'loss',
  stages: ['loss'],
  options,
  create(o, env) {
    let alphaValues: number[] | undefined
    if (Array.isArray(o.alpha)) {
      if (o.alpha.length !== env.numClasses) {
        throw AppFailure.of('VALIDATION', `focal-loss: alpha has ${o.alpha.length} entries for ${env.numClasses} classes.`, { location: { field: 'options.alpha' } })
      }
      alphaValues = o.alpha
    } else if (o.alpha === 'balanced') alphaValues = balancedClassWeights(env.classCounts)
    const alpha = alphaValues ? tf.keep(tf.tensor1d(alphaValues)) : undefined
    return {
      loss: (step) =>
        tf.tidy(() => weightedMean(focalLossPerSample(step.output.logits, step.batch.targets, o.gamma, alpha), step.batch.weights)),
      metrics: () => ({ gamma: o.gamma, ...Object.fromEntries((alphaValues ?? []).map((a, c) => [`alpha.${c}`, a])) }),
      dispose: () => alpha?.dispose(),
    }
  },
})
