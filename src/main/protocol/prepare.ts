/**
 * Turns a dataset and one fold's rows into the arrays a trainer consumes: per-modality feature
 * blocks of the train, validation and test parts, with imputation and standardisation fitted on
 * the training part only and applied unchanged to the other two.
 */
import type { DatasetData } from '../../shared/dataset'
import type { Protocol } from '../../shared/experiment'
import type { FoldSplit } from '../../shared/training/job'
import { AppFailure } from '../../shared/result'
import type { FoldArrays, FoldPart } from '../../shared/training/fold'
import { Standardizer } from './standardizer'

export { Standardizer, type StandardizerState } from './standardizer'
export type { FoldArrays, FoldPart }

/** Rows `rows` of an N × d row-major block, as an n × d block. */
export function gatherRows(values: Float32Array, d: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * d)
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number
    out.set(values.subarray(r * d, r * d + d), i * d)
  }
  return out
}

/**
 * The fold's arrays. Per modality, a `Standardizer` is fitted on the training rows only
 * (`protocol.standardize`: z-score with population std; missing values: train mean) and applied
 * to all three parts. The validation and test values never enter the fit.
 *
 * @returns the parts plus `standardizers` (one per modality) for reuse at prediction time
 * @throws AppFailure('BAD_INPUT') when a part holds a missing value and `protocol.missing` is 'reject'
 */
export function prepareFold(
  data: DatasetData,
  split: FoldSplit,
  protocol: Pick<Protocol, 'standardize' | 'missing'>,
): FoldArrays & { standardizers: Standardizer[] } {
  const standardizers: Standardizer[] = []
  const parts = { train: [] as Float32Array[], val: [] as Float32Array[], test: [] as Float32Array[] }
  for (const m of data.modalities) {
    const d = m.featureNames.length
    const raw = {
      train: gatherRows(m.values, d, split.train),
      val: gatherRows(m.values, d, split.val),
      test: gatherRows(m.values, d, split.test),
    }
    if (protocol.missing === 'reject') {
      for (const part of ['train', 'val', 'test'] as const) {
        const at = raw[part].findIndex((v) => Number.isNaN(v))
        if (at < 0) continue
        const row = split[part][Math.floor(at / d)] as number
        throw AppFailure.of(
          'BAD_INPUT',
          `Modality "${m.name}" has a missing value (sample "${data.ids[row]}", feature "${m.featureNames[at % d]}") and protocol.missing is "reject"; set it to "impute-mean" or fix the data.`,
          { location: { field: 'protocol.missing' } },
        )
      }
    }
    const s = Standardizer.fit(raw.train, d, { standardize: protocol.standardize })
    standardizers.push(s)
    parts.train.push(s.apply(raw.train))
    parts.val.push(s.apply(raw.val))
    parts.test.push(s.apply(raw.test))
  }
  const part = (name: 'train' | 'val' | 'test'): FoldPart => ({
    x: parts[name],
    y: Int32Array.from(split[name], (r) => data.labels[r] as number),
    rows: Int32Array.from(split[name]),
    groups: data.attributes.map((a) => Int32Array.from(split[name], (r) => a.values[r] as number)),
  })
  return {
    train: part('train'),
    val: part('val'),
    test: part('test'),
    featureSizes: data.modalities.map((m) => m.featureNames.length),
    numClasses: data.classNames.length,
    classNames: [...data.classNames],
    attributes: data.attributes.map((a) => ({ name: a.name, groups: [...a.groups] })),
    standardizers,
  }
}
