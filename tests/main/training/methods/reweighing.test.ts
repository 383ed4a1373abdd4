import { describe, expect, it } from 'vitest'
import reweighing from '../../../../src/main/training/methods/reweighing/index'
import { reweighingTable, sampleWeights } from '../../../../src/main/training/methods/reweighing/weights'
import { createRng } from '../../../../src/main/util/rng'
import { fakeEnv } from './fake-step'

describe('Kamiran–Calders reweighing table (Knowl. Inf. Syst. 2012, §5.2: W = P(y)P(g)/P(y,g))', () => {
  // 8 known samples: group 0 has labels 0,0,0,1; group 1 has 0,1,1,1. n_y = [4,4], n_g = [4,4].
  //   W(0,0) = 4·4/(8·3) = 2/3, W(1,0) = 4·4/(8·1) = 2, W(0,1) = 2, W(1,1) = 2/3.
  // A 9th sample with unknown group is not counted and keeps weight 1.
  const labels = [0, 0, 0, 1, 0, 1, 1, 1, 1]
  const groups = [0, 0, 0, 0, 1, 1, 1, 1, -1]

  it('matches the hand-computed table', () => {
    const t = reweighingTable(labels, groups, 2, 2)
    expect(t[0]![0]).toBeCloseTo(2 / 3, 12)
    expect(t[1]![0]).toBe(2)
    expect(t[0]![1]).toBe(2)
    expect(t[1]![1]).toBeCloseTo(2 / 3, 12)
  })

  it('makes label and group independent in the weighted data', () => {
    const w = sampleWeights(labels, groups, reweighingTable(labels, groups, 2, 2))
    expect(w[8]).toBe(1)
    // Weighted mass per cell = n_y·n_g/n = 2 for every cell → P_w(y | g) = 1/2 in both groups.
    const mass = [[0, 0], [0, 0]]
    labels.forEach((y, i) => {
      if (groups[i]! >= 0) mass[y]![groups[i]!]! += w[i]!
    })
    for (const row of mass) for (const m of row) expect(m).toBeCloseTo(2, 6)
  })

  it('multiplies the incoming plan weights in planEpoch', () => {
    const env = fakeEnv({ classCounts: [4, 5], attributes: [{ name: 'sex', groups: ['a', 'b'], counts: [4, 4] }] })
    const inst = reweighing.create(reweighing.options.parse({}), env)
    const plan = inst.planEpoch!(
      { indices: Int32Array.from([3, 3, 8]), weights: Float32Array.from([1, 0.5, 2]) },
      { epoch: 1, totalEpochs: 1, labels: Int32Array.from(labels), numClasses: 2, groups: [Int32Array.from(groups)], rng: createRng(1) },
    )
    expect(Array.from(plan.weights!)).toEqual([2, 1, 2])
  })

  it('refuses an unknown attribute by name', () => {
    const env = fakeEnv({ classCounts: [4, 5], attributes: [{ name: 'sex', groups: ['a', 'b'], counts: [4, 4] }] })
    expect(() => reweighing.create(reweighing.options.parse({ attribute: 'race' }), env)).toThrow(/no attribute "race"/)
  })
})
