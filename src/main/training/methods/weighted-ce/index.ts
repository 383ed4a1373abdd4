/** weighted-ce: softmax cross-entropy with inverse-frequency class weights (stage `loss`). */
import * as tf from '@tensorflow/tfjs'
import { z } from 'zod'
import { AppFailure } from '../../../../shared/result'
import { defineMethod } from '../../engine/method'
import { classWeights, weightedCrossEntropy } from './weights'

const options = z.object({
  power: z.number().min(0).max(4).default(1).describe('Exponent on N/(C·n_c): 1 = inverse frequency (sklearn "balanced"), 0.5 = inverse square root, 0 = plain CE'),
  normalize: z
    .enum(['none', 'samples', 'classes'])
    .default('none')
    .describe('Rescale the weights: none; samples (average training sample weighs 1); classes (mean class weight 1)'),
  reduction: z
    .enum(['weighted-mean', 'mean'])
    .default('weighted-mean')
    .describe('weighted-mean divides by the sum of the weights in the batch (PyTorch); mean divides by the batch size'),
  classWeights: z.array(z.number().min(0)).optional().describe('Explicit per-class weights (overrides power/normalize)'),
})

export default defineMethod({
  id: 'weighted-ce',
  title: 'Weighted cross-entropy',
  summary: 'Cross-entropy with class weights inversely proportional to training class frequency.',
  paper: 'King & Zeng 2001, "Logistic regression in rare events data"; sklearn compute_class_weight("balanced")',
  kind: 'loss',
  stages: ['loss'],
  options,
  create(o, env) {
    if (o.classWeights && o.classWeights.length !== env.numClasses) {
      throw AppFailure.of('VALIDATION', `weighted-ce: classWeights has ${o.classWeights.length} entries for ${env.numClasses} classes.`, {
        location: { field: 'options.classWeights' },
      })
    }
    const w = o.classWeights ?? classWeights(env.classCounts, o.power, o.normalize)
    const weights = tf.keep(tf.tensor1d(w))
    return {
      loss: (step) => weightedCrossEntropy(step.output.logits, step.batch.targets, step.batch.weights, weights, o.reduction),
      metrics: () => Object.fromEntries(w.map((wc, c) => [`weight.${c}`, wc])),
      dispose: () => weights.dispose(),
    }
  },
})
