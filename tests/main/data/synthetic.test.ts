import { describe, expect, it } from 'vitest'
import type { DatasetData } from '../../../src/shared/dataset'
import { Protocol } from '../../../src/shared/experiment'
import { DEMO_CLASS_PROPORTIONS, demoDatasetInfo, generateDemoDataset, writeDemoCsv } from '../../../src/main/data/synthetic'
import { checkProtocol } from '../../../src/main/protocol/check'
import { planFolds } from '../../../src/main/protocol/folds'
import { prepareFold, type FoldArrays } from '../../../src/main/protocol/prepare'

/** Nearest-centroid classifier on the chosen modalities (standardised on the training part). */
function nearestCentroid(fold: FoldArrays, modalities: number[]): { pred: Int32Array } {
  const C = fold.numClasses
  const dist = (part: FoldArrays['train'], i: number, cent: Float64Array[][]): number[] =>
    Array.from({ length: C }, (_, c) =>
      modalities.reduce((s, m) => {
        const d = fold.featureSizes[m]!
        const x = part.x[m]!
        let acc = 0
        for (let j = 0; j < d; j++) acc += (x[i * d + j]! - cent[m]![c]![j]!) ** 2
        return s + acc
      }, 0),
    )
  const cent: Float64Array[][] = fold.featureSizes.map((d) => Array.from({ length: C }, () => new Float64Array(d)))
  const count = new Array<number>(C).fill(0)
  fold.train.y.forEach((y) => count[y]!++)
  for (const m of modalities) {
    const d = fold.featureSizes[m]!
    fold.train.y.forEach((y, i) => {
      for (let j = 0; j < d; j++) cent[m]![y]![j]! += fold.train.x[m]![i * d + j]! / count[y]!
    })
  }
  const pred = Int32Array.from(fold.test.y, (_, i) => {
    const ds = dist(fold.test, i, cent)
    return ds.indexOf(Math.min(...ds))
  })
  return { pred }
}

/** Test accuracy overall and per sex group over 3 folds (nearest centroid on `modalities`). */
function groupAccuracy(data: DatasetData, modalities: number[]): { all: number; F: number; M: number; recall: number[] } {
  const protocol = Protocol.parse({ folds: 3 })
  const sex = data.attributes[0]!.values
  const hit = { all: [0, 0], F: [0, 0], M: [0, 0] }
  const rec = data.classNames.map(() => [0, 0])
  for (const split of planFolds(data, protocol, 1)) {
    const fold = prepareFold(data, split, protocol)
    const { pred } = nearestCentroid(fold, modalities)
    fold.test.y.forEach((y, i) => {
      const ok = pred[i] === y ? 1 : 0
      const g = sex[fold.test.rows[i]!] === 0 ? hit.F : hit.M
      for (const h of [hit.all, g]) {
        h[0]! += ok
        h[1]!++
      }
      rec[y]![0]! += ok
      rec[y]![1]!++
    })
  }
  const r = (h: number[]) => h[0]! / h[1]!
  return { all: r(hit.all), F: r(hit.F), M: r(hit.M), recall: rec.map(r) }
}

describe('generateDemoDataset', () => {
  const data = generateDemoDataset()

  it('is deterministic in the seed', () => {
    const again = generateDemoDataset()
    expect(again.ids).toEqual(data.ids)
    expect(Array.from(again.labels)).toEqual(Array.from(data.labels))
    again.modalities.forEach((m, i) => expect(m.values).toEqual(data.modalities[i]!.values))
    const other = generateDemoDataset({ seed: 2026 })
    expect(Array.from(other.labels)).not.toEqual(Array.from(data.labels))
    expect(other.modalities[1]!.values).not.toEqual(data.modalities[1]!.values)
  })

  it('has 600 samples, ids demo-0001…, 3 modalities of 12 / 60 / 32 features and no missing values', () => {
    expect(data.ids).toHaveLength(600)
    expect(data.ids[0]).toBe('demo-0001')
    expect(data.ids[599]).toBe('demo-0600')
    expect(new Set(data.ids).size).toBe(600)
    expect(data.modalities.map((m) => [m.name, m.featureNames.length])).toEqual([
      ['clinical', 12],
      ['omics', 60],
      ['imaging', 32],
    ])
    for (const m of data.modalities) {
      expect(m.values.length).toBe(600 * m.featureNames.length)
      expect(m.values.every((v) => Number.isFinite(v))).toBe(true)
    }
    expect(data.split).toBeUndefined()
    expect(data.groups).toBeUndefined()
    expect(demoDatasetInfo.name).toBe('demo')
  })

  it('has a long-tailed label distribution over 5 classes in shuffled order', () => {
    expect(data.classNames).toEqual(['class-A', 'class-B', 'class-C', 'class-D', 'class-E'])
    const counts = data.classNames.map((_, c) => data.labels.filter((y) => y === c).length)
    expect(counts).toEqual(DEMO_CLASS_PROPORTIONS.map((p) => Math.round(p * 600))) // 252/150/96/60/42
    expect(counts[0]! / counts[4]!).toBeGreaterThanOrEqual(6)
    expect(Array.from(data.labels.slice(0, 30)).some((y) => y !== 0)).toBe(true)
  })

  it('keeps every class present on small sizes', () => {
    for (const samples of [20, 57, 240]) {
      const d = generateDemoDataset({ seed: 3, samples })
      const counts = d.classNames.map((_, c) => d.labels.filter((y) => y === c).length)
      expect(counts.reduce((s, c) => s + c, 0)).toBe(samples)
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(2)
      expect(counts).toEqual([...counts].sort((a, b) => b - a))
    }
    expect(() => checkProtocol(generateDemoDataset({ seed: 3, samples: 240 }), Protocol.parse({ folds: 3 }))).not.toThrow()
    expect(() => generateDemoDataset({ samples: 10 })).toThrow(/≥ 20/)
  })

  it('has a sex attribute with a 30 % minority F in every class', () => {
    const [sex] = data.attributes
    expect(sex!.name).toBe('sex')
    expect(sex!.groups).toEqual(['F', 'M'])
    const f = sex!.values.filter((v) => v === 0).length
    expect(f / 600).toBeCloseTo(0.3, 1)
    for (let c = 0; c < 5; c++) {
      const inClass = data.labels.filter((y) => y === c).length
      const fIn = sex!.values.filter((v, i) => v === 0 && data.labels[i] === c).length
      expect(Math.abs(fIn - 0.3 * inClass)).toBeLessThanOrEqual(0.5)
    }
  })

  it('groupPrevalenceShift gives F a different class distribution; 0 is the default dataset', () => {
    const plain = generateDemoDataset({ seed: 4, samples: 1000 })
    const zero = generateDemoDataset({ seed: 4, samples: 1000, groupPrevalenceShift: 0 })
    expect(zero.labels).toEqual(plain.labels)
    expect(zero.modalities[1]!.values).toEqual(plain.modalities[1]!.values)
    const d = generateDemoDataset({ seed: 4, samples: 1000, groupPrevalenceShift: 0.4 })
    const sex = d.attributes[0]!.values
    // By hand: class sizes 420/250/160/100/70; F shares 0.3·0.6 = 0.18 for A, 0.3·1.4 = 0.42 otherwise:
    // round(75.6), round(105), round(67.2), round(42), round(29.4).
    const fIn = [0, 1, 2, 3, 4].map((c) => sex.filter((v, i) => v === 0 && d.labels[i] === c).length)
    expect(fIn).toEqual([76, 105, 67, 42, 29])
    // Negative shift, by hand: F shares 0.3·1.4 = 0.42 for A, 0.3·0.6 = 0.18 otherwise:
    // round(176.4), round(45), round(28.8), round(18), round(12.6).
    const neg = generateDemoDataset({ seed: 4, samples: 1000, groupPrevalenceShift: -0.4 })
    const negSex = neg.attributes[0]!.values
    expect([0, 1, 2, 3, 4].map((c) => negSex.filter((v, i) => v === 0 && neg.labels[i] === c).length)).toEqual([176, 45, 29, 18, 13])
    expect(() => generateDemoDataset({ groupPrevalenceShift: 1.5 })).toThrow(/groupPrevalenceShift/)
    expect(() => generateDemoDataset({ groupPrevalenceShift: -1.5 })).toThrow(/groupPrevalenceShift/)
  })

  it('is learnable but not trivial, with modalities of different informativeness', () => {
    const all = groupAccuracy(data, [0, 1, 2])
    const clinical = groupAccuracy(data, [0])
    const omics = groupAccuracy(data, [1])
    const imaging = groupAccuracy(data, [2])
    // Majority class share is 0.42; chance for a uniform guess is 0.2.
    expect(all.all).toBeGreaterThan(0.55)
    expect(all.all).toBeLessThan(0.92)
    expect(omics.all).toBeGreaterThan(imaging.all)
    expect(imaging.all).toBeGreaterThan(clinical.all)
    // Complementarity: imaging separates the two rarest classes better than omics does.
    expect(imaging.recall[3]! + imaging.recall[4]!).toBeGreaterThan(omics.recall[3]! + omics.recall[4]!)
  })

  it('makes the minority group F harder: lower accuracy for F than for M', () => {
    for (const seed of [2025, 7]) {
      const acc = groupAccuracy(generateDemoDataset({ seed }), [0, 1, 2])
      expect(acc.M - acc.F).toBeGreaterThan(0.08)
    }
  })
})

describe('writeDemoCsv', () => {
  it('writes the header id,label,sex,<modality>__<feature>… and values that read back exactly', () => {
    const data = generateDemoDataset({ seed: 9, samples: 30 })
    const csv = writeDemoCsv(data)
    const lines = csv.trimEnd().split('\n')
    expect(lines).toHaveLength(31)
    const header = lines[0]!.split(',')
    expect(header.slice(0, 5)).toEqual(['id', 'label', 'sex', 'clinical__age', 'clinical__bmi'])
    expect(header).toHaveLength(3 + 12 + 60 + 32)
    expect(header[3 + 12]).toBe('omics__gene_001')
    expect(header.at(-1)).toBe('imaging__img_32')
    lines.slice(1).forEach((line, i) => {
      const cells = line.split(',')
      expect(cells[0]).toBe(data.ids[i])
      expect(cells[1]).toBe(data.classNames[data.labels[i]!])
      expect(cells[2]).toBe(data.attributes[0]!.groups[data.attributes[0]!.values[i]!])
      let k = 3
      for (const m of data.modalities) {
        const d = m.featureNames.length
        for (let j = 0; j < d; j++) expect(Math.fround(Number(cells[k++]))).toBe(m.values[i * d + j])
      }
    })
  })

  it('writes missing values and unknown groups as empty fields, and split/group columns when present', () => {
    const data = generateDemoDataset({ seed: 9, samples: 20 })
    data.modalities[0]!.values[0] = NaN
    data.attributes[0]!.values[1] = -1
    const withExtras: DatasetData = { ...data, split: new Uint8Array(20).fill(1), groups: data.ids.map((id) => `p,${id}`) }
    const lines = writeDemoCsv(withExtras).split('\n')
    expect(lines[0]!.startsWith('id,label,sex,split,group,clinical__age,')).toBe(true)
    expect(lines[1]!).toMatch(/^demo-0001,class-[A-E],[FM],test,"p,demo-0001",,/)
    expect(lines[2]!).toMatch(/^demo-0002,class-[A-E],,test,/)
  })
})
