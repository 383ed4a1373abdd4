/** fair-moe: fairness-oriented mixture-of-experts fusion head + fairness-oriented loss (stages `buildHead`, `extraLoss`). */
import * as tf from '@tensorflow/tfjs'
import { AppFailure } from '../../../../shared/result'
import { groupScoreDistance, resolveAttribute, targetScores } from '../../engine/group-distance'
import { defineMethod } from '../../engine/method'
import { dispersionTerms } from './fol'
import { buildMoeHead, type MoeHead } from './head'
import { fairMoeOptions } from './options'
import { UsageLog } from './usage'

export default defineMethod({
  id: 'fair-moe',
  title: 'Fair-MoE (FO-MoE head + FOL)',
  summary: 'Mixture-of-experts fusion head (sparse token MoE over modality tokens, one feature expert per group) trained with gate-dispersion and Sinkhorn group-distance terms.',
  paper: 'Wang, Tong, Liu, Liu. Fair-MoE: Medical Fairness-Oriented Mixture of Experts in Vision-Language Models. arXiv:2502.06094 (code: LinjieT/Fair-MoE-Medical-Fairness-Oriented-Mixture-of-Experts-in-Vision-Language-Models); Fair-MoE-style, not a CLIP reproduction',
  kind: 'head',
  stages: ['buildHead', 'extraLoss', 'observe'],
  options: fairMoeOptions,
  create(o, env) {
    if (o.topK > o.experts) {
      throw AppFailure.of('VALIDATION', `fair-moe: topK (${o.topK}) cannot exceed experts (${o.experts}).`, { location: { field: 'options.topK' } })
    }
    const k = resolveAttribute(env, o.attribute, 'fair-moe', 'options.attribute')
    const attr = env.attributes[k]!
    const G = attr.groups.length
    const usage = new UsageLog(env.attributes, o.experts, G)
    let head: MoeHead | undefined
    const sums = { load: 0, dispersion: 0, distance: 0, steps: 0 }

    return {
      buildHead(ctx) {
        head = buildMoeHead(ctx, o, G)
        return head
      },
      extraLoss(step) {
        const gates = head?.lastGates
        if (!head || !gates) return undefined
        head.lastGates = undefined
        const groups = step.batch.groups ?? []
        usage.record(gates, groups)
        const codes = groups[k]
        if (!codes) return undefined
        return tf.tidy(() => {
          const terms: tf.Scalar[] = []
          let load = 0
          let dispersion = 0
          const gateTerms: [tf.Tensor2D | undefined, ArrayLike<number>][] = [
            // Token rows are token-major: row t·b + i belongs to sample i.
            [gates.tokenGate, Int32Array.from({ length: gates.tokens * gates.samples }, (_, r) => codes[r % gates.samples]!)],
            [gates.featureGate, codes],
          ]
          for (const [O, rowGroups] of gateTerms) {
            if (!O || o.lambdaMoe === 0) continue
            const t = dispersionTerms(O, rowGroups, G, o.dispersion, o.detachGroupSide)
            if (o.loadTerm && t.load) {
              terms.push(tf.mul(o.lambdaMoe, t.load) as tf.Scalar)
              load += t.load.dataSync()[0]!
            }
            if (t.dispersion) {
              terms.push(tf.mul(o.lambdaMoe, t.dispersion) as tf.Scalar)
              dispersion += t.dispersion.dataSync()[0]!
            }
          }
          let distance = 0
          if (o.lambdaFair > 0) {
            const scores = targetScores(step.output.logits, step.batch.targets, o.score)
            const d = groupScoreDistance(scores, codes, G, { blur: o.blur, iterations: o.iterations, scaling: 0.5, minGroupSize: 2, detachGroup: o.detachGroupSide, solver: o.solver })
            if (d.total) {
              terms.push(tf.mul(o.lambdaFair, d.total) as tf.Scalar)
              distance = d.total.dataSync()[0]!
            }
          }
          sums.load += load
          sums.dispersion += dispersion
          sums.distance += distance
          sums.steps++
          return terms.length > 0 ? (tf.addN(terms) as tf.Scalar) : undefined
        })
      },
      observe(event) {
        if (event !== 'epochStart') return
        usage.reset()
        Object.assign(sums, { load: 0, dispersion: 0, distance: 0, steps: 0 })
      },
      metrics() {
        const n = Math.max(1, sums.steps)
        return {
          capacity: head?.capacity(env.modalities.length) ?? 0,
          'fol.load': sums.load / n,
          'fol.dispersion': sums.dispersion / n,
          'fol.distance': sums.distance / n,
          ...usage.metrics(),
        }
      },
    }
  },
})
