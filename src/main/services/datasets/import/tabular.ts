/** `csv` and `parquet` imports: one file, a column → role mapping. */
import path from 'node:path'
import type { AttributeData, DatasetData, ModalityData } from '../../../../shared/dataset'
import type { AttributeMapping, CsvImport, ParquetImport } from '../../../../shared/import'
import { buildAttribute, buildGroups, buildModality, buildSplit, MissingTracker, readIds, type Bound } from './build'
import { buildLabels } from './labels'
import { applyMissingPolicy, checkClassSizes } from './checks'
import { hasExplicitSelection, resolveColumn, selectColumns } from './columns'
import { invalidSpec } from './errors'
import { detectDelimiter, parseDelimited, type TextTable } from './delimited'
import { readParquetTable } from './parquet'
import { readTextFile } from './read-text'
import { MissingTokens, type Table } from './table'

export interface ImportOutput {
  data: DatasetData
  warnings: string[]
}

/** Reads a delimited text file with a header row. */
export async function readDelimitedTable(file: string, opts: { delimiter?: string; charset?: string; missing: MissingTokens; header?: boolean }): Promise<TextTable> {
  const text = await readTextFile(file, opts.charset)
  const delimiter = opts.delimiter ?? detectDelimiter(text, file)
  return parseDelimited(text, { file, delimiter, header: opts.header ?? true, missing: opts.missing })
}

/** Normalises an attribute entry: a bare string is a column. */
export const attributeObject = (a: AttributeMapping): Exclude<AttributeMapping, string> => (typeof a === 'string' ? { column: a } : a)

/** Columns an attribute reads, with the role text used in messages. */
export function attributeColumns(table: Table, a: Exclude<AttributeMapping, string>, field: string): [number, string][] {
  if ('oneHot' in a) return Object.keys(a.oneHot).map((c) => [resolveColumn(table, c, `${field}.oneHot`), `attribute "${a.name}" (one-hot column)`])
  return [[resolveColumn(table, a.column, `${field}.column`), `attribute "${a.name ?? a.column}"`]]
}

export async function importTabular(spec: CsvImport | ParquetImport, baseDir: string): Promise<ImportOutput> {
  const file = path.resolve(baseDir, spec.file)
  const missingTokens = new MissingTokens(spec.missingTokens)
  const table: Table =
    spec.format === 'parquet'
      ? await readParquetTable(file, missingTokens)
      : await readDelimitedTable(file, { delimiter: spec.delimiter, charset: spec.charset, missing: missingTokens })
  const warnings: string[] = []
  const n = table.rowCount
  const bound: Bound = { table, rowOf: null }

  // Resolve every role column first, so that spec mistakes are reported before data problems.
  const reserved = new Map<number, string>()
  const idCol = spec.idColumn !== undefined ? resolveColumn(table, spec.idColumn, 'idColumn') : undefined
  if (idCol !== undefined) reserved.set(idCol, 'the id column')
  const labelCol = resolveColumn(table, spec.labelColumn, 'labelColumn')
  reserved.set(labelCol, 'the label column')
  const attributes = spec.attributes.map(attributeObject)
  attributes.forEach((a, i) => {
    for (const [c, role] of attributeColumns(table, a, `attributes[${i}]`)) reserved.set(c, role)
  })
  const groupCol = spec.groupColumn !== undefined ? resolveColumn(table, spec.groupColumn, 'groupColumn') : undefined
  if (groupCol !== undefined) reserved.set(groupCol, 'the group column')
  const splitCol = spec.splitColumn !== undefined ? resolveColumn(table, spec.splitColumn, 'splitColumn') : undefined
  if (splitCol !== undefined) reserved.set(splitCol, 'the split column')

  const selections = selectModalities(table, spec.modalities, reserved, warnings, (i) => `modalities[${i}]`)

  const ids = idCol !== undefined ? readIds(table, idCol) : Array.from({ length: n }, (_, r) => `row-${table.rowNumber(r)}`)
  const { labels, classNames } = buildLabels(bound, labelCol, n, { labelOrder: spec.labelOrder, labelNames: spec.labelNames, labelClasses: spec.labelClasses, field: 'labelColumn' }, warnings)
  const attrs: AttributeData[] = attributes.map((a, i) => buildAttribute(bound, a, n, `attributes[${i}]`))
  const missing = new MissingTracker()
  const modalities: ModalityData[] = spec.modalities.map((m, i) =>
    buildModality(bound, m.name, selections[i]!, m, n, { missing, warnings, field: `modalities[${i}]` }),
  )
  const data: DatasetData = {
    ids,
    classNames,
    labels,
    modalities,
    attributes: attrs,
    ...(splitCol !== undefined ? { split: buildSplit(bound, splitCol, n) } : {}),
    ...(groupCol !== undefined ? { groups: buildGroups(bound, groupCol, n) } : {}),
  }
  applyMissingPolicy(spec, missing, warnings)
  checkClassSizes(data, 2)
  return { data, warnings }
}

/**
 * Column indices of each modality of one table. Explicit selections first; a modality without
 * one takes the remaining columns (at most one such modality per table).
 */
export function selectModalities(
  table: Table,
  mods: { name: string; columns?: string[]; range?: { from: string; to: string }; prefix?: string; exclude?: string[]; categorical?: string[] }[],
  reserved: Map<number, string>,
  warnings: string[],
  fieldOf: (i: number) => string,
): number[][] {
  const out: number[][] = new Array<number[]>(mods.length)
  const taken = new Set<number>()
  const implicit = mods.flatMap((m, i) => (hasExplicitSelection(m) ? [] : [i]))
  mods.forEach((m, i) => {
    if (!hasExplicitSelection(m)) return
    out[i] = selectColumns(table, m, { modality: m.name, field: fieldOf(i), reserved, taken, warnings })
    const overlap = out[i]!.filter((c) => taken.has(c))
    if (overlap.length) warnings.push(`Modality "${m.name}" shares ${overlap.length} column(s) with an earlier modality (e.g. "${table.columns[overlap[0]!]}").`)
    for (const c of out[i]!) taken.add(c)
  })
  if (implicit.length > 1) throw invalidMany(table, implicit.map((i) => mods[i]!.name), fieldOf(implicit[1]!))
  for (const i of implicit) out[i] = selectColumns(table, mods[i]!, { modality: mods[i]!.name, field: fieldOf(i), reserved, taken, warnings })
  return out
}

function invalidMany(table: Table, names: string[], field: string): Error {
  return invalidSpec({ field, file: table.file }, `modalities ${names.map((x) => `"${x}"`).join(' and ')} both have no column selection; give each one "columns", "range" or "prefix" (at most one may take "the remaining columns").`)
}
