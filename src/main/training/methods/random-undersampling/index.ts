/** random-undersampling: each epoch trains on a fresh class-balanced random subset (stage `planEpoch`). */
import { z } from 'zod'
import { defineMethod } from '../../engine/method'
import { undersample } from './undersample'

const options = z.object({
  ratio: z
    .number()
    .min(1)
    .max(100)
    .default(1)
    .describe('Keep at most ratio × (smallest class size) samples per class each epoch; 1 = fully balanced'),
})

export default defineMethod({
  id: 'random-undersampling',
  title: 'Random undersampling',
  summary: 'Every epoch, draws (without replacement) as many samples of each class as the smallest class has.',
  paper: 'baseline (imbalanced-learn RandomUnderSampler; class-imbalance baseline of CLIMD, Table 2)',
  kind: 'sampler',
  stages: ['planEpoch'],
  options,
  create(o, env) {
    let kept: number[] = new Array<number>(env.numClasses).fill(0)
    return {
      planEpoch(plan, ctx) {
        const labels = Int32Array.from(plan.indices, (i) => ctx.labels[i] as number)
        const r = undersample(labels, ctx.numClasses, o.ratio, ctx.rng)
        kept = r.kept
        const indices = Int32Array.from(r.positions, (p) => plan.indices[p] as number)
        const w = plan.weights
        return w ? { indices, weights: Float32Array.from(r.positions, (p) => w[p] as number) } : { indices }
      },
      metrics: () => ({ kept: kept.reduce((s, k) => s + k, 0), ...Object.fromEntries(kept.map((k, c) => [`kept.${c}`, k])) }),
    }
  },
})
