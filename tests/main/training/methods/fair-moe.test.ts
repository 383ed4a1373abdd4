/**
 * Fair-MoE: top-k and capacity masks on a hand-built gate matrix (rules of LinjieT/Fair-MoE…
 * FairMoE.py `FairTokenMoE`, methods.md §4.3), the FOL variance terms by hand, and the head's
 * routing + usage logging.
 */
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../../src/main/training/engine/backend'
import type { HeadContext, MethodEnv, StepView } from '../../../../src/main/training/engine/method'
import { dispersionTerms } from '../../../../src/main/training/methods/fair-moe/fol'
import fairMoe from '../../../../src/main/training/methods/fair-moe/index'
import { capacityMask, expertCapacity, routingMask, topKMask } from '../../../../src/main/training/methods/fair-moe/routing'

beforeAll(async () => {
  await initBackend('cpu')
})

// 3 tokens × 2 samples, 4 experts; rows token-major (row = t·2 + i).
const gate = [
  [0.4, 0.3, 0.2, 0.1], // t0 i0
  [0.1, 0.2, 0.3, 0.4], // t0 i1
  [0.5, 0.1, 0.1, 0.3], // t1 i0
  [0.25, 0.25, 0.25, 0.25], // t1 i1 (ties → lower index)
  [0.1, 0.6, 0.2, 0.1], // t2 i0
  [0.3, 0.1, 0.5, 0.1], // t2 i1
].flat()

describe('routing masks (hand-built gate)', () => {
  it('top-2 per token', () => {
    expect(Array.from(topKMask(gate, 6, 4, 2))).toEqual([1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0])
  })

  it('capacity 1 per (sample, expert) along the token axis, on the top-k-masked weights', () => {
    // masked weights: i0 tokens (rows 0,2,4): e0 [.4,.5,0] → t1; e1 [.3,0,.6] → t2; e2 [0,0,.2] → t2; e3 [0,.3,0] → t1
    //                 i1 tokens (rows 1,3,5): e0 [0,.25,.3] → t2; e1 [0,.25,0] → t1; e2 [.3,0,.5] → t2; e3 [.4,0,0] → t0
    const top = topKMask(gate, 6, 4, 2)
    const kept = top.map((m, j) => m * gate[j]!)
    expect(Array.from(capacityMask(kept, 3, 2, 4, 1))).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0])
    // top-k ⊙ capacity: token 0 of sample 0 keeps no expert at all
    expect(Array.from(routingMask(gate, 3, 2, 4, 2, 1))).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0])
  })

  it('capacity = max(1, ⌊tokens·C·k/E⌋): the reference 197·0.8·3/10 → 47', () => {
    expect(expertCapacity(197, 0.8, 3, 10)).toBe(47)
    expect(expertCapacity(3, 0.8, 3, 10)).toBe(1)
    expect(expertCapacity(10, 0.8, 3, 4)).toBe(6)
  })
})

describe('FOL variance terms (hand-computed)', () => {
  // O rows with groups [0, 0, 1, 1]; column 1 = 1 − column 0, so both columns share a variance.
  // batch col0 [.1,.5,.4,.6]: mean .4, Σdev² = .14 → unbiased .0466667
  // group 0 [.1,.5] → .08; group 1 [.4,.6] → .02
  const O = [
    [0.1, 0.9],
    [0.5, 0.5],
    [0.4, 0.6],
    [0.6, 0.4],
  ]
  const run = (mode: 'code' | 'paper') =>
    tf.tidy(() => {
      const t = dispersionTerms(tf.tensor2d(O), [0, 0, 1, 1], 2, mode, true)
      return { load: t.load!.dataSync()[0]!, dispersion: t.dispersion!.dataSync()[0]! }
    })

  it('load = −mean_j Var_batch; code dispersion Σ_g (mean_j Var_g − mean_j Var_batch)²', () => {
    const r = run('code')
    expect(r.load).toBeCloseTo(-0.0466667, 6)
    // (.08 − .0466667)² + (.02 − .0466667)² = .00111111 + .00071111
    expect(r.dispersion).toBeCloseTo(0.00182222, 7)
  })

  it('paper dispersion Σ_g Σ_j (Var_batch,j − Var_g,j)²', () => {
    expect(run('paper').dispersion).toBeCloseTo(2 * 0.00111111 + 2 * 0.00071111, 7)
  })

  it('group sides have no gradient when detached; the batch side does', () => {
    const g = tf.grad((o: tf.Tensor) => dispersionTerms(o as tf.Tensor2D, [0, 0, 1, 1], 2, 'code', true).dispersion!)(tf.tensor2d(O))
    expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true)
    expect(Math.max(...Array.from(g.dataSync()).map(Math.abs))).toBeGreaterThan(1e-4)
  })

  it('skips groups with < 2 rows (no NaN), unknown rows only in the batch side', () => {
    const t = tf.tidy(() => {
      const r = dispersionTerms(tf.tensor2d(O), [0, -1, -1, 1], 2, 'code', true)
      return r.dispersion
    })
    expect(t).toBeUndefined()
  })
})

describe('head + instance', () => {
  const env: MethodEnv = {
    numClasses: 2,
    classCounts: [3, 3],
    modalities: [{ name: 'a', features: 4 }, { name: 'b', features: 4 }, { name: 'c', features: 4 }],
    totalEpochs: 1,
    batchSize: 6,
    seed: 1,
    attributes: [{ name: 'sex', groups: ['F', 'M'], counts: [3, 3] }],
  }
  let n = 0
  const ctx: HeadContext = {
    featureSizes: [4, 4, 4],
    numClasses: 2,
    initWeights: (name, fanIn, fanOut) => tf.variable(tf.randomUniform([fanIn, fanOut], -0.5, 0.5, 'float32', 7 + n++), true, `moe-test-${n}/${name}`),
    zeros: (name, shape) => tf.variable(tf.zeros(shape), true, `moe-test-${n++}/${name}`),
  }

  it('routes with top-k + capacity, keeps training gates for the loss, and logs usage per group', () => {
    const inst = fairMoe.create(fairMoe.options.parse({ experts: 4, topK: 2, lambdaFair: 1, lambdaMoe: 1 }), env)
    const head = inst.buildHead!(ctx)
    const features = [0, 1, 2].map((m) => tf.randomNormal([6, 4], 0, 1, 'float32', 3 + m) as tf.Tensor2D)
    const logits = head.apply(features, true)
    expect(logits.shape).toEqual([6, 2])
    const y = [0, 1, 0, 1, 0, 1]
    const s: StepView = {
      batch: {
        inputs: [],
        targets: tf.oneHot(y, 2).toFloat() as tf.Tensor2D,
        weights: tf.ones([6]),
        labels: Int32Array.from(y),
        indices: Int32Array.from(y, (_, i) => i),
        groups: [Int32Array.from([0, 0, 0, 1, 1, -1])],
      },
      output: { logits, features },
      epoch: 1,
      step: 1,
      numClasses: 2,
    }
    const loss = inst.extraLoss!(s)!
    expect(Number.isFinite(loss.dataSync()[0]!)).toBe(true)
    const m = inst.metrics!()
    // capacity = max(1, ⌊3·0.8·2/4⌋) = 1: each expert takes ≤ 1 token per sample → ≤ 6 of 18 tokens
    expect(m.capacity).toBe(1)
    for (let e = 0; e < 4; e++) expect(m[`kept.${e}`]).toBeLessThanOrEqual(6 / 18)
    const usageF = [0, 1, 2, 3].map((e) => m[`usage.sex.F.${e}`]!)
    expect(usageF.every((u) => u >= 0 && u <= 1)).toBe(true)
    const fF = m['featureUsage.sex.F.0']! + m['featureUsage.sex.F.1']!
    expect(fF).toBeCloseTo(1, 5) // dense softmax gate
    // inference forward does not leave gates behind
    head.apply(features, false)
    expect(inst.extraLoss!(s)).toBeUndefined()
  })
})
