/** datasets:detail — crosstabs, feature statistics, imbalance ratio and CLIMD α (methods.md §2.3) on hand-built data. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { climdAlpha, computeDatasetDetail, featureStatistics } from '../../../../src/main/services/datasets/dataset-detail'
import { callService } from '../../../../src/main/services/service-api'
import { openWorkspace, saveDataset, type Workspace } from '../../../../src/main/services/workspace'
import { summarizeDataset, type DatasetData } from '../../../../src/shared/dataset'
import { tempDir } from '../../../helpers/temp-workspace'
import { tinyDataset } from '../../../helpers/tiny-dataset'
import { recordingContext } from '../service-context'

const meta = (data: DatasetData) => summarizeDataset(data, { id: 'hand', name: 'hand', source: 'test', format: 'synthetic' })

describe('CLIMD α (Eq. 6, γ = 0.3)', () => {
  it('gives 6.42 for the BRCA training counts of methods.md §2.4', () => {
    const fit = climdAlpha([305, 103, 92, 80, 32])
    expect(fit.alpha).toBeCloseTo(6.42, 2)
    expect(fit.note).toBeUndefined()
  })

  it('matches the formula by hand for two classes, and does not depend on the class order', () => {
    // (1/0.3) * (1 + 2 / (ln 40 + ln 10 - 2 ln 10)) = (1/0.3) * (1 + 2 / ln 4)
    const expected = (1 / 0.3) * (1 + 2 / Math.log(4))
    expect(climdAlpha([40, 10]).alpha).toBeCloseTo(expected, 12)
    expect(climdAlpha([10, 40]).alpha).toBeCloseTo(expected, 12)
  })

  it('is null with a reason when every class has the same count (perfectly balanced) or there is one class', () => {
    const balanced = climdAlpha([50, 50, 50])
    expect(balanced.alpha).toBeNull()
    expect(balanced.note).toMatch(/perfectly balanced/)
    expect(climdAlpha([50]).alpha).toBeNull()
    expect(climdAlpha([50, 0]).alpha).toBeNull()
  })

  it('flags a nearly balanced fit (ROSMAP train 127/118 gives α ≈ 94)', () => {
    const fit = climdAlpha([127, 118])
    expect(fit.alpha).toBeGreaterThan(90)
    expect(fit.note).toMatch(/nearly balanced/)
  })
})

describe('dataset detail', () => {
  // 8 samples, classes 0/1/2, sex F(0)/M(1)/unknown(-1); two features: row index, and a constant.
  const labels = [0, 0, 0, 0, 1, 1, 2, 2]
  const sex = [0, 1, 0, -1, 1, 1, -1, 0]
  const data = tinyDataset(labels, { sex, rows: labels.map((_, i) => [i, 5]) })

  it('counts attribute × class, with unknown values per class apart', () => {
    const [tab] = computeDatasetDetail(meta(data), data).crosstabs
    expect(tab).toEqual({
      attribute: 'sex',
      groups: ['F', 'M'],
      classes: ['c0', 'c1', 'c2'],
      counts: [
        [2, 0, 1],
        [1, 2, 0],
      ],
      unknownByClass: [1, 0, 1],
    })
  })

  it('summarises features: distribution of means and stds, constant features, missing cells', () => {
    const [m] = featureStatistics(data)
    // feature 0: 0..7 → mean 3.5, population std √5.25; feature 1: constant 5.
    expect(m).toMatchObject({ modality: 'm', features: 2, missing: 0, constant: 1 })
    expect(m!.mean).toEqual({ min: 3.5, median: 4.25, max: 5 })
    expect(m!.std.min).toBe(0)
    expect(m!.std.max).toBeCloseTo(Math.sqrt(5.25), 10)
    const withMissing = tinyDataset([0, 1, 0], { rows: [[1, NaN], [3, NaN], [NaN, NaN]] })
    const [w] = featureStatistics(withMissing)
    expect(w).toMatchObject({ missing: 4, constant: 1, mean: { min: 2, median: 2, max: 2 }, std: { min: 1, median: 1, max: 1 } })
  })

  it('uses the training part of a predefined split for the ratio and α, and says so', () => {
    const split = tinyDataset([0, 0, 0, 0, 1, 1, 1, 1], { split: [0, 0, 0, 0, 0, 1, 1, 1] })
    const { imbalance } = computeDatasetDetail(meta(split), split)
    expect(imbalance).toMatchObject({ ratio: 4, basis: 'train', gamma: 0.3 })
    expect(imbalance.climdAlpha).toBeCloseTo((1 / 0.3) * (1 + 2 / Math.log(4)), 10)
    const all = computeDatasetDetail(meta(data), data).imbalance
    expect(all).toMatchObject({ ratio: 2, basis: 'all' })
  })

  describe('through the contract', () => {
    const tmp = tempDir()
    let ws: Workspace
    beforeAll(async () => {
      ws = await openWorkspace(tmp.dir)
      await saveDataset(ws, meta(data), data)
    })
    afterAll(async () => {
      await ws.close()
      tmp.cleanup()
    })

    it('answers datasets:detail by id or name, and NOT_FOUND for another', async () => {
      const ctx = recordingContext(ws)
      const r = await callService('datasets:detail', { id: 'hand' }, ctx)
      if (!r.ok) throw new Error(r.error.message)
      expect(r.value.meta.id).toBe('hand')
      expect(r.value.crosstabs[0]!.unknownByClass).toEqual([1, 0, 1])
      expect(r.value.imbalance.ratio).toBe(2)
      const missing = await callService('datasets:detail', { id: 'nope' }, ctx)
      expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND')
    })
  })
})
