/**
 * `join` imports: several delimited files joined on their id columns (e.g. TCGA: `rna.csv`,
 * `mirna.csv`, `clinical.csv`, `target.csv`, keyed by patient barcode).
 *
 * The label file defines the samples and their order. An id of another file that the label
 * file lacks is refused ("unknown id in a join": a row nobody can label). A labelled id that
 * another file lacks follows `missingIds`: refused (default), the sample dropped, or kept with
 * that file's modality NaN and its attributes unknown.
 */
import path from 'node:path'
import type { AttributeData, DatasetData, ModalityData } from '../../../../shared/dataset'
import { fileStem, joinFileMatches, type JoinFile, type JoinImport } from '../../../../shared/import'
import { buildAttribute, buildGroups, buildModality, buildSplit, MissingTracker, readIds, type Bound } from './build'
import { buildLabels } from './labels'
import { applyMissingPolicy, checkClassSizes } from './checks'
import { resolveColumn } from './columns'
import { badInput, listSome, plural, showValue } from './errors'
import { attributeColumns, readDelimitedTable, selectModalities, type ImportOutput } from './tabular'
import { MissingTokens, type Table } from './table'

interface Loaded {
  entry: JoinFile
  index: number
  table: Table
  idCol: number
  ids: string[]
  /** Sample (label-file order) → row, -1 when absent. */
  rowOf: Int32Array
  reserved: Map<number, string>
}

export async function importJoin(spec: JoinImport, baseDir: string): Promise<ImportOutput> {
  const folder = spec.folder ? path.resolve(baseDir, spec.folder) : baseDir
  const missingTokens = new MissingTokens(spec.missingTokens)
  const warnings: string[] = []

  const tables = await Promise.all(
    spec.files.map((entry) =>
      readDelimitedTable(path.resolve(folder, entry.path), {
        delimiter: entry.delimiter ?? spec.delimiter,
        charset: entry.charset ?? spec.charset,
        missing: missingTokens,
      }),
    ),
  )
  const fileIndex = (ref: string): number => {
    const exact = spec.files.findIndex((f) => f.path === ref || f.name === ref)
    return exact !== -1 ? exact : spec.files.findIndex((f) => joinFileMatches(f, ref))
  }

  // Role columns of each file (resolved before any data is read, so spec mistakes come first).
  const loaded: Loaded[] = spec.files.map((entry, index) => {
    const table = tables[index]!
    const idCol = resolveColumn(table, entry.idColumn, `files[${index}].idColumn`)
    return { entry, index, table, idCol, ids: [], rowOf: new Int32Array(0), reserved: new Map([[idCol, 'the id column']]) }
  })
  const labelFile = loaded[fileIndex(spec.labelFrom.file)]!
  const labelCol = resolveColumn(labelFile.table, spec.labelFrom.column, 'labelFrom.column')
  labelFile.reserved.set(labelCol, 'the label column')
  spec.attributes.forEach((a, i) => {
    const f = loaded[fileIndex(a.file)]!
    for (const [c, role] of attributeColumns(f.table, a, `attributes[${i}]`)) f.reserved.set(c, role)
  })
  const groupFile = spec.groupFrom ? loaded[fileIndex(spec.groupFrom.file)]! : undefined
  const groupCol = spec.groupFrom && groupFile ? resolveColumn(groupFile.table, spec.groupFrom.column, 'groupFrom.column') : undefined
  if (groupFile && groupCol !== undefined) groupFile.reserved.set(groupCol, 'the group column')
  const splitFile = spec.splitFrom ? loaded[fileIndex(spec.splitFrom.file)]! : undefined
  const splitCol = spec.splitFrom && splitFile ? resolveColumn(splitFile.table, spec.splitFrom.column, 'splitFrom.column') : undefined
  if (splitFile && splitCol !== undefined) splitFile.reserved.set(splitCol, 'the split column')

  const modalityFiles = loaded.filter((f) => f.entry.role === 'modality')
  const selections = new Map<Loaded, number[]>()
  for (const f of modalityFiles) {
    const [cols] = selectModalities(f.table, [{ ...f.entry, name: modalityName(f.entry) }], f.reserved, warnings, () => `files[${f.index}]`)
    selections.set(f, cols!)
  }

  // Ids and the join.
  for (const f of loaded) f.ids = readIds(f.table, f.idCol)
  let sampleIds = labelFile.ids
  const sampleOf = new Map(sampleIds.map((id, i) => [id, i]))
  for (const f of loaded) {
    f.rowOf = new Int32Array(sampleIds.length).fill(-1)
    const unknown: number[] = []
    f.ids.forEach((id, r) => {
      const i = sampleOf.get(id)
      if (i === undefined) unknown.push(r)
      else f.rowOf[i] = r
    })
    if (unknown.length) {
      const r = unknown[0]!
      throw badInput(
        { file: f.table.file, row: f.table.rowNumber(r), column: f.table.columns[f.idCol] },
        `unknown id in a join: ${showValue(f.ids[r]!)} is not in the label file ${labelFile.table.file}` +
          `${unknown.length > 1 ? ` (${plural(unknown.length, 'id')} of this file are not: ${listSome(unknown.map((x) => showValue(f.ids[x]!)))})` : ''}; ` +
          'a row without a label cannot be used: remove it, or add its label.',
      )
    }
  }
  const absent = loaded.map((f) => {
    const list: number[] = []
    f.rowOf.forEach((r, i) => {
      if (r < 0) list.push(i)
    })
    return list
  })
  const incomplete = loaded.map((f, k) => ({ f, list: absent[k]! })).filter((x) => x.list.length > 0)
  if (incomplete.length) {
    const lines = incomplete.map(({ f, list }) => `${f.table.file} lacks ${plural(list.length, 'labelled id')} (${listSome(list.map((i) => showValue(sampleIds[i]!)))})`)
    if (spec.missingIds === 'reject') {
      throw badInput(
        { file: incomplete[0]!.f.table.file },
        `${lines.join('; ')}. Every labelled sample must be in every file; set "missingIds": "drop" to drop such samples, or "keep" (with "missing": "keep") to keep them with that modality missing.`,
        lines,
      )
    }
    if (spec.missingIds === 'drop') {
      const drop = new Set(incomplete.flatMap((x) => x.list))
      const keep = sampleIds.flatMap((_, i) => (drop.has(i) ? [] : [i]))
      sampleIds = keep.map((i) => sampleIds[i]!)
      for (const f of loaded) f.rowOf = Int32Array.from(keep, (i) => f.rowOf[i]!)
      warnings.push(`Dropped ${plural(drop.size, 'sample')} absent from some file: ${lines.join('; ')}.`)
    } else {
      warnings.push(`Kept samples absent from some file with that file's values missing: ${lines.join('; ')}.`)
    }
  }

  const n = sampleIds.length
  const bind = (f: Loaded): Bound => ({ table: f.table, rowOf: f.rowOf })
  const { labels, classNames } = buildLabels(bind(labelFile), labelCol, n, { labelOrder: spec.labelOrder, labelNames: spec.labelNames, labelClasses: spec.labelClasses, field: 'labelFrom' }, warnings)
  const attributes: AttributeData[] = spec.attributes.map((a, i) => buildAttribute(bind(loaded[fileIndex(a.file)]!), a, n, `attributes[${i}]`))
  const missing = new MissingTracker()
  const modalities: ModalityData[] = modalityFiles.map((f) =>
    buildModality(bind(f), modalityName(f.entry), selections.get(f)!, f.entry, n, {
      missing,
      warnings,
      field: `files[${f.index}]`,
      absentWhy: (i) => `id ${showValue(sampleIds[i]!)} has no row in this file`,
    }),
  )
  const data: DatasetData = {
    ids: sampleIds,
    classNames,
    labels,
    modalities,
    attributes,
    ...(splitFile && splitCol !== undefined ? { split: buildSplit(bind(splitFile), splitCol, n) } : {}),
    ...(groupFile && groupCol !== undefined ? { groups: buildGroups(bind(groupFile), groupCol, n) } : {}),
  }
  applyMissingPolicy(spec, missing, warnings)
  checkClassSizes(data, 2)
  return { data, warnings }
}

const modalityName = (entry: JoinFile): string => entry.name ?? fileStem(entry.path)
