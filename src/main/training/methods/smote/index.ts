/**
 * smote: SMOTE oversampling (stages `planEpoch` + `transformBatch`). Each epoch tops every class up
 * to the largest one with synthetic rows interpolated between a training sample and one of its k
 * nearest same-class training neighbours; the rows are spread evenly over the epoch's batches.
 */
import * as tf from '@tensorflow/tfjs'
import { z } from 'zod'
import { AppFailure } from '../../../../shared/result'
import { createRng, deriveSeed } from '../../../util/rng'
import { oneHot } from '../../engine/batcher'
import { defineMethod, type Batch } from '../../engine/method'
import { nearestInClass } from './knn'
import { drawSynthetic, interpolateBlock, syntheticCounts, type SyntheticDraw } from './synthesize'

const options = z.object({
  k: z.number().int().min(1).max(50).default(5).describe('Neighbours per sample (imbalanced-learn k_neighbors = 5)'),
  distance: z
    .enum(['concatenated', 'per-modality'])
    .default('concatenated')
    .describe('concatenated: one neighbour and λ over all modality blocks (a coherent synthetic patient); per-modality: each block interpolated with its own neighbour and λ'),
  ratio: z.number().min(0.05).max(1).default(1).describe('Top each class up to ratio × the largest class'),
  regenerate: z.enum(['once', 'every-epoch']).default('once').describe('once: the same synthetic set every epoch (imbalanced-learn); every-epoch: fresh draws'),
})

export default defineMethod({
  id: 'smote',
  title: 'SMOTE oversampling',
  summary: 'Adds synthetic minority rows interpolated between a training sample and a same-class nearest neighbour.',
  paper: 'Chawla et al. 2002, "SMOTE: Synthetic Minority Over-sampling Technique", JAIR 16; class-imbalance baseline of CLIMD, Table 2',
  kind: 'sampler',
  stages: ['planEpoch', 'transformBatch'],
  options,
  create(o, env) {
    const sizes = env.modalities.map((m) => m.features)
    const cache = new Map<number, number[][]>()
    let membersByClass: number[][] | undefined
    let queue: SyntheticDraw[] = []
    let batchesLeft = 0
    let added: number[] = new Array<number>(env.numClasses).fill(0)
    let labelsOf: (i: number) => number = () => 0

    const inputs = (): readonly Float32Array[] => {
      if (!env.trainingInputs) throw AppFailure.of('INTERNAL', 'smote: the trainer did not provide the training inputs to interpolate.')
      return env.trainingInputs
    }
    const neighboursOf = (base: number): number[][] => {
      let hit = cache.get(base)
      if (!hit) {
        const x = inputs()
        const members = membersByClass![labelsOf(base)]!
        hit = o.distance === 'concatenated' ? [nearestInClass(x, sizes, base, members, o.k)] : x.map((b, m) => nearestInClass([b], [sizes[m]!], base, members, o.k))
        cache.set(base, hit)
      }
      return hit
    }
    return {
      planEpoch(plan, ctx) {
        labelsOf = (i) => ctx.labels[i]!
        membersByClass ??= Array.from({ length: ctx.numClasses }, (_, c) => [...ctx.labels.keys()].filter((i) => ctx.labels[i] === c))
        const inPlan: number[][] = Array.from({ length: ctx.numClasses }, () => [])
        for (const i of plan.indices) inPlan[ctx.labels[i]!]!.push(i)
        const counts = syntheticCounts(inPlan.map((m) => m.length), o.ratio)
        const rng = o.regenerate === 'once' ? createRng(deriveSeed(env.seed, 'smote')) : ctx.rng
        queue = rng.shuffle(drawSynthetic(counts, inPlan, neighboursOf, sizes.length, o.distance === 'concatenated', rng))
        added = counts
        batchesLeft = Math.ceil(plan.indices.length / env.batchSize)
        return plan
      },
      transformBatch(batch: Batch): Batch {
        const take = batchesLeft > 0 ? Math.ceil(queue.length / batchesLeft) : queue.length
        batchesLeft = Math.max(0, batchesLeft - 1)
        if (take === 0) return batch
        const draws = queue.splice(0, take)
        const x = inputs()
        const labels = Int32Array.from(draws, (s) => s.label)
        return {
          inputs: batch.inputs.map((t, m) => tf.concat([t, tf.tensor2d(interpolateBlock(x[m]!, sizes[m]!, draws, m), [draws.length, sizes[m]!])], 0)),
          targets: tf.concat([batch.targets, oneHot(labels, env.numClasses)], 0),
          weights: tf.concat([batch.weights, tf.ones([draws.length])], 0),
          labels: Int32Array.from([...batch.labels, ...labels]),
          indices: Int32Array.from([...batch.indices, ...draws.map(() => -1)]),
          ...(batch.groups ? { groups: batch.groups.map((g) => Int32Array.from([...g, ...draws.map(() => -1)])) } : {}),
        }
      },
      metrics: () => ({ added: added.reduce((a, b) => a + b, 0), ...Object.fromEntries(added.map((k, c) => [`added.${c}`, k])) }),
    }
  },
})
