/**
 * Dataset shapes shared by import, workspace, protocol and trainer.
 * `DatasetData` is the in-memory form (typed arrays, row-major); `DatasetMeta` the summary stored
 * and shown everywhere.
 */
import { z } from 'zod'

export interface ModalityData {
  name: string
  featureNames: string[]
  /** N × d, row-major. NaN marks a missing value (imputed on the training part when allowed). */
  values: Float32Array
}

export interface AttributeData {
  name: string
  /** Group names; `values[i]` indexes into it, -1 = unknown for that sample. */
  groups: string[]
  values: Int32Array
}

export interface DatasetData {
  ids: string[]
  classNames: string[]
  /** Class index per sample, 0..C-1. */
  labels: Int32Array
  modalities: ModalityData[]
  attributes: AttributeData[]
  /** Predefined split: 0 = train, 1 = test. Absent when the data has no split. */
  split?: Uint8Array
  /** Grouping key (e.g. patient id): no group is ever in two folds. */
  groups?: string[]
}

export const ModalitySummary = z.object({
  name: z.string(),
  features: z.number().int(),
  missing: z.number().int(),
})
export const AttributeSummary = z.object({
  name: z.string(),
  groups: z.array(z.object({ name: z.string(), count: z.number().int() })),
  unknown: z.number().int(),
})

export const DatasetMeta = z.object({
  id: z.string(),
  name: z.string(),
  source: z.string(),
  format: z.enum(['csv', 'mogonet', 'join', 'parquet', 'synthetic']),
  createdAt: z.string(),
  samples: z.number().int(),
  classes: z.array(z.object({ name: z.string(), count: z.number().int() })),
  modalities: z.array(ModalitySummary),
  attributes: z.array(AttributeSummary),
  hasSplit: z.boolean(),
  splitCounts: z.object({ train: z.number().int(), test: z.number().int() }).optional(),
  hasGroups: z.boolean(),
  /** max/min class count. */
  imbalanceRatio: z.number(),
})
export type DatasetMeta = z.infer<typeof DatasetMeta>

/** Summary of a `DatasetData`, computed the same way for every import path. */
export function summarizeDataset(
  data: DatasetData,
  info: { id: string; name: string; source: string; format: DatasetMeta['format'] },
): DatasetMeta {
  const counts = data.classNames.map(() => 0)
  for (const y of data.labels) counts[y] = (counts[y] ?? 0) + 1
  const nonZero = counts.filter((c) => c > 0)
  let train = 0
  if (data.split) for (const s of data.split) if (s === 0) train++
  return {
    ...info,
    createdAt: new Date().toISOString(),
    samples: data.ids.length,
    classes: data.classNames.map((name, i) => ({ name, count: counts[i] ?? 0 })),
    modalities: data.modalities.map((m) => {
      let missing = 0
      for (const v of m.values) if (Number.isNaN(v)) missing++
      return { name: m.name, features: m.featureNames.length, missing }
    }),
    attributes: data.attributes.map((a) => {
      const g = a.groups.map(() => 0)
      let unknown = 0
      for (const v of a.values) {
        if (v < 0) unknown++
        else g[v] = (g[v] ?? 0) + 1
      }
      return { name: a.name, groups: a.groups.map((name, i) => ({ name, count: g[i] ?? 0 })), unknown }
    }),
    hasSplit: data.split !== undefined,
    ...(data.split ? { splitCounts: { train, test: data.ids.length - train } } : {}),
    hasGroups: data.groups !== undefined,
    imbalanceRatio: nonZero.length ? Math.max(...nonZero) / Math.min(...nonZero) : 1,
  }
}
