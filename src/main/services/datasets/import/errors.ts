/**
 * Error helpers of the importer. Every message starts with where the problem is (file, row as
 * seen in a text editor — header = row 1 —, column) and ends with what to do about it.
 */
import { AppFailure } from '../../../../shared/result'

export interface Where {
  file?: string
  /** 1-based line (text files, header included) or record number (Parquet). */
  row?: number
  /** Column name, or 1-based column number for headerless files. */
  column?: string
  /** Spec field the problem is about (validation errors). */
  field?: string
}

export function describeWhere(where: Where): string {
  const parts: string[] = []
  if (where.file !== undefined) parts.push(where.file)
  if (where.row !== undefined) parts.push(`row ${where.row}`)
  if (where.column !== undefined) parts.push(/^\d+$/.test(where.column) ? `column ${where.column}` : `column "${where.column}"`)
  return parts.join(', ')
}

function locationOf(where: Where): NonNullable<ConstructorParameters<typeof AppFailure>[0]['location']> {
  const loc: Where = {}
  if (where.file !== undefined) loc.file = where.file
  if (where.row !== undefined) loc.row = where.row
  if (where.column !== undefined) loc.column = where.column
  if (where.field !== undefined) loc.field = where.field
  return loc
}

/** A malformed data file: the message is prefixed with the location. */
export function badInput(where: Where, message: string, details?: string[]): AppFailure {
  const prefix = describeWhere(where)
  return AppFailure.of('BAD_INPUT', prefix ? `${prefix}: ${message}` : message, {
    location: locationOf(where),
    ...(details ? { details } : {}),
  })
}

/** A spec that does not fit the files (unknown column, empty modality…). */
export function invalidSpec(where: Where, message: string, details?: string[]): AppFailure {
  const prefix = where.field ? `Import spec field "${where.field}"` : 'Import spec'
  const file = where.file ? ` (${where.file})` : ''
  return AppFailure.of('VALIDATION', `${prefix}${file}: ${message}`, {
    location: locationOf(where),
    ...(details ? { details } : {}),
  })
}

/** `; did you mean "x"?` for the closest name, when one is close enough. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  let best: string | undefined
  let bestDistance = Infinity
  const lower = name.toLowerCase()
  for (const c of candidates) {
    const d = c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase())
    if (d < bestDistance) {
      bestDistance = d
      best = c
    }
  }
  if (best === undefined || bestDistance > Math.max(2, Math.floor(name.length / 3))) return ''
  return `; did you mean "${best}"?`
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Math.abs(a.length - b.length)
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    prev = cur
  }
  return prev[b.length]!
}

/** Shows a cell value in a message (quoted, shortened). */
export function showValue(value: string): string {
  const v = value.length > 40 ? `${value.slice(0, 37)}...` : value
  return JSON.stringify(v)
}

/** "a, b, c and 4 more" */
export function listSome(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ')
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`
}

export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`
