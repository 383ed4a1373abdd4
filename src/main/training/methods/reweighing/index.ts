/** reweighing: Kamiran–Calders sample weights per label × group (stage `planEpoch`). */
import { z } from 'zod'
import { AppFailure } from '../../../../shared/result'
import { defineMethod } from '../../engine/method'
import { attributeIndex } from '../../engine/method-attributes'
import { reweighingTable, sampleWeights } from './weights'

const options = z.object({
  attribute: z.string().optional().describe('Sensitive attribute to reweigh by (an intersection such as "sex×race" too); default the first attribute'),
})

export default defineMethod({
  id: 'reweighing',
  title: 'Reweighing (Kamiran–Calders)',
  summary: 'Sample weights P(y)·P(g)/P(y,g) that make label and sensitive group independent in the weighted training data.',
  paper: 'Kamiran & Calders 2012, "Data preprocessing techniques for classification without discrimination", Knowl. Inf. Syst. 33(1)',
  kind: 'sampler',
  stages: ['planEpoch'],
  options,
  create(o, env) {
    const k = attributeIndex(env, o.attribute, 'reweighing')
    const attr = env.attributes[k]!
    let table: number[][] | undefined
    let weights: Float32Array | undefined
    return {
      planEpoch(plan, ctx) {
        const groups = ctx.groups?.[k]
        if (!groups) throw AppFailure.of('INTERNAL', 'reweighing: the trainer did not provide the training groups (EpochContext.groups).')
        if (!table || !weights) {
          table = reweighingTable(ctx.labels, groups, ctx.numClasses, attr.groups.length)
          weights = sampleWeights(ctx.labels, groups, table)
        }
        const w = weights
        return {
          indices: plan.indices,
          weights: Float32Array.from(plan.indices, (i, j) => (plan.weights?.[j] ?? 1) * w[i]!),
        }
      },
      metrics: () =>
        Object.fromEntries((table ?? []).flatMap((row, y) => row.map((w, g) => [`weight.${y}.${attr.groups[g] ?? g}`, w] as [string, number]))),
    }
  },
})
