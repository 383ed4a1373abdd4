import { describe, expect, it } from 'vitest'
import { Protocol, type Protocol as ProtocolT } from '../../../src/shared/experiment'
import { AppFailure } from '../../../src/shared/result'
import type { FoldSplit } from '../../../src/shared/training/job'
import { generateDemoDataset } from '../../../src/main/data/synthetic'
import { planFolds } from '../../../src/main/protocol/folds'
import { prepareFold, Standardizer } from '../../../src/main/protocol/prepare'
import { tinyDataset } from '../../helpers/tiny-dataset'

const protocol = (p: Partial<ProtocolT> = {}): ProtocolT => Protocol.parse(p)
const split = (train: number[], val: number[], test: number[]): FoldSplit => ({
  train: Int32Array.from(train),
  val: Int32Array.from(val),
  test: Int32Array.from(test),
})

// 6 samples × 3 features. Rows 0-3 train, 4 val, 5 test.
//   f0: train [1, 2, 3, 6] → mean 3, population var (4+1+0+9)/4 = 3.5, std √3.5
//   f1: train [5, 5, 5, 5] → constant: centred only (scale 1)
//   f2: train [0, 10, 20, 30] → mean 15, var (225+25+25+225)/4 = 125, std √125
const rows = [
  [1, 5, 0],
  [2, 5, 10],
  [3, 5, 20],
  [6, 5, 30],
  [4, 7, 15],
  [100, -50, 1000],
]
const data = tinyDataset([0, 1, 0, 1, 0, 1], { rows })
const fold = split([0, 1, 2, 3], [4], [5])

describe('prepareFold', () => {
  it('standardises each feature with the training part mean and population std', () => {
    const f = prepareFold(data, fold, protocol())
    const s0 = Math.sqrt(3.5)
    const s2 = Math.sqrt(125)
    const expected = [
      [(1 - 3) / s0, 0, (0 - 15) / s2],
      [(2 - 3) / s0, 0, (10 - 15) / s2],
      [(3 - 3) / s0, 0, (20 - 15) / s2],
      [(6 - 3) / s0, 0, (30 - 15) / s2],
    ].flat()
    Array.from(f.train.x[0]!).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6))
    // Validation and test use the same (training) parameters.
    Array.from(f.val.x[0]!).forEach((v, i) => expect(v).toBeCloseTo([(4 - 3) / s0, 7 - 5, (15 - 15) / s2][i]!, 6))
    Array.from(f.test.x[0]!).forEach((v, i) => expect(v).toBeCloseTo([(100 - 3) / s0, -50 - 5, (1000 - 15) / s2][i]!, 5))
    expect(Array.from(f.standardizers[0]!.mean)).toEqual([3, 5, 15])
    expect(f.standardizers[0]!.scale[1]).toBe(1)
  })

  it('carries labels, rows and shapes', () => {
    const f = prepareFold(data, fold, protocol())
    expect(Array.from(f.train.y)).toEqual([0, 1, 0, 1])
    expect(Array.from(f.train.rows)).toEqual([0, 1, 2, 3])
    expect(Array.from(f.test.rows)).toEqual([5])
    expect(f.featureSizes).toEqual([3])
    expect(f.numClasses).toBe(2)
    expect(f.classNames).toEqual(['c0', 'c1'])
  })

  it('never lets validation or test values influence the fit', () => {
    const changed = rows.map((r, i) => (i >= 4 ? r.map((v) => v * 1e3 + 7) : r))
    const a = prepareFold(data, fold, protocol())
    const b = prepareFold(tinyDataset([0, 1, 0, 1, 0, 1], { rows: changed }), fold, protocol())
    expect(Array.from(b.standardizers[0]!.mean)).toEqual(Array.from(a.standardizers[0]!.mean))
    expect(Array.from(b.standardizers[0]!.scale)).toEqual(Array.from(a.standardizers[0]!.scale))
    expect(Array.from(b.train.x[0]!)).toEqual(Array.from(a.train.x[0]!))
    // Missing values in the test part do not move the imputation mean either.
    const holes = rows.map((r, i) => (i === 5 ? [NaN, NaN, NaN] : r))
    const c = prepareFold(tinyDataset([0, 1, 0, 1, 0, 1], { rows: holes }), fold, protocol({ missing: 'impute-mean' }))
    expect(Array.from(c.standardizers[0]!.mean)).toEqual([3, 5, 15])
    expect(Array.from(c.test.x[0]!)).toEqual([0, 0, 0])
  })

  it('imputes missing values with the training-part mean of the observed values', () => {
    const holes = rows.map((r) => [...r])
    holes[1]![0] = NaN // train f0 observed: [1, 3, 6] → mean 10/3
    holes[4]![2] = NaN // val
    const d = tinyDataset([0, 1, 0, 1, 0, 1], { rows: holes })
    const raw = prepareFold(d, fold, protocol({ missing: 'impute-mean', standardize: false }))
    expect(raw.train.x[0]![3]).toBeCloseTo(10 / 3, 6) // row 1, f0
    expect(raw.val.x[0]![2]).toBe(15) // val f2 ← train mean of f2
    expect(raw.train.x[0]![0]).toBe(1) // observed values unchanged without standardisation
    const std = prepareFold(d, fold, protocol({ missing: 'impute-mean' }))
    // f0 std over observed [1, 3, 6]: mean 10/3, var ((7/3)²+(1/3)²+(8/3)²)/3 = 114/27
    const s0 = Math.sqrt(114 / 27)
    expect(std.train.x[0]![0]).toBeCloseTo((1 - 10 / 3) / s0, 6)
    expect(std.train.x[0]![3]).toBe(0) // imputed → the mean → 0
    expect(std.val.x[0]![2]).toBe(0)
  })

  it('refuses missing values when the protocol rejects them, naming sample and feature', () => {
    const holes = rows.map((r) => [...r])
    holes[2]![1] = NaN
    const d = tinyDataset([0, 1, 0, 1, 0, 1], { rows: holes })
    expect(() => prepareFold(d, fold, protocol())).toThrow(AppFailure)
    expect(() => prepareFold(d, fold, protocol())).toThrow(/sample "s2", feature "f1"/)
  })

  it('works on several modalities of the demo data: train part has mean 0 and std 1 per feature', () => {
    const demo = generateDemoDataset({ seed: 4, samples: 200 })
    const [split0] = planFolds(demo, protocol({ folds: 4 }), 1)
    const f = prepareFold(demo, split0!, protocol())
    expect(f.featureSizes).toEqual([12, 60, 32])
    f.train.x.forEach((x, m) => {
      const d = f.featureSizes[m]!
      const n = f.train.y.length
      expect(x.length).toBe(n * d)
      for (let j = 0; j < d; j++) {
        let s = 0
        let q = 0
        for (let i = 0; i < n; i++) s += x[i * d + j]!
        for (let i = 0; i < n; i++) q += (x[i * d + j]! - s / n) ** 2
        expect(Math.abs(s / n)).toBeLessThan(1e-5)
        expect(Math.sqrt(q / n)).toBeCloseTo(1, 4)
      }
    })
    expect(f.val.x[1]!.length).toBe(f.val.y.length * 60)
  })

  it("carries each part's sensitive-attribute groups (never as a feature), row by row", () => {
    const demo = generateDemoDataset({ seed: 4, samples: 120 })
    const [split0] = planFolds(demo, protocol({ folds: 3 }), 1)
    const f = prepareFold(demo, split0!, protocol())
    expect(f.attributes).toEqual([{ name: 'sex', groups: demo.attributes[0]!.groups }])
    for (const part of [f.train, f.val, f.test]) {
      expect(part.groups).toHaveLength(1)
      part.rows.forEach((r, i) => expect(part.groups![0]![i]).toBe(demo.attributes[0]!.values[r]))
    }
  })
})

describe('Standardizer', () => {
  it('fits, applies and restores (docblock example)', () => {
    const s = Standardizer.fit(Float32Array.of(1, 10, 3, 10), 2)
    expect(Array.from(s.mean)).toEqual([2, 10])
    expect(Array.from(s.scale)).toEqual([1, 1])
    expect(Array.from(s.apply(Float32Array.of(NaN, 12)))).toEqual([0, 2])
    const t = Standardizer.fromState(JSON.parse(JSON.stringify(s.toState())))
    expect(Array.from(t.apply(Float32Array.of(5, 9)))).toEqual([3, -1])
  })

  it('treats a constant float32 column as constant despite rounding', () => {
    const x = new Float32Array(999).fill(0.1)
    const s = Standardizer.fit(x, 1)
    expect(s.scale[0]).toBe(1)
    expect(Array.from(s.apply(Float32Array.of(0.1)))).toEqual([0])
  })

  it('gives mean 0 and scale 1 to a feature with no observed value', () => {
    const s = Standardizer.fit(Float32Array.of(NaN, 1, NaN, 3), 2)
    expect(Array.from(s.mean)).toEqual([0, 2])
    expect(Array.from(s.apply(Float32Array.of(NaN, NaN)))).toEqual([0, 0])
  })
})
