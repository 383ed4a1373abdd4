/**
 * MultiFair: coefficient formulas against hand-computed values (reference: Zubair063/MultiFair
 * multiFair_FairVision.py / multifair_models.py, methods.md §3.3), one full step through the method
 * instance, and the gradient behaviour of the two modes (tf.grad: code-faithful terms have none).
 */
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../../src/main/training/engine/backend'
import type { GradientView, MethodEnv, StepView } from '../../../../src/main/training/engine/method'
import multifair from '../../../../src/main/training/methods/multifair/index'
import { batchAuc, emaGap, groupFactor, modalityCoefficients, surrogateAuc } from '../../../../src/main/training/methods/multifair/statistics'
import { directionTerm, groupGapPenalty } from '../../../../src/main/training/methods/multifair/terms'

beforeAll(async () => {
  await initBackend('cpu')
})

describe('statistics (hand-computed)', () => {
  it('coeff_m = (S − |Δ_m|)/S with S = Σ|Δ| + 1e-8 (1e-8 in the numerator as in the code)', () => {
    // Δ = [0.1, −0.3]: S = 0.4 → coeff = [0.3/0.4, 0.1/0.4] = [0.75, 0.25]
    const c = modalityCoefficients([0.1, -0.3])
    expect(c[0]).toBeCloseTo(0.75, 7)
    expect(c[1]).toBeCloseTo(0.25, 7)
    // No change at all → 1 each (the code), not 0
    expect(modalityCoefficients([0, 0])).toEqual([1, 1])
    // M = 3, Δ = [0.1, 0.2, 0.3]: S = 0.6 → [5/6, 4/6, 3/6]; paper-intent ÷ (M − 1) = 2 → [5/12, 4/12, 3/12]
    const lit = modalityCoefficients([0.1, 0.2, 0.3])
    const norm = modalityCoefficients([0.1, 0.2, 0.3], true)
    ;[5 / 6, 4 / 6, 3 / 6].forEach((v, m) => expect(lit[m]).toBeCloseTo(v, 7))
    ;[5 / 12, 4 / 12, 3 / 12].forEach((v, m) => expect(norm[m]).toBeCloseTo(v, 7))
  })

  it('F_m = Σ_g π_g (1 + β(avg − E_g)/τ), and the two-group closed form of methods.md §3.3', () => {
    // E = [0.6, 0.4], π = [0.75, 0.25], β 0.3, τ 0.04: f = [1 − 0.75, 1 + 0.75] → 0.75·0.25 + 0.25·1.75 = 0.625
    expect(groupFactor([0.6, 0.4], [3, 1], 0.3, 0.04)).toBeCloseTo(0.625, 10)
    // closed form 1 + β/(2τ)·(E_f − E_m)(π_m − π_f) = 1 + 3.75·(−0.2)·0.5 = 0.625
    expect(1 + (0.3 / 0.08) * (0.4 - 0.6) * (0.75 - 0.25)).toBeCloseTo(0.625, 10)
    // no known rows: π all 0 (the reference divides by 1) → 0
    expect(groupFactor([0.6, 0.4], [0, 0], 0.3, 0.04)).toBe(0)
  })

  it('surrogate AUC = 1 − mean log(1 + exp(−(p_i − p_j)))', () => {
    // pos {0.9}, neg {0.4, 0.7}: log(1 + e^−0.5) = 0.47407698, log(1 + e^−0.2) = 0.59813887 → 1 − 0.53610793
    const probs = [0.1, 0.9, 0.6, 0.4, 0.3, 0.7] // rows of [P(0), P(1)]
    expect(surrogateAuc(probs, [1, 0, 0], 2, [0, 1, 2])).toBeCloseTo(0.46389207, 7)
    expect(surrogateAuc(probs, [1, 1, 1], 2, [0, 1, 2])).toBeNull()
  })

  it('batch AUC with ties (scikit-learn roc_auc_score docs example: 0.75)', () => {
    const p1 = [0.1, 0.4, 0.35, 0.8]
    const probs = p1.flatMap((p) => [1 - p, p])
    expect(batchAuc(probs, [0, 0, 1, 1], 2)).toBeCloseTo(0.75, 12)
    expect(batchAuc([0.5, 0.5, 0.5, 0.5].flatMap((p) => [1 - p, p]), [0, 1, 0, 1], 2)).toBeCloseTo(0.5, 12)
  })

  it('gap = mean_{m,g} |E_{m,g} − avg_m|', () => {
    expect(emaGap([[0.6, 0.4], [0.5, 0.5]])).toBeCloseTo(0.05, 12)
  })
})

// One batch: y, group; head 0 separates the classes, head 1 is flat; the fused head is right on
// group 0 and inverted on group 1 (group AUC spread 1 > τ → priority).
const y = [1, 0, 1, 0, 1, 0]
const sex = [0, 0, 0, 0, 1, 1]
const logit = (p: number): number[] => [0, Math.log(p / (1 - p))]
const head0 = [0.9, 0.1, 0.8, 0.2, 0.6, 0.4].map(logit)
const head1 = y.map(() => logit(0.5))
const fused = [0.9, 0.1, 0.8, 0.2, 0.3, 0.7].map(logit)

const env: MethodEnv = {
  numClasses: 2,
  classCounts: [3, 3],
  modalities: [{ name: 'a', features: 2 }, { name: 'b', features: 2 }],
  totalEpochs: 1,
  batchSize: 6,
  seed: 1,
  attributes: [{ name: 'sex', groups: ['F', 'M'], counts: [4, 2] }],
}

function step(fusedLogits: tf.Tensor2D, classifiers?: StepView['classifiers']): StepView {
  return {
    batch: {
      inputs: [tf.zeros([6, 2]), tf.zeros([6, 2])],
      targets: tf.oneHot(y, 2).toFloat() as tf.Tensor2D,
      weights: tf.ones([6]),
      labels: Int32Array.from(y),
      indices: Int32Array.from(y, (_, i) => i),
      groups: [Int32Array.from(sex)],
    },
    output: { logits: fusedLogits, features: [tf.zeros([6, 2]), tf.zeros([6, 2])], unimodalLogits: [tf.tensor2d(head0), tf.tensor2d(head1)] },
    epoch: 1,
    step: 1,
    numClasses: 2,
    ...(classifiers ? { classifiers } : {}),
  }
}

describe('one step through the instance (code-faithful, both levels)', () => {
  it('computes coeff_m, E_{m,g}, F_m, priority, the constant gap term and scales only encoder gradients', () => {
    const inst = multifair.create(multifair.options.parse({ clipNorm: 0 }), env)
    const s = step(tf.tensor2d(fused))
    const extra = inst.extraLoss!(s)!
    // Hand values (python, from the formulas in the docblock):
    // Δ = [1 − 0.5, 0.5 − 0.5] → coeff = [1e-8/(0.5 + 1e-8), 1] = [2e-8, 1]
    // SAUC head0: F {0.9,0.8 vs 0.1,0.2} 0.59625982, M {0.6 vs 0.4} 0.40186113; head1: 1 − ln 2 = 0.30685282
    // E = 0.45 + 0.1·SAUC → head0 [0.50962598, 0.49018611], head1 [0.48068528, 0.48068528]
    // F_0 = ⅔(1 + 7.5(avg − E_F)) + ⅓(1 + 7.5(avg − E_M)) = 0.97570016; F_1 = 1
    // gap = (2 · 0.00971994)/4 = 0.00485997 → term 0.5 · gap = 0.00242998 (a constant)
    expect(extra.dataSync()[0]).toBeCloseTo(0.00242998, 7)
    const grads = { 'p/enc0/dense0/W': tf.ones([2, 2]), 'p/enc1/dense0/W': tf.ones([2, 2]), 'p/uni1/W': tf.ones([2, 2]), 'p/cls/W': tf.ones([4, 2]) }
    const uniVar = { W: { name: 'p/uni1/W' }, b: { name: 'p/uni1/b' } } as unknown as { W: tf.Variable; b: tf.Variable }
    const view: GradientView = {
      ...s,
      classifiers: { unimodal: [{ W: { name: 'p/uni0/W' }, b: { name: 'p/uni0/b' } } as unknown as { W: tf.Variable; b: tf.Variable }, uniVar] },
      modalityOfVariable: new Map([
        ['p/enc0/dense0/W', 0],
        ['p/enc1/dense0/W', 1],
        ['p/uni1/W', 1],
      ]),
    }
    const out = inst.modulateGradients!(grads, view)
    // scale_m = ρ · coeff_m · F_m (priority): [1.2 · 2e-8 · 0.9757, 1.2 · 1 · 1]
    expect(out['p/enc0/dense0/W']!.dataSync()[0]).toBeCloseTo(1.2 * 2e-8 * 0.97570016, 12)
    expect(out['p/enc1/dense0/W']!.dataSync()[0]).toBeCloseTo(1.2, 6)
    expect(out['p/uni1/W']!.dataSync()[0]).toBe(1) // unimodal heads are not scaled
    expect(out['p/cls/W']!.dataSync()[0]).toBe(1) // fusion not scaled
    const m = inst.metrics!()
    expect(m['coeff.0']).toBeCloseTo(2e-8, 12)
    expect(m['coeff.1']).toBeCloseTo(1, 7)
    expect(m['F.0']).toBeCloseTo(0.97570016, 6)
    expect(m['F.1']).toBeCloseTo(1, 7)
    expect(m['ema.0.F']).toBeCloseTo(0.50962598, 7)
    expect(m['ema.0.M']).toBeCloseTo(0.49018611, 7)
    expect(m['ema.1.F']).toBeCloseTo(0.48068528, 7)
    expect(m.priority).toBe(1)
    expect(m.fusedGap).toBeCloseTo(1, 12)
    expect(m['lgm.hasGradient']).toBe(0)
    expect(m['fairness.hasGradient']).toBe(0)
  })

  it('keeps state across steps (A(t−1), E) and round-trips it', () => {
    const a = multifair.create(multifair.options.parse({}), env)
    a.extraLoss!(step(tf.tensor2d(fused)))
    const b = multifair.create(multifair.options.parse({}), env)
    b.loadState!(JSON.parse(JSON.stringify(a.saveState!())))
    expect(b.saveState!()).toEqual(a.saveState!())
    expect((a.saveState!() as { prevAuc: number[] }).prevAuc).toEqual([1, 0.5])
  })

  it('refuses a non-binary attribute in code-faithful mode, accepts it in paper-intent', () => {
    const env3 = { ...env, attributes: [{ name: 'race', groups: ['a', 'b', 'c'], counts: [2, 2, 2] }] }
    expect(() => multifair.create(multifair.options.parse({}), env3)).toThrow(/binary/)
    expect(() => multifair.create(multifair.options.parse({ mode: 'paper-intent' }), env3)).not.toThrow()
  })
})

describe('gradients: code-faithful terms have none, paper-intent terms do (tf.grad)', () => {
  it('code-faithful: the loss terms do not depend on the fused logits (tf.grad finds no path)', () => {
    const inst = multifair.create(multifair.options.parse({ mode: 'code-faithful' }), env)
    const f = (z: tf.Tensor): tf.Scalar => inst.extraLoss!(step(z as tf.Tensor2D))!
    expect(() => tf.grad(f)(tf.tensor2d(fused))).toThrow(/Cannot compute gradient/)
  })

  it('paper-intent: the group-gap penalty has a finite non-zero gradient in the fused logits', () => {
    const g = tf.grad((z: tf.Tensor) => groupGapPenalty(z as tf.Tensor2D, y, [[0, 1, 2, 3], [4, 5]])!)(tf.tensor2d(fused))
    const v = Array.from(g.dataSync())
    expect(v.every(Number.isFinite)).toBe(true)
    expect(Math.max(...v.map(Math.abs))).toBeGreaterThan(1e-3)
    // Through the instance too (paper-intent, penalty on every step):
    const inst = multifair.create(multifair.options.parse({ mode: 'paper-intent', groupPenalty: 'always', modalityLevel: false }), env)
    const gi = tf.grad((z: tf.Tensor) => inst.extraLoss!(step(z as tf.Tensor2D))!)(tf.tensor2d(fused))
    expect(Math.max(...Array.from(gi.dataSync()).map(Math.abs))).toBeGreaterThan(1e-3)
  })

  it('paper-intent: the direction term L_gm has gradients in the unimodal and fusion weights', () => {
    const uni = [tf.variable(tf.tensor2d([[1, 0], [0, 1]])), tf.variable(tf.tensor2d([[0, 1], [1, 0]]))]
    const fus = tf.variable(tf.tensor2d([[1, 0.5], [0.2, 1], [0.3, -1], [1, 0]]))
    // L_gm by hand for coeff = [0.5, 0.5]: cos(uni0, fus[0:2]) = (1 + 1)/(√2 · √2.29) = 0.93453;
    // cos(uni1, fus[2:4]) = (−1 + 1)/(…) = 0 → (1 − 0.5·0.93453 − 0)/2 = 0.26637
    const value = directionTerm([0.5, 0.5], [{ uni: uni[0]!, fusion: tf.slice(fus, [0, 0], [2, 2]) }, { uni: uni[1]!, fusion: tf.slice(fus, [2, 0], [2, 2]) }])
    expect(value.dataSync()[0]).toBeCloseTo((1 - 0.5 * (2 / (Math.SQRT2 * Math.sqrt(2.29)))) / 2, 5)
    const { grads } = tf.variableGrads(
      () => directionTerm([0.5, 0.5], [{ uni: uni[0]!, fusion: tf.slice(fus, [0, 0], [2, 2]) }, { uni: uni[1]!, fusion: tf.slice(fus, [2, 0], [2, 2]) }]),
      [...uni, fus],
    )
    for (const v of [...uni, fus]) expect(Math.max(...Array.from(grads[v.name]!.dataSync()).map(Math.abs))).toBeGreaterThan(1e-3)
    // Through the instance: classifiers present → L_gm in the loss with a gradient in the unimodal weights
    const inst = multifair.create(multifair.options.parse({ mode: 'paper-intent', groupLevel: false }), env)
    const classifiers = { unimodal: uni.map((W) => ({ W, b: tf.variable(tf.zeros([2])) })), fusionBlock: (m: number) => ({ W: tf.slice(fus, [2 * m, 0], [2, 2]) as tf.Tensor2D, b: tf.zeros([2]) as tf.Tensor1D }) }
    const r = tf.variableGrads(() => inst.extraLoss!(step(tf.tensor2d(fused), classifiers))!, [...uni, fus])
    // coeff = [2e-8, 1] on this batch (see above): modality 1's pair carries the gradient
    expect(Math.max(...Array.from(r.grads[uni[1]!.name]!.dataSync()).map(Math.abs))).toBeGreaterThan(1e-3)
    expect(inst.metrics!()['lgm.hasGradient']).toBe(1)
  })
})
