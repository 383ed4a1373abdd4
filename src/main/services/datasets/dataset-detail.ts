/**
 * What the dataset detail view shows beyond the stored summary: attribute × class crosstabs,
 * per-modality feature statistics, the imbalance ratio and CLIMD's power-law imbalance degree α.
 */
import type { DatasetData, DatasetMeta } from '../../../shared/dataset'
import type { DatasetDetail } from '../../../shared/ipc/views'
import { AppFailure } from '../../../shared/result'
import { getDatasetMeta, loadDataset, type Workspace } from '../workspace'

/** CLIMD's smoothing hyperparameter γ (paper default; methods.md §2.3). */
export const CLIMD_GAMMA = 0.3

/** Ratio below which CLIMD's scheduler guard treats classes as nearly balanced (methods.md §2.4 item 6). */
const NEARLY_BALANCED_RATIO = 1.5

type Crosstab = DatasetDetail['crosstabs'][number]
type FeatureStats = DatasetDetail['features'][number]
type Range = FeatureStats['mean']

export type AlphaFit = { alpha: number; note?: string } | { alpha: null; note: string }

/**
 * CLIMD Eq. 6, the maximum-likelihood power-law exponent of the class counts:
 * α̂ = (1/γ)·(1 + C / (Σ_c ln n_c − C·ln n_min)). Classes with no sample are left out.
 * Undefined (null, with the reason) for fewer than two classes or when every class has the same
 * count (the denominator is 0).
 * @example climdAlpha([305, 103, 92, 80, 32]).alpha // ≈ 6.42 (BRCA training part, methods.md §2.4)
 */
export function climdAlpha(classCounts: readonly number[], gamma = CLIMD_GAMMA): AlphaFit {
  const counts = classCounts.filter((n) => n > 0)
  const c = counts.length
  if (c < 2) return { alpha: null, note: `α is undefined with ${c === 0 ? 'no class' : 'one class'} that has samples.` }
  const nMin = Math.min(...counts)
  if (counts.every((n) => n === nMin))
    return { alpha: null, note: `α is undefined: every class has ${nMin} samples (perfectly balanced), so there is no power law to fit.` }
  const denominator = counts.reduce((s, n) => s + Math.log(n), 0) - c * Math.log(nMin)
  const alpha = (1 / gamma) * (1 + c / denominator)
  const ratio = Math.max(...counts) / nMin
  if (ratio < NEARLY_BALANCED_RATIO)
    return {
      alpha,
      note: `The classes are nearly balanced (max/min ${ratio.toFixed(2)} < ${NEARLY_BALANCED_RATIO}): the power-law fit degenerates (very large α), and CLIMD's scheduler guard would fall back to a uniform curriculum.`,
    }
  return { alpha }
}

/** Attribute × class counts; samples whose attribute value is unknown are counted per class apart. */
export function crosstabs(data: DatasetData): Crosstab[] {
  const classes = data.classNames.length
  return data.attributes.map((a) => {
    const counts = a.groups.map(() => new Array<number>(classes).fill(0))
    const unknownByClass = new Array<number>(classes).fill(0)
    for (let i = 0; i < a.values.length; i++) {
      const g = a.values[i]!
      const y = data.labels[i]!
      const row = g >= 0 ? counts[g] : unknownByClass
      if (row) row[y] = (row[y] ?? 0) + 1
    }
    return { attribute: a.name, groups: [...a.groups], classes: [...data.classNames], counts, unknownByClass }
  })
}

function range(values: number[]): Range {
  if (values.length === 0) return { min: 0, median: 0, max: 0 }
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! }
}

/**
 * Per modality: the distribution over features of each feature's mean and population std (over its
 * observed values), the number of constant features (fewer than two distinct observed values) and
 * of missing cells. Features with no observed value are left out of the mean/std distributions.
 */
export function featureStatistics(data: DatasetData): FeatureStats[] {
  const n = data.labels.length
  return data.modalities.map((m) => {
    const d = m.featureNames.length
    const sum = new Float64Array(d)
    const count = new Float64Array(d)
    const min = new Float64Array(d).fill(Infinity)
    const max = new Float64Array(d).fill(-Infinity)
    let missing = 0
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const v = m.values[i * d + j]!
        if (Number.isNaN(v)) {
          missing++
          continue
        }
        sum[j]! += v
        count[j]! += 1
        if (v < min[j]!) min[j] = v
        if (v > max[j]!) max[j] = v
      }
    }
    const mean = new Float64Array(d)
    for (let j = 0; j < d; j++) mean[j] = count[j]! > 0 ? sum[j]! / count[j]! : NaN
    const sq = new Float64Array(d)
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const v = m.values[i * d + j]!
        if (!Number.isNaN(v)) sq[j]! += (v - mean[j]!) ** 2
      }
    }
    const means: number[] = []
    const stds: number[] = []
    let constant = 0
    for (let j = 0; j < d; j++) {
      if (!(min[j]! < max[j]!)) constant++
      if (count[j]! === 0) continue
      means.push(mean[j]!)
      stds.push(Math.sqrt(sq[j]! / count[j]!))
    }
    return { modality: m.name, features: d, missing, constant, mean: range(means), std: range(stds) }
  })
}

/** Class counts the imbalance figures use: the training part of a predefined split (what training sees), else all samples. */
function imbalanceCounts(data: DatasetData): { counts: number[]; basis: 'train' | 'all' } {
  const counts = data.classNames.map(() => 0)
  const useTrain = data.split !== undefined && data.split.some((s) => s === 0)
  for (let i = 0; i < data.labels.length; i++) {
    if (useTrain && data.split![i] !== 0) continue
    const y = data.labels[i]!
    counts[y] = (counts[y] ?? 0) + 1
  }
  return { counts, basis: useTrain ? 'train' : 'all' }
}

export function imbalance(data: DatasetData, gamma = CLIMD_GAMMA): DatasetDetail['imbalance'] {
  const { counts, basis } = imbalanceCounts(data)
  const present = counts.filter((c) => c > 0)
  const ratio = present.length ? Math.max(...present) / Math.min(...present) : 1
  const fit = climdAlpha(counts, gamma)
  return { ratio, climdAlpha: fit.alpha, gamma, basis, ...(fit.note ? { note: fit.note } : {}) }
}

export function computeDatasetDetail(meta: DatasetMeta, data: DatasetData): DatasetDetail {
  return { meta, crosstabs: crosstabs(data), features: featureStatistics(data), imbalance: imbalance(data) }
}

/** The detail of a stored dataset (by id or name). @throws AppFailure `NOT_FOUND`. */
export async function datasetDetail(ws: Workspace, idOrName: string): Promise<DatasetDetail> {
  const meta = await getDatasetMeta(ws, idOrName)
  if (!meta) throw AppFailure.of('NOT_FOUND', `No dataset "${idOrName}" in the workspace.`, { location: { field: 'id' } })
  return computeDatasetDetail(meta, await loadDataset(ws, meta.id))
}
