/** Small hand-built `DatasetData` for protocol tests. */
import type { DatasetData } from '../../src/shared/dataset'

export interface TinyOptions {
  /** Attribute groups per sample (-1 unknown); the attribute is called 'sex' with groups F/M. */
  sex?: number[]
  split?: number[]
  groups?: string[]
  /** One modality 'm' with these rows (default: one feature = the row index). */
  rows?: number[][]
  classNames?: string[]
}

export function tinyDataset(labels: number[], opts: TinyOptions = {}): DatasetData {
  const rows = opts.rows ?? labels.map((_, i) => [i])
  const d = rows[0]?.length ?? 0
  const classes = opts.classNames ?? Array.from({ length: Math.max(...labels) + 1 }, (_, c) => `c${c}`)
  return {
    ids: labels.map((_, i) => `s${i}`),
    classNames: classes,
    labels: Int32Array.from(labels),
    modalities: [{ name: 'm', featureNames: Array.from({ length: d }, (_, j) => `f${j}`), values: Float32Array.from(rows.flat()) }],
    attributes: opts.sex ? [{ name: 'sex', groups: ['F', 'M'], values: Int32Array.from(opts.sex) }] : [],
    ...(opts.split ? { split: Uint8Array.from(opts.split) } : {}),
    ...(opts.groups ? { groups: opts.groups } : {}),
  }
}
