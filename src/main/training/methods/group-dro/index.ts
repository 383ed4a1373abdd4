/** group-dro: online group distributionally robust optimisation (stage `loss`). */
import * as tf from '@tensorflow/tfjs'
import { z } from 'zod'
import { AppFailure } from '../../../../shared/result'
import { softmaxCrossEntropyPerSample } from '../../engine/losses'
import { defineMethod, type JsonValue } from '../../engine/method'
import { attributeIndex } from '../../engine/method-attributes'
import { groupOfRows, updateGroupWeights } from './dro'

const options = z.object({
  attribute: z.string().optional().describe('Sensitive attribute defining the groups (an intersection such as "sex×race" too); default the first attribute'),
  stepSize: z.number().positive().max(10).default(0.01).describe('η, step size of the group weights (Sagawa et al. code default --robust_step_size 0.01)'),
  adjustment: z.number().min(0).default(0).describe('Generalisation adjustment C, added as C/√n_g to each group loss in the update (paper §4; code default 0)'),
  groups: z
    .enum(['attribute', 'label-x-attribute'])
    .default('attribute')
    .describe('Groups: the attribute groups (plus one for unknown values), or label × attribute pairs as in the paper\'s experiments'),
})

export default defineMethod({
  id: 'group-dro',
  title: 'Group DRO (online)',
  summary: 'Minimises the weighted group loss with group weights pushed towards the worst groups by exponentiated-gradient steps.',
  paper: 'Sagawa, Koh, Hashimoto & Liang 2020, "Distributionally Robust Neural Networks for Group Shifts", ICLR (Algorithm 1)',
  kind: 'loss',
  stages: ['loss'],
  options,
  create(o, env) {
    const k = attributeIndex(env, o.attribute, 'group-dro')
    const attr = env.attributes[k]!
    const G = attr.groups.length
    const names = o.groups === 'attribute' ? [...attr.groups, 'unknown'] : env.classCounts.flatMap((_, y) => ['unknown', ...attr.groups].map((g) => `${y}.${g}`))
    const nGroups = names.length
    // Training counts per DRO group for the adjustment C/√n_g (attribute mode: known from env; label × attribute: learnt from batches is not possible up front, so C applies per attribute group).
    const counts = o.groups === 'attribute' ? [...attr.counts, Math.max(1, env.classCounts.reduce((a, b) => a + b, 0) - attr.counts.reduce((a, b) => a + b, 0))] : names.map((_, j) => attr.counts[(j % (G + 1)) - 1] ?? 1)
    const adjustment = counts.map((n) => (o.adjustment > 0 ? o.adjustment / Math.sqrt(Math.max(1, n)) : 0))
    let q = new Array<number>(nGroups).fill(1 / nGroups)
    let lastLoss = new Array<number>(nGroups).fill(0)
    return {
      loss(step) {
        const { batch, output } = step
        const rowsGroups = batch.groups?.[k]
        if (!rowsGroups) throw AppFailure.of('INTERNAL', 'group-dro: the batch carries no sensitive-attribute groups (Batch.groups).')
        const g = groupOfRows(batch.labels, rowsGroups, G, o.groups)
        const b = g.length
        const member = new Float32Array(b * nGroups)
        for (let i = 0; i < b; i++) member[i * nGroups + g[i]!] = 1
        return tf.tidy(() => {
          const perSample = softmaxCrossEntropyPerSample(output.logits, batch.targets)
          const wM = tf.mul(tf.tensor2d(member, [b, nGroups]), tf.expandDims(batch.weights, 1))
          const mass = tf.sum(wM, 0)
          const groupLoss = tf.div(tf.sum(tf.mul(tf.expandDims(perSample, 1), wM), 0), tf.maximum(mass, 1e-12))
          const values = Array.from(groupLoss.dataSync())
          q = updateGroupWeights(q, values, o.stepSize, adjustment)
          lastLoss = values
          return tf.sum(tf.mul(groupLoss, tf.tensor1d(q))) as tf.Scalar
        })
      },
      metrics: () => Object.fromEntries([...names.map((n, j) => [`q.${n}`, q[j]!]), ...names.map((n, j) => [`loss.${n}`, lastLoss[j]!])]),
      saveState: (): JsonValue => ({ q }),
      loadState(state) {
        const s = state as { q?: unknown }
        if (!Array.isArray(s.q) || s.q.length !== nGroups || !s.q.every((v) => typeof v === 'number')) {
          throw AppFailure.of('VALIDATION', `group-dro: saved state has no q of ${nGroups} numbers.`)
        }
        q = [...(s.q as number[])]
      },
    }
  },
})
