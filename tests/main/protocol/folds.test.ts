import { describe, expect, it } from 'vitest'
import type { DatasetData } from '../../../src/shared/dataset'
import { Protocol, type Protocol as ProtocolT } from '../../../src/shared/experiment'
import { AppFailure } from '../../../src/shared/result'
import type { FoldSplit } from '../../../src/shared/training/job'
import { generateDemoDataset } from '../../../src/main/data/synthetic'
import { planFolds } from '../../../src/main/protocol/folds'
import { allocateValidation } from '../../../src/main/protocol/stratify'
import { createRng } from '../../../src/main/util/rng'
import { tinyDataset } from '../../helpers/tiny-dataset'

const protocol = (p: Partial<ProtocolT> = {}): ProtocolT => Protocol.parse(p)
const demo = generateDemoDataset({ seed: 11, samples: 600 })

function countBy(rows: Int32Array, key: (r: number) => number): Map<number, number> {
  const m = new Map<number, number>()
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1)
  return m
}

function expectPartition(data: DatasetData, folds: FoldSplit[]): void {
  const n = data.ids.length
  for (const f of folds) {
    const seen = new Uint8Array(n)
    for (const part of [f.train, f.val, f.test]) {
      for (const r of part) {
        expect(seen[r]).toBe(0) // disjoint: no row in two parts
        seen[r] = 1
      }
      expect([...part]).toEqual([...part].sort((a, b) => a - b))
    }
    expect(seen.every((s) => s === 1)).toBe(true) // the three parts cover the dataset
    expect(f.val.length).toBeGreaterThan(0)
  }
}

/** Every row in exactly one test fold of each repeat of k folds. */
function expectTestCoverage(n: number, folds: FoldSplit[], k: number): void {
  for (let r = 0; r < folds.length / k; r++) {
    const times = new Uint8Array(n)
    for (const f of folds.slice(r * k, r * k + k)) for (const i of f.test) times[i]!++
    expect(times.every((t) => t === 1)).toBe(true)
  }
}

/** Per key, the counts over the test folds of one repeat differ by at most 1. */
function expectBalanced(folds: FoldSplit[], key: (r: number) => number, keys: number[]): void {
  for (const k of keys) {
    const counts = folds.map((f) => countBy(f.test, key).get(k) ?? 0)
    expect(Math.max(...counts) - Math.min(...counts), `key ${k}: ${counts.join(',')}`).toBeLessThanOrEqual(1)
  }
}

describe('planFolds: stratified k-fold', () => {
  it('gives the per-class fold sizes of scikit-learn StratifiedKFold on a hand-built case', () => {
    // y = [1,0,1,0,1,0,1,0], k = 3. sklearn encodes classes by first appearance (1 → code 0),
    // sorts, and deals positions round-robin: code 0 (class 1) at positions 0-3 → folds 0,1,2,0;
    // class 0 at positions 4-7 → folds 1,2,0,1. So per fold (0,1,2): class 1 = [2,1,1],
    // class 0 = [1,2,1], test sizes [3,3,2]; the same counts as
    // np.bincount(StratifiedKFold(3, shuffle=True).split(...)) for any random_state.
    const data = tinyDataset([1, 0, 1, 0, 1, 0, 1, 0])
    for (const seed of [1, 2, 3]) {
      const folds = planFolds(data, protocol({ folds: 3, validationFraction: 0.5 }), seed)
      const byClass = (c: number) => folds.map((f) => [...f.test].filter((r) => data.labels[r] === c).length)
      expect(byClass(1)).toEqual([2, 1, 1])
      expect(byClass(0)).toEqual([1, 2, 1])
      expect(folds.map((f) => f.test.length)).toEqual([3, 3, 2])
    }
  })

  it('gives sklearn counts for [5 × class 0, 3 × class 1] in 3 folds', () => {
    // Sorted positions 0-4 (class 0) → folds 0,1,2,0,1; 5-7 (class 1) → folds 2,0,1.
    const data = tinyDataset([0, 0, 0, 0, 0, 1, 1, 1])
    const folds = planFolds(data, protocol({ folds: 3, validationFraction: 0.5 }), 4)
    expect(folds.map((f) => [...f.test].filter((r) => data.labels[r] === 0).length)).toEqual([2, 2, 1])
    expect(folds.map((f) => [...f.test].filter((r) => data.labels[r] === 1).length)).toEqual([1, 1, 1])
  })

  it('partitions, covers and stratifies the demo data (±1 per class)', () => {
    const folds = planFolds(demo, protocol({ folds: 5 }), 1)
    expect(folds).toHaveLength(5)
    expectPartition(demo, folds)
    expectTestCoverage(demo.ids.length, folds, 5)
    expectBalanced(folds, (r) => demo.labels[r] as number, [0, 1, 2, 3, 4])
  })

  it('stratifies by label × attribute when asked (±1 per stratum and per class)', () => {
    const sex = demo.attributes[0]!
    // Unknown sex for a few samples: they form their own stratum.
    const values = Int32Array.from(sex.values)
    for (let i = 0; i < 40; i++) values[i * 7] = -1
    const data: DatasetData = { ...demo, attributes: [{ ...sex, values }] }
    const folds = planFolds(data, protocol({ folds: 5, stratifyByAttribute: 'sex' }), 3)
    expectPartition(data, folds)
    expectTestCoverage(data.ids.length, folds, 5)
    const stratum = (r: number) => (data.labels[r] as number) * 3 + (values[r] as number) + 1
    expectBalanced(folds, stratum, Array.from({ length: 15 }, (_, s) => s))
    expectBalanced(folds, (r) => data.labels[r] as number, [0, 1, 2, 3, 4])
  })

  it('repeated k-fold: repeats × folds, fold index = repeat·folds + k, repeat 0 = kfold', () => {
    const folds = planFolds(demo, protocol({ kind: 'repeated-kfold', folds: 4, repeats: 3 }), 9)
    expect(folds).toHaveLength(12)
    expectPartition(demo, folds)
    expectTestCoverage(demo.ids.length, folds, 4)
    for (let r = 0; r < 3; r++) expectBalanced(folds.slice(r * 4, r * 4 + 4), (i) => demo.labels[i] as number, [0, 1, 2, 3, 4])
    expect([...folds[0]!.test]).not.toEqual([...folds[4]!.test]) // repeats differ
    const single = planFolds(demo, protocol({ kind: 'kfold', folds: 4 }), 9)
    expect(single.map((f) => [...f.test])).toEqual(folds.slice(0, 4).map((f) => [...f.test]))
  })

  it('is deterministic in the seed: same seed → identical splits, different seed → different', () => {
    const p = protocol({ kind: 'repeated-kfold', folds: 5, repeats: 2 })
    const a = planFolds(demo, p, 42)
    const b = planFolds(demo, p, 42)
    const c = planFolds(demo, p, 43)
    const flat = (fs: FoldSplit[]) => fs.map((f) => [[...f.train], [...f.val], [...f.test]])
    expect(flat(a)).toEqual(flat(b))
    expect(flat(a)).not.toEqual(flat(c))
    expect([...a[0]!.test]).not.toEqual([...c[0]!.test])
    expect([...a[0]!.val]).not.toEqual([...c[0]!.val])
  })
})

describe('planFolds: validation part', () => {
  it('is carved from the training part only, stratified by label, with every class', () => {
    const folds = planFolds(demo, protocol({ folds: 5, validationFraction: 0.2 }), 5)
    for (const f of folds) {
      const test = new Set(f.test)
      expect([...f.val].some((r) => test.has(r))).toBe(false)
      const trainPart = f.train.length + f.val.length
      expect(Math.abs(f.val.length - 0.2 * trainPart)).toBeLessThanOrEqual(2)
      const valCounts = countBy(f.val, (r) => demo.labels[r] as number)
      const partCounts = countBy(Int32Array.from([...f.train, ...f.val]), (r) => demo.labels[r] as number)
      for (let c = 0; c < 5; c++) {
        expect(valCounts.get(c) ?? 0).toBeGreaterThan(0)
        expect(Math.abs((valCounts.get(c) ?? 0) - 0.2 * (partCounts.get(c) ?? 0))).toBeLessThanOrEqual(1)
      }
    }
  })

  it('allocates by largest remainder and keeps every class on both sides', () => {
    expect(allocateValidation([50, 30, 20], 0.2)).toEqual([10, 6, 4])
    // 0.25·[7,5,3] = 1.75,1.25,0.75; target round(3.75)=4: floors [1,1,0] + remainders to 0.75 (class 2) then 1.75's 0.75 tie → larger class.
    expect(allocateValidation([7, 5, 3], 0.25)).toEqual([2, 1, 1])
    expect(allocateValidation([40, 2, 1], 0.1)).toEqual([4, 1, 0])
    expect(allocateValidation([2, 2], 0.5)).toEqual([1, 1])
  })
})

describe('planFolds: predefined split', () => {
  it('uses the shipped split: test part = split 1, validation carved from split 0', () => {
    const labels = Array.from({ length: 40 }, (_, i) => i % 4)
    const split = labels.map((_, i) => (i % 5 === 0 ? 1 : 0))
    const data = tinyDataset(labels, { split })
    const folds = planFolds(data, protocol({ kind: 'predefined', validationFraction: 0.25 }), 1)
    expect(folds).toHaveLength(1)
    const [f] = folds
    expect([...f!.test]).toEqual(split.flatMap((s, i) => (s === 1 ? [i] : [])))
    expect([...f!.train, ...f!.val].sort((a, b) => a - b)).toEqual(split.flatMap((s, i) => (s === 0 ? [i] : [])))
    expect(f!.val.length).toBe(8)
    expectPartition(data, folds)
  })

  it('refuses an unknown stratification attribute', () => {
    expect(() => planFolds(demo, protocol({ stratifyByAttribute: 'site' }), 1)).toThrow(/"site", which is not an attribute/)
  })

  it('refuses a predefined protocol on data without a split', () => {
    const data = tinyDataset([0, 1, 0, 1, 0, 1])
    expect(() => planFolds(data, protocol({ kind: 'predefined' }), 1)).toThrow(AppFailure)
    expect(() => planFolds(data, protocol({ kind: 'predefined' }), 1)).toThrow(/has none/)
  })
})

describe('planFolds: group folds', () => {
  // 150 "patients" with 1–6 samples each; a patient's samples mostly share a label.
  const rng = createRng(77)
  const labels: number[] = []
  const groups: string[] = []
  const sex: number[] = []
  for (let p = 0; p < 150; p++) {
    const size = 1 + rng.int(6)
    const base = rng.next() < 0.5 ? 0 : rng.next() < 0.6 ? 1 : 2
    const s = rng.next() < 0.3 ? 0 : 1
    for (let j = 0; j < size; j++) {
      labels.push(rng.next() < 0.85 ? base : rng.int(3))
      groups.push(`patient-${p}`)
      sex.push(s)
    }
  }
  const data = tinyDataset(labels, { groups, sex })
  const groupsOf = (rows: Int32Array) => new Set([...rows].map((r) => groups[r]))

  it('never puts a group in two folds, nor in both train and validation', () => {
    for (const p of [protocol({ folds: 5, groupFolds: true }), protocol({ kind: 'repeated-kfold', folds: 3, repeats: 2, groupFolds: true, stratifyByAttribute: 'sex' })]) {
      const folds = planFolds(data, p, 3)
      expectPartition(data, folds)
      expectTestCoverage(labels.length, folds, p.folds)
      for (const f of folds) {
        const test = groupsOf(f.test)
        const val = groupsOf(f.val)
        for (const g of groupsOf(f.train)) {
          expect(test.has(g)).toBe(false)
          expect(val.has(g)).toBe(false)
        }
        for (const g of val) expect(test.has(g)).toBe(false)
        // The validation part is close to its target size and holds every class.
        const trainPart = f.train.length + f.val.length
        expect(Math.abs(f.val.length - 0.2 * trainPart)).toBeLessThanOrEqual(4)
        expect(new Set([...f.val].map((r) => labels[r])).size).toBe(3)
      }
    }
  })

  it('stratifies as well as the groups allow', () => {
    const folds = planFolds(data, protocol({ folds: 5, groupFolds: true }), 8)
    const n = labels.length
    for (let c = 0; c < 3; c++) {
      const overall = labels.filter((y) => y === c).length / n
      for (const f of folds) {
        const share = [...f.test].filter((r) => labels[r] === c).length / f.test.length
        expect(Math.abs(share - overall)).toBeLessThan(0.06)
      }
    }
    const sizes = folds.map((f) => f.test.length)
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(12)
  })

  it('is deterministic in the seed', () => {
    const p = protocol({ folds: 4, groupFolds: true })
    const flat = (fs: FoldSplit[]) => fs.map((f) => [[...f.train], [...f.val], [...f.test]])
    expect(flat(planFolds(data, p, 1))).toEqual(flat(planFolds(data, p, 1)))
    expect(flat(planFolds(data, p, 1))).not.toEqual(flat(planFolds(data, p, 2)))
  })

  it('keeps groups whole in the validation carve of a predefined split', () => {
    const split = groups.map((g) => (Number(g.slice(8)) % 4 === 0 ? 1 : 0))
    const withSplit = tinyDataset(labels, { groups, split })
    const [f] = planFolds(withSplit, protocol({ kind: 'predefined', groupFolds: true }), 2)
    expect([...f!.test]).toEqual(split.flatMap((s, i) => (s === 1 ? [i] : [])))
    const val = groupsOf(f!.val)
    for (const g of groupsOf(f!.train)) expect(val.has(g)).toBe(false)
    expect(f!.val.length).toBeGreaterThan(0)
  })

  it('refuses group folds without a grouping column', () => {
    expect(() => planFolds(demo, protocol({ groupFolds: true }), 1)).toThrow(/no grouping column/)
  })
})
