/** random-undersampling: per-class counts, no repeats, seeded draws, the plan's weights carried along. */
import { describe, expect, it } from 'vitest'
import { undersample } from '../../../../src/main/training/methods/random-undersampling/undersample'
import method from '../../../../src/main/training/methods/random-undersampling/index'
import { createRng } from '../../../../src/main/util/rng'
import { fakeEnv } from './fake-step'

const labels = Int32Array.from([...new Array(10).fill(0), ...new Array(4).fill(1), ...new Array(7).fill(2)])

describe('undersample', () => {
  it('keeps the minority count of every class, without repeats', () => {
    const r = undersample(labels, 3, 1, createRng(1))
    expect(r.kept).toEqual([4, 4, 4])
    expect(new Set(r.positions).size).toBe(12)
    const perClass = [0, 0, 0]
    for (const p of r.positions) perClass[labels[p]!]!++
    expect(perClass).toEqual([4, 4, 4])
  })

  it('caps each class at ⌊ratio · minority⌋ and skips absent classes', () => {
    expect(undersample(labels, 3, 1.5, createRng(1)).kept).toEqual([6, 4, 6])
    expect(undersample(labels, 3, 10, createRng(1)).kept).toEqual([10, 4, 7])
    expect(undersample(Int32Array.from([0, 0, 0, 2, 2]), 3, 1, createRng(1)).kept).toEqual([2, 0, 2])
  })

  it('draws a different subset per seed, the same for the same seed, and every member eventually', () => {
    const pick = (seed: number) => Array.from(undersample(labels, 3, 1, createRng(seed)).positions).sort((a, b) => a - b)
    expect(pick(3)).toEqual(pick(3))
    expect(pick(3)).not.toEqual(pick(4))
    const seen = new Set<number>()
    for (let s = 0; s < 50; s++) for (const p of pick(s)) seen.add(p)
    expect(seen.size).toBe(labels.length)
  })
})

describe('random-undersampling instance', () => {
  it('maps plan entries through the plan, keeps their weights and logs the kept counts', () => {
    const inst = method.create(method.options.parse({}), fakeEnv({ classCounts: [10, 4, 7] }))
    const plan = { indices: Int32Array.from({ length: 21 }, (_, i) => 20 - i), weights: Float32Array.from({ length: 21 }, (_, i) => i) }
    const out = inst.planEpoch!(plan, { epoch: 1, totalEpochs: 3, labels, numClasses: 3, rng: createRng(2) })
    expect(out.indices).toHaveLength(12)
    out.indices.forEach((idx, k) => expect(out.weights![k]).toBe(20 - idx))
    expect(inst.metrics!()).toEqual({ kept: 12, 'kept.0': 4, 'kept.1': 4, 'kept.2': 4 })
  })
})
