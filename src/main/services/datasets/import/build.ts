/**
 * Turning table columns into the parts of a `DatasetData`: ids, labels, attributes, grouping
 * key, split and modality matrices. Samples are numbered 0..N-1; each table is bound to them
 * through `rowOf` (sample → row of that table, -1 when the table has no row for the sample).
 */
import type { AttributeData, ModalityData } from '../../../../shared/dataset'
import type { AttributeMapping, ModalityMapping } from '../../../../shared/import'
import { badInput, invalidSpec, listSome, showValue, type Where } from './errors'
import { resolveColumn } from './columns'
import { cellWhere, type Table } from './table'

export interface Bound {
  table: Table
  /** Sample → row (-1: no row); null = identity. */
  rowOf: Int32Array | null
}

export const rowFor = (b: Bound, i: number): number => (b.rowOf ? b.rowOf[i]! : i)

/** Counts missing feature values and remembers the first one. */
export class MissingTracker {
  count = 0
  first: { where: Where; what: string } | undefined
  add(n: number, where: () => Where, what = 'missing value'): void {
    if (n <= 0) return
    if (this.count === 0) this.first = { where: where(), what }
    this.count += n
  }
}

/** Natural order: numbers by value (before text), then text by code points. */
export function naturalCompare(a: string, b: string): number {
  const x = a.trim() === '' ? NaN : Number(a)
  const y = b.trim() === '' ? NaN : Number(b)
  const xn = Number.isFinite(x)
  const yn = Number.isFinite(y)
  if (xn && yn) return x - y || (a < b ? -1 : a > b ? 1 : 0)
  if (xn !== yn) return xn ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

/** Looks `raw` up in a user-written map: exact key first, then a numerically equal key (`"1"` finds `"1.0"`). */
export function lookupKey<T>(map: Record<string, T>, raw: string): T | undefined {
  if (Object.hasOwn(map, raw)) return map[raw]
  const x = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(x)) return undefined
  for (const k of Object.keys(map)) if (k.trim() !== '' && Number(k) === x) return map[k]
  return undefined
}

/** Ids of a column: no missing, no duplicate (both refused with their rows). */
export function readIds(table: Table, col: number, label = 'id'): string[] {
  const ids = new Array<string>(table.rowCount)
  const seen = new Map<string, number>()
  for (let r = 0; r < table.rowCount; r++) {
    const id = table.cell(r, col)
    if (id.trim() === '') throw badInput(cellWhere(table, r, col), `missing ${label}; every row needs one.`)
    const before = seen.get(id)
    if (before !== undefined)
      throw badInput(cellWhere(table, r, col), `duplicate ${label} ${showValue(id)} (also on row ${table.rowNumber(before)}); ids must be unique.`)
    seen.set(id, r)
    ids[r] = id
  }
  return ids
}

/** One sensitive attribute, from a column or from one-hot indicator columns. */
export function buildAttribute(b: Bound, mapping: Exclude<AttributeMapping, string>, n: number, field: string): AttributeData {
  const { table } = b
  const values = new Int32Array(n).fill(-1)
  const names: (string | null)[] = new Array<string | null>(n).fill(null)
  let name: string
  if ('oneHot' in mapping) {
    name = mapping.name
    const cols = Object.keys(mapping.oneHot).map((c) => ({ col: resolveColumn(table, c, `${field}.oneHot`), group: mapping.oneHot[c]! }))
    for (let i = 0; i < n; i++) {
      const r = rowFor(b, i)
      if (r < 0) continue
      let hit: (typeof cols)[number] | undefined
      let unknown = false
      for (const c of cols) {
        if (table.isMissing(r, c.col)) {
          unknown = true
          continue
        }
        const v = table.numberAt(r, c.col)
        if (v === 0) continue
        if (v !== 1)
          throw badInput(cellWhere(table, r, c.col), `${showValue(table.cell(r, c.col))} in a one-hot column of attribute "${name}"; expected 0 or 1.`)
        if (hit)
          throw badInput(
            { file: table.file, row: table.rowNumber(r) },
            `more than one one-hot column of attribute "${name}" is 1 (${showValue(table.columns[hit.col]!)} and ${showValue(table.columns[c.col]!)}); a sample belongs to one group.`,
          )
        hit = c
      }
      names[i] = hit ? hit.group : unknown ? null : mapping.none
    }
  } else {
    const col = resolveColumn(table, mapping.column, `${field}.column`)
    name = mapping.name ?? mapping.column
    for (let i = 0; i < n; i++) {
      const r = rowFor(b, i)
      if (r < 0 || table.isMissing(r, col)) continue
      const raw = table.cell(r, col)
      if (mapping.groupNames) {
        const g = lookupKey(mapping.groupNames, raw)
        if (g === undefined)
          throw badInput(
            cellWhere(table, r, col),
            `value ${showValue(raw)} of attribute "${name}" is not listed in its "groupNames" (${Object.keys(mapping.groupNames).map((k) => showValue(k)).join(', ')}); add it, or list the value in "missingTokens" if it means unknown.`,
          )
        names[i] = g
      } else names[i] = raw
    }
  }
  const groups = [...new Set(names.filter((g): g is string => g !== null))].sort(naturalCompare)
  const index = new Map(groups.map((g, k) => [g, k]))
  for (let i = 0; i < n; i++) {
    const g = names[i]
    if (g !== null && g !== undefined) values[i] = index.get(g)!
  }
  if (groups.length < 2) {
    const unknown = names.filter((g) => g === null).length
    throw badInput(
      { file: table.file, ...('column' in mapping ? { column: mapping.column } : {}) },
      `sensitive attribute "${name}" has ${groups.length === 0 ? 'no group at all' : `only one group (${showValue(groups[0]!)})`}${unknown ? ` and ${unknown} unknown` : ''}; fairness needs at least two groups — drop the attribute or check its column.`,
    )
  }
  return { name, groups, values }
}

/** Grouping key per sample ('' when missing: such a sample is a group of its own). */
export function buildGroups(b: Bound, col: number, n: number): string[] {
  const out = new Array<string>(n)
  for (let i = 0; i < n; i++) {
    const r = rowFor(b, i)
    out[i] = r < 0 || b.table.isMissing(r, col) ? '' : b.table.cell(r, col)
  }
  return out
}

/** Predefined split: `train` → 0, `test` → 1 (case-insensitive). */
export function buildSplit(b: Bound, col: number, n: number): Uint8Array {
  const out = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const r = rowFor(b, i)
    if (r < 0) throw badInput({ file: b.table.file }, `sample ${i + 1} has no split value.`)
    const v = b.table.cell(r, col).trim().toLowerCase()
    if (v === 'train' || v === 'training') out[i] = 0
    else if (v === 'test' || v === 'testing') out[i] = 1
    else throw badInput(cellWhere(b.table, r, col), `split value ${showValue(b.table.cell(r, col))}; expected "train" or "test".`)
  }
  return out
}

const OTHER = '(other)'
const MISSING = '(missing)'
/** More distinct values than this in a one-hot column without `maxCategories` is refused (an id column by mistake?). */
const MAX_AUTO_CATEGORIES = 1000

interface ColumnPlan {
  col: number
  offset: number
  /** Numeric column: undefined. One-hot: category → feature index within the block. */
  categories?: Map<string, number>
  /** One-hot: value code per sample (-1 = missing or absent), and code → feature index. */
  codes?: Int32Array
  featureOfCode?: Int32Array
  other?: number
  missingAt?: number
  width: number
}

/** One modality's feature matrix from the selected columns of a bound table. */
export function buildModality(
  b: Bound,
  name: string,
  cols: number[],
  opts: Pick<ModalityMapping, 'encoding' | 'categorical' | 'maxCategories' | 'missingIndicator'>,
  n: number,
  ctx: { missing: MissingTracker; warnings: string[]; field: string; absentWhy?: (i: number) => string },
): ModalityData {
  const { table } = b
  const forced = new Set((opts.categorical ?? []).map((c) => table.columns.indexOf(c)))
  const featureNames: string[] = []
  const plans: ColumnPlan[] = []
  let constant: string[] = []
  for (const col of cols) {
    const colName = table.columns[col]!
    let onehot = opts.encoding === 'onehot' || forced.has(col)
    if (!onehot && opts.encoding === 'auto') {
      for (let i = 0; i < n; i++) {
        const r = rowFor(b, i)
        if (r >= 0 && !table.isNumericOrMissing(r, col)) {
          onehot = true
          break
        }
      }
    }
    if (!onehot) {
      plans.push({ col, offset: featureNames.length, width: 1 })
      featureNames.push(colName)
      continue
    }
    // One pass: a code per sample (-1 missing or absent), values in order of first appearance.
    const codeOf = new Map<string, number>()
    const codes = new Int32Array(n).fill(-1)
    const tally: number[] = []
    let anyMissing = false
    for (let i = 0; i < n; i++) {
      const r = rowFor(b, i)
      if (r < 0) continue
      if (table.isMissing(r, col)) {
        anyMissing = true
        continue
      }
      const v = table.cell(r, col)
      let code = codeOf.get(v)
      if (code === undefined) {
        code = tally.length
        codeOf.set(v, code)
        tally.push(0)
      }
      tally[code]!++
      codes[i] = code
    }
    const counts = new Map([...codeOf].map(([v, code]) => [v, tally[code]!]))
    let kept = [...counts.keys()]
    let other = false
    if (opts.maxCategories !== undefined && kept.length > opts.maxCategories) {
      kept = kept.sort((x, y) => counts.get(y)! - counts.get(x)! || naturalCompare(x, y)).slice(0, opts.maxCategories)
      other = true
    } else if (kept.length > MAX_AUTO_CATEGORIES) {
      throw invalidSpec(
        { field: `${ctx.field}.maxCategories`, file: table.file },
        `column ${showValue(colName)} has ${kept.length} distinct values, too many to one-hot encode; set "maxCategories" (the rest become "${colName}=${OTHER}") or leave the column out.`,
      )
    }
    kept.sort(naturalCompare)
    const categories = new Map(kept.map((v, k) => [v, k]))
    const plan: ColumnPlan = { col, offset: featureNames.length, categories, codes, width: kept.length }
    for (const v of kept) featureNames.push(`${colName}=${v}`)
    if (other) {
      plan.other = plan.width++
      featureNames.push(`${colName}=${OTHER}`)
    }
    if (opts.missingIndicator && anyMissing) {
      plan.missingAt = plan.width++
      featureNames.push(`${colName}=${MISSING}`)
    }
    plan.featureOfCode = Int32Array.from(codeOf.keys(), (v) => categories.get(v) ?? plan.other!)
    if (plan.width === 1 && !anyMissing) constant.push(colName)
    plans.push(plan)
  }
  if (constant.length) {
    ctx.warnings.push(`Modality "${name}": ${listSome(constant.map((c) => showValue(c)))} ${constant.length === 1 ? 'has' : 'have'} a single value (constant feature).`)
    constant = []
  }
  const d = featureNames.length
  const values = new Float32Array(n * d)
  const numeric = plans.filter((p) => !p.categories)
  const numCols = Int32Array.from(numeric, (p) => p.col)
  const numOffsets = Int32Array.from(numeric, (p) => p.offset)
  const categorical = plans.filter((p) => p.categories)
  for (let i = 0; i < n; i++) {
    const r = rowFor(b, i)
    const base = i * d
    if (r < 0) {
      values.fill(NaN, base, base + d)
      ctx.missing.add(plans.length, () => ({ file: table.file }), ctx.absentWhy?.(i) ?? `sample ${i + 1} has no row`)
      continue
    }
    for (let j = 0; j < numCols.length; j++) {
      const v = table.numberAt(r, numCols[j]!)
      values[base + numOffsets[j]!] = v
      if (v !== v) ctx.missing.add(1, () => cellWhere(table, r, numCols[j]!))
    }
    for (const p of categorical) {
      const at = base + p.offset
      const code = p.codes![i]!
      if (code >= 0) values[at + p.featureOfCode![code]!] = 1
      else if (p.missingAt !== undefined) values[at + p.missingAt] = 1
      else {
        values.fill(NaN, at, at + p.width)
        ctx.missing.add(1, () => cellWhere(table, r, p.col))
      }
    }
  }
  return { name, featureNames, values }
}
