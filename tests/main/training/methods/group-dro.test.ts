import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../../src/main/training/engine/backend'
import groupDro from '../../../../src/main/training/methods/group-dro/index'
import { groupOfRows, updateGroupWeights } from '../../../../src/main/training/methods/group-dro/dro'
import { fakeEnv, fakeStep } from './fake-step'

beforeAll(async () => {
  await initBackend('cpu')
})

describe('online group DRO update (Sagawa et al. 2020, Algorithm 1; group_DRO loss.py)', () => {
  it('matches the exponentiated-gradient step by hand', () => {
    // q = [0.5, 0.5], ℓ = [1, 0], η = 0.01: q ∝ [0.5·e^0.01, 0.5] → e^0.01/(e^0.01 + 1) = 1.0100502/2.0100502 = 0.5024999.
    const q = updateGroupWeights([0.5, 0.5], [1, 0], 0.01, [0, 0])
    expect(q[0]).toBeCloseTo(0.5024999, 6)
    expect(q[1]).toBeCloseTo(0.4975001, 6)
    // Adjustment C/√n_g acts like extra loss: ℓ = [0, 0], adj = [1, 0] gives the same step.
    expect(updateGroupWeights([0.5, 0.5], [0, 0], 0.01, [1, 0])).toEqual(q)
  })

  it('maps rows to groups, unknown values to their own group', () => {
    expect(Array.from(groupOfRows([0, 1, 1], [1, -1, 0], 2, 'attribute'))).toEqual([1, 2, 0])
    // label × attribute: y·(G+1) + (a+1): (0,1) → 2, (1,unknown) → 3, (1,0) → 4.
    expect(Array.from(groupOfRows([0, 1, 1], [1, -1, 0], 2, 'label-x-attribute'))).toEqual([2, 3, 4])
  })

  it('forms the loss Σ q_g ℓ_g with q updated on this batch first', () => {
    // Row 0: logits [0,0], y 0, group a → CE ln 2 = 0.693147. Row 1: logits [2,0], y 0, group b → ln(1 + e^−2) = 0.126928.
    // Unknown group absent (ℓ = 0). q0 = [1/3, 1/3, 1/3] → q ∝ [e^{0.01·0.693147}, e^{0.01·0.126928}, 1].
    const env = fakeEnv({ classCounts: [2, 0], attributes: [{ name: 'sex', groups: ['a', 'b'], counts: [1, 1] }] })
    const inst = groupDro.create(groupDro.options.parse({}), env)
    const l0 = Math.log(2)
    const l1 = Math.log(1 + Math.exp(-2))
    const raw = [Math.exp(0.01 * l0), Math.exp(0.01 * l1), 1]
    const total = raw[0]! + raw[1]! + raw[2]!
    const expected = (raw[0]! * l0 + raw[1]! * l1) / total
    const value = tf.tidy(() => {
      const step = fakeStep([[0, 0], [2, 0]], [0, 0])
      step.batch.groups = [Int32Array.from([0, 1])]
      return inst.loss!(step).dataSync()[0]!
    })
    expect(value).toBeCloseTo(expected, 5)
    const m = inst.metrics!()
    expect(m['q.a']).toBeCloseTo(raw[0]! / total, 6)
    expect(m['q.unknown']).toBeCloseTo(1 / total, 6)
  })

  it('saves and restores q', () => {
    const env = fakeEnv({ classCounts: [2, 2], attributes: [{ name: 'sex', groups: ['a', 'b'], counts: [2, 2] }] })
    const inst = groupDro.create(groupDro.options.parse({}), env)
    inst.loadState!({ q: [0.2, 0.3, 0.5] })
    expect(inst.saveState!()).toEqual({ q: [0.2, 0.3, 0.5] })
    expect(() => inst.loadState!({ q: [1] })).toThrow(/q of 3 numbers/)
  })
})
