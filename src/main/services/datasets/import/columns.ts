/**
 * Resolving a spec's column names against a table's header, and a modality's column selection
 * (`columns` ∪ `range` ∪ `prefix`, minus `exclude` and the role columns) to column indices.
 */
import type { ModalityMapping } from '../../../../shared/import'
import { badInput, didYouMean, invalidSpec, listSome, showValue } from './errors'
import type { Table } from './table'

/** Index of a named column; VALIDATION naming the spec field when the header lacks it. */
export function resolveColumn(table: Table, name: string, field: string): number {
  const first = table.columns.indexOf(name)
  if (first === -1) {
    const shown = table.columns.length > 12 ? `${table.columns.length} columns` : `columns: ${table.columns.map((c) => showValue(c)).join(', ')}`
    throw invalidSpec(
      { field, file: table.file },
      `the file has no column named ${showValue(name)}${didYouMean(name, table.columns)} (${shown}).`,
    )
  }
  if (table.columns.indexOf(name, first + 1) !== -1)
    throw badInput({ file: table.file, row: 1, column: name }, `the header has more than one column named ${showValue(name)}; rename them so that each name is unique.`)
  return first
}

export type Selection = Pick<ModalityMapping, 'columns' | 'range' | 'prefix' | 'exclude' | 'categorical'>

export const hasExplicitSelection = (sel: Selection): boolean => sel.columns !== undefined || sel.range !== undefined || sel.prefix !== undefined

/**
 * The column indices of a modality, in file order.
 * @param reserved role columns (id, label, attributes, group, split): never features
 * @param taken columns claimed by the file's other modalities (used when the selection is implicit)
 */
export function selectColumns(
  table: Table,
  sel: Selection,
  ctx: { modality: string; field: string; reserved: Map<number, string>; taken: Set<number>; warnings: string[] },
): number[] {
  const { reserved, field } = ctx
  const chosen = new Set<number>()
  const skipped: number[] = []
  const addImplicit = (c: number): void => {
    if (reserved.has(c)) skipped.push(c)
    else chosen.add(c)
  }
  if (!hasExplicitSelection(sel)) {
    for (let c = 0; c < table.columns.length; c++) if (!ctx.taken.has(c)) addImplicit(c)
  }
  if (sel.columns) {
    sel.columns.forEach((name, i) => {
      const c = resolveColumn(table, name, `${field}.columns[${i}]`)
      const role = reserved.get(c)
      if (role) throw invalidSpec({ field: `${field}.columns[${i}]`, file: table.file }, `column ${showValue(name)} is ${role}; it cannot also be a feature of modality "${ctx.modality}".`)
      chosen.add(c)
    })
  }
  if (sel.range) {
    const from = resolveColumn(table, sel.range.from, `${field}.range.from`)
    const to = resolveColumn(table, sel.range.to, `${field}.range.to`)
    if (from > to)
      throw invalidSpec(
        { field: `${field}.range`, file: table.file },
        `${showValue(sel.range.from)} (column ${from + 1}) comes after ${showValue(sel.range.to)} (column ${to + 1}); "from" must be the first column of the range.`,
      )
    for (let c = from; c <= to; c++) addImplicit(c)
  }
  if (sel.prefix !== undefined) {
    let matched = 0
    table.columns.forEach((name, c) => {
      if (name.startsWith(sel.prefix!)) {
        matched++
        addImplicit(c)
      }
    })
    if (matched === 0) throw invalidSpec({ field: `${field}.prefix`, file: table.file }, `no column name starts with ${showValue(sel.prefix)}.`)
  }
  sel.exclude?.forEach((name, i) => {
    chosen.delete(resolveColumn(table, name, `${field}.exclude[${i}]`))
  })
  const cols = [...chosen].sort((a, b) => a - b)
  if (cols.length === 0)
    throw invalidSpec(
      { field, file: table.file },
      `modality "${ctx.modality}" has no columns${skipped.length ? ` (its selection holds only role columns: ${listSome(skipped.map((c) => showValue(table.columns[c]!)))})` : ''}; select at least one feature column.`,
    )
  const dupes = cols.filter((c) => table.columns.indexOf(table.columns[c]!) !== c)
  if (dupes.length) {
    const name = table.columns[dupes[0]!]!
    throw badInput({ file: table.file, row: 1, column: name }, `the header has more than one column named ${showValue(name)}; feature names must be unique within a file.`)
  }
  const sensitive = skipped.filter((c) => reserved.get(c)!.startsWith('attribute'))
  if (sensitive.length)
    ctx.warnings.push(
      `Modality "${ctx.modality}": ${listSome(sensitive.map((c) => `${showValue(table.columns[c]!)} (${reserved.get(c)})`))} left out of the features (sensitive attributes are never features).`,
    )
  sel.categorical?.forEach((name, i) => {
    const c = resolveColumn(table, name, `${field}.categorical[${i}]`)
    if (!chosen.has(c)) throw invalidSpec({ field: `${field}.categorical[${i}]`, file: table.file }, `column ${showValue(name)} is not among the columns of modality "${ctx.modality}".`)
  })
  return cols
}
