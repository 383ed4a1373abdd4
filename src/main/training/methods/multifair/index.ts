/** multifair: dual-level (modality + group) gradient modulation, code-faithful or paper-intent (stages `extraLoss`, `modulateGradients`). */
import * as tf from '@tensorflow/tfjs'
import { AppFailure } from '../../../../shared/result'
import { resolveAttribute } from '../../engine/group-distance'
import { defineMethod, type JsonValue } from '../../engine/method'
import { initialState, MultiFairController, type MultiFairState, type StepRecord } from './controller'
import { multifairOptions } from './options'

const sqNorm = (t: tf.Tensor): number => tf.tidy(() => (tf.sum(tf.square(t)).dataSync() as Float32Array)[0]!)

export default defineMethod({
  id: 'multifair',
  title: 'MultiFair (modality + group gradient modulation)',
  summary: 'Scales each modality encoder’s gradients by its AUC-progress coefficient and, on steps with a group AUC gap, by a group factor; optional fairness and direction terms.',
  paper: 'Zubair et al. MultiFair: Multimodal Balanced Learning for Fair Medical Classification with Dual-Level Gradient Modulation. arXiv:2510.07328 (code: Zubair063/MultiFair)',
  kind: 'gradient',
  stages: ['extraLoss', 'modulateGradients', 'observe'],
  options: multifairOptions,
  requires: { unimodalHeads: 'MultiFair reads each modality’s unimodal-head AUC (modality coefficients) and surrogate group AUCs (group factors).' },
  create(o, env) {
    const M = env.modalities.length
    let attribute: { index: number; groups: number } | undefined
    if (o.groupLevel) {
      const index = resolveAttribute(env, o.attribute, 'multifair (group level)', 'options.attribute')
      const groups = env.attributes[index]!.groups.length
      if (o.mode === 'code-faithful' && groups !== 2) {
        throw AppFailure.of(
          'VALIDATION',
          `multifair code-faithful group level is binary (as the reference code); attribute "${env.attributes[index]!.name}" has ${groups} groups. Use mode "paper-intent" for K groups.`,
          { location: { field: 'options.mode' } },
        )
      }
      attribute = { index, groups }
    }
    const groupNames = attribute ? env.attributes[attribute.index]!.groups : []
    const ctl = new MultiFairController(o, M, attribute)

    // Epoch accumulators (means over steps).
    let steps = 0
    let sums: Record<string, number> = {}
    const add = (key: string, v: number): void => {
      sums[key] = (sums[key] ?? 0) + v
    }
    const record = (r: StepRecord): void => {
      steps++
      r.coeff.forEach((c, m) => add(`coeff.${m}`, c))
      r.delta.forEach((d, m) => add(`delta.${m}`, d))
      r.factor.forEach((f, m) => add(`F.${m}`, f))
      r.scale.forEach((s, m) => add(`scale.${m}`, s))
      add('priority', r.priority ? 1 : 0)
      if (r.fusedGap !== null) {
        add('fusedGap', r.fusedGap)
        add('fusedGap.n', 1)
      }
      add('lgm', r.lgm)
      add(o.mode === 'code-faithful' ? 'gap' : 'penalty', r.fairness)
      add('fairnessApplied', r.fairnessApplied ? 1 : 0)
    }

    return {
      extraLoss(step) {
        if (!step.output.unimodalLogits) {
          throw AppFailure.of('VALIDATION', 'multifair needs unimodal heads: set model.unimodalHeads to true.', { location: { field: 'model.unimodalHeads' } })
        }
        return tf.tidy(() => ctl.extraLoss(step))
      },
      modulateGradients(grads, view) {
        const r = ctl.last
        if (!r) return grads
        record(r)
        const heads = new Set((view.classifiers?.unimodal ?? []).map((u) => u.W.name).concat((view.classifiers?.unimodal ?? []).map((u) => u.b.name)))
        const out: tf.NamedTensorMap = {}
        const before = new Array<number>(M).fill(0)
        const after = new Array<number>(M).fill(0)
        for (const [name, g] of Object.entries(grads)) {
          const m = view.modalityOfVariable.get(name)
          // Only encoder variables (the reference scales encoders, not the unimodal heads).
          if (m === undefined || heads.has(name) || r.scale[m] === undefined) {
            out[name] = g
            continue
          }
          const n = sqNorm(g)
          before[m] = before[m]! + n
          after[m] = after[m]! + n * r.scale[m]! * r.scale[m]!
          out[name] = tf.mul(g, r.scale[m]!)
        }
        before.forEach((b, m) => (add(`gradNorm.${m}.before`, Math.sqrt(b)), add(`gradNorm.${m}.after`, Math.sqrt(after[m]!))))
        ctl.last = undefined
        if (o.clipNorm <= 0) return out
        // torch.nn.utils.clip_grad_norm_: × max_norm / (total + 1e-6) when that is < 1.
        const total = Math.sqrt(Object.values(out).reduce((s, g) => s + sqNorm(g), 0))
        const coef = o.clipNorm / (total + 1e-6)
        if (coef >= 1) return out
        add('clipped', 1)
        return Object.fromEntries(Object.entries(out).map(([k, g]) => [k, tf.mul(g, coef)]))
      },
      observe(event) {
        if (event !== 'epochStart') return
        steps = 0
        sums = {}
      },
      metrics() {
        const mean = (k: string, n = steps): number => (n > 0 ? (sums[k] ?? 0) / n : 0)
        const out: Record<string, number> = {
          faithful: o.mode === 'code-faithful' ? 1 : 0,
          priority: mean('priority'),
          fusedGap: mean('fusedGap', sums['fusedGap.n'] ?? 0),
          lgm: mean('lgm'),
          'lgm.hasGradient': o.modalityLevel && o.mode === 'paper-intent' && o.lambdaGm > 0 ? 1 : 0,
          'fairness.hasGradient': o.groupLevel && o.mode === 'paper-intent' ? 1 : 0,
          fairnessApplied: mean('fairnessApplied'),
          clipped: mean('clipped'),
        }
        out[o.mode === 'code-faithful' ? 'gap' : 'penalty'] = mean(o.mode === 'code-faithful' ? 'gap' : 'penalty')
        for (let m = 0; m < M; m++) {
          for (const k of ['coeff', 'delta', 'F', 'scale']) if (`${k}.${m}` in sums) out[`${k}.${m}`] = mean(`${k}.${m}`)
          out[`gradNorm.${m}.before`] = mean(`gradNorm.${m}.before`)
          out[`gradNorm.${m}.after`] = mean(`gradNorm.${m}.after`)
          out[`auc.${m}`] = ctl.state.prevAuc[m]!
          groupNames.forEach((g, j) => (out[`ema.${m}.${g}`] = ctl.state.ema[m]![j]!))
        }
        return out
      },
      saveState: () => ctl.state as unknown as JsonValue,
      loadState(state) {
        const s = state as unknown as MultiFairState
        const fresh = initialState(M, attribute?.groups ?? 0)
        ctl.state = { prevAuc: s.prevAuc ?? fresh.prevAuc, lastValidAuc: s.lastValidAuc ?? fresh.lastValidAuc, smoothDelta: s.smoothDelta ?? fresh.smoothDelta, ema: s.ema ?? fresh.ema }
      },
    }
  },
})
