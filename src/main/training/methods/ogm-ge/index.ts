/** ogm-ge: on-the-fly gradient modulation with generalisation enhancement (stage `modulateGradients`). */
import * as tf from '@tensorflow/tfjs'
import { z } from 'zod'
import { AppFailure } from '../../../../shared/result'
import { createRng, deriveSeed } from '../../../util/rng'
import type { GradientView } from '../../engine/method'
import { defineMethod } from '../../engine/method'
import { encoderModalities, isKernel } from '../../engine/modality-grads'
import { inWindow, modalityScore, ogmCoefficient, sampleStd, scoreRatios } from './ogm'

const options = z.object({
  alpha: z.number().min(0).max(10).default(0.1).describe('α in k = 1 − tanh(α·ρ): README default 0.1 (VGGSound); 0.8 recommended for CREMA-D; BalanceMM uses 0.3'),
  startEpoch: z.number().int().min(1).default(1).describe('First epoch (1-based, inclusive) of the modulation window; the code default 0 (0-based) is epoch 1'),
  endEpoch: z.number().int().min(1).default(51).describe('Last epoch (1-based, inclusive) of the window; the code default 50 (0-based) is epoch 51'),
  noise: z.boolean().default(true).describe('Generalisation enhancement: add N(0, std(g)²) to each modulated gradient (OGM-GE); off = plain OGM'),
  coefficient: z
    .enum(['paper', 'continuous'])
    .default('paper')
    .describe('paper: k = 1 − tanh(α·ρ) for ρ > 1 (Eq. 10 as coded, jumps at ρ = 1); continuous: k = 1 − tanh(α·(ρ − 1))'),
  score: z
    .enum(['auto', 'fusion-blocks', 'unimodal-heads'])
    .default('auto')
    .describe('Where s_m comes from: the fusion classifier block of modality m (paper, early/late fusion), the unimodal heads, or auto (blocks when the fusion has them, else heads)'),
  scope: z.enum(['kernels', 'all']).default('kernels').describe('Encoder gradients modulated: weight matrices only (the code: conv kernels) or weights and biases'),
})

type Options = z.output<typeof options>

/** Per-modality logits z_m as plain numbers, from the fusion block (z_m = f_m W_m + b/M) or the unimodal head. */
function modalityLogits(view: GradientView, o: Options): Float32Array[] {
  const M = view.output.features.length
  const block = view.classifiers?.fusionBlock
  const useBlocks = o.score === 'fusion-blocks' || (o.score === 'auto' && block !== undefined)
  if (useBlocks) {
    if (!block) {
      throw AppFailure.of('VALIDATION', 'ogm-ge: score "fusion-blocks" needs early or late fusion (this fusion has no per-modality classifier block); use score "unimodal-heads" with model.unimodalHeads.', {
        location: { field: 'options.score' },
      })
    }
    return view.output.features.map((f, m) =>
      tf.tidy(() => {
        const { W, b } = block(m)
        return tf.add(tf.matMul(f, W), tf.div(b, M)).dataSync() as Float32Array
      }),
    )
  }
  const uni = view.output.unimodalLogits
  if (!uni) {
    throw AppFailure.of('VALIDATION', 'ogm-ge: this model has no per-modality classifier block (attention or a method head), so the scores need unimodal heads: set model.unimodalHeads to true.', {
      location: { field: 'model.unimodalHeads' },
    })
  }
  return uni.map((z) => z.dataSync() as Float32Array)
}

export default defineMethod({
  id: 'ogm-ge',
  title: 'OGM-GE (on-the-fly gradient modulation)',
  summary: "Slows the dominant modality's encoder by 1 − tanh(α·ρ) of its score ratio to the weakest modality, plus Gaussian gradient noise.",
  paper: 'Peng, Wei, Deng, Wang, Hu. Balanced Multimodal Learning via On-the-fly Gradient Modulation. CVPR 2022 (arXiv:2203.15332); code GeWu-Lab/OGM-GE_CVPR2022',
  kind: 'gradient',
  stages: ['modulateGradients'],
  options,
  create(o, env) {
    if (o.endEpoch < o.startEpoch) {
      throw AppFailure.of('VALIDATION', `ogm-ge: endEpoch (${o.endEpoch}) is before startEpoch (${o.startEpoch}).`, { location: { field: 'options.endEpoch' } })
    }
    const M = env.modalities.length
    let epoch = 0
    let acc = { steps: 0, modulated: 0, score: new Array<number>(M).fill(0), ratio: new Array<number>(M).fill(0), coeff: new Array<number>(M).fill(0) }
    return {
      modulateGradients(grads, view) {
        if (view.epoch !== epoch) {
          epoch = view.epoch
          acc = { steps: 0, modulated: 0, score: acc.score.map(() => 0), ratio: acc.ratio.map(() => 0), coeff: acc.coeff.map(() => 0) }
        }
        const targets = view.batch.targets.dataSync() as Float32Array
        const b = view.batch.labels.length
        const scores = modalityLogits(view, o).map((z) => modalityScore(z, targets, view.numClasses))
        const ratios = scoreRatios(scores)
        const coeffs = ratios.map((r) => ogmCoefficient(r, o.alpha, o.coefficient))
        acc.steps++
        scores.forEach((s, m) => {
          acc.score[m]! += s / b
          acc.ratio[m]! += ratios[m]!
          acc.coeff[m]! += coeffs[m]!
        })
        if (!inWindow(view.epoch, o.startEpoch, o.endEpoch)) return grads
        acc.modulated++
        const rng = createRng(deriveSeed(env.seed, 'ogm-ge', view.epoch, view.step))
        const out: tf.NamedTensorMap = { ...grads }
        const encoders = [...encoderModalities(view)].sort(([a], [c]) => a.localeCompare(c))
        for (const [name, m] of encoders) {
          const g = grads[name]
          if (!g || (o.scope === 'kernels' && !isKernel(name))) continue
          const scaled = tf.mul(g, coeffs[m]!)
          if (!o.noise) {
            out[name] = scaled
            continue
          }
          // GE: fresh N(0, σ²) with σ = std of the modulated gradient + 1e-8 (main.py: std() after `grad *= coeff`).
          const values = scaled.dataSync() as Float32Array
          const sigma = sampleStd(values) + 1e-8
          const noise = Float32Array.from(values, () => rng.normal() * sigma)
          out[name] = tf.add(scaled, tf.tensor(noise, g.shape))
        }
        return out
      },
      metrics() {
        if (acc.steps === 0) return {}
        const out: Record<string, number> = { modulatedSteps: acc.modulated / acc.steps }
        for (let m = 0; m < M; m++) {
          out[`score.${m}`] = acc.score[m]! / acc.steps
          out[`ratio.${m}`] = acc.ratio[m]! / acc.steps
          out[`coeff.${m}`] = acc.coeff[m]! / acc.steps
        }
        return out
      },
    }
  },
})
