/**
 * CSV/TSV parsing (RFC 4180 quoting, `\n`, `\r\n` or `\r` line ends) into cell offsets: one pass
 * over the text that records where each cell starts and ends in two Int32Arrays, with no string
 * per cell. Numbers are parsed later straight from those ranges (`parseDecimal`), and strings
 * are cut out only for the columns that need them (labels, ids, categorical features).
 *
 * Empty lines are skipped. A row with a different number of fields than the header (or the
 * first row of a headerless file) is refused with its line number.
 */
import { badInput, showValue } from './errors'
import { FLOAT32_MAX, parseDecimal } from './numbers'
import { MissingTokens, notNumericError, type Table } from './table'

const CANDIDATES = [',', '\t', ';', '|']

/** Counts each candidate delimiter in the first line (outside quotes) and picks one. */
export function detectDelimiter(text: string, fileName: string): string {
  const byExt = /\.(tsv|tab)(\.gz)?$/i.test(fileName) ? '\t' : /\.csv(\.gz)?$/i.test(fileName) ? ',' : undefined
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]))
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1)
  }
  if (byExt && counts.get(byExt)! > 0) return byExt
  let best = byExt ?? ','
  let bestCount = 0
  for (const [c, n] of counts) {
    if (n > bestCount) {
      best = c
      bestCount = n
    }
  }
  return best
}

export interface ParseOptions {
  file: string
  delimiter: string
  header: boolean
  missing: MissingTokens
  /** Stop after this many data rows (previews). */
  maxRows?: number
  /** The text was cut off: drop a last record without a line end. */
  truncated?: boolean
}

export class TextTable implements Table {
  readonly file: string
  readonly columns: string[]
  readonly hasHeader: boolean
  readonly rowCount: number
  readonly delimiter: string
  private readonly text: string
  private readonly starts: Int32Array
  /** End offset; a negative value ~e marks a quoted cell with doubled quotes to unescape. */
  private readonly ends: Int32Array
  private readonly lines: Int32Array
  private readonly nCols: number
  private readonly missing: MissingTokens
  private readonly checkNumericTokens: boolean

  constructor(init: {
    file: string
    columns: string[]
    hasHeader: boolean
    rowCount: number
    delimiter: string
    text: string
    starts: Int32Array
    ends: Int32Array
    lines: Int32Array
    missing: MissingTokens
  }) {
    this.file = init.file
    this.columns = init.columns
    this.hasHeader = init.hasHeader
    this.rowCount = init.rowCount
    this.delimiter = init.delimiter
    this.text = init.text
    this.starts = init.starts
    this.ends = init.ends
    this.lines = init.lines
    this.nCols = init.columns.length
    this.missing = init.missing
    this.checkNumericTokens = init.missing.anyNumericLike
  }

  rowNumber(r: number): number {
    return this.lines[r]!
  }

  cell(r: number, c: number): string {
    const k = r * this.nCols + c
    const s = this.starts[k]!
    const e = this.ends[k]!
    return e >= 0 ? this.text.slice(s, e) : this.text.slice(s, ~e).replaceAll('""', '"')
  }

  isMissing(r: number, c: number): boolean {
    const k = r * this.nCols + c
    const e = this.ends[k]!
    if (e >= 0) return this.missing.matchRange(this.text, this.starts[k]!, e)
    return this.missing.has(this.cell(r, c))
  }

  numberAt(r: number, c: number): number {
    const k = r * this.nCols + c
    const s = this.starts[k]!
    const e = this.ends[k]!
    if (e < 0 || this.checkNumericTokens) return this.slowNumber(r, c)
    if (s === e) {
      if (this.missing.empty) return NaN
      throw notNumericError(this, r, c, '', NaN)
    }
    const v = parseDecimal(this.text, s, e)
    if (v - v === 0 && v <= FLOAT32_MAX && v >= -FLOAT32_MAX) return v
    return this.slowNumber(r, c)
  }

  private slowNumber(r: number, c: number): number {
    const text = this.cell(r, c)
    if (this.missing.has(text)) return NaN
    const v = parseDecimal(text, 0, text.length)
    if (v - v === 0 && Math.abs(v) <= FLOAT32_MAX) return v
    throw notNumericError(this, r, c, text, v)
  }

  isNumericOrMissing(r: number, c: number): boolean {
    if (this.isMissing(r, c)) return true
    const k = r * this.nCols + c
    const e = this.ends[k]!
    let v: number
    if (e >= 0) v = parseDecimal(this.text, this.starts[k]!, e)
    else {
      const text = this.cell(r, c)
      v = parseDecimal(text, 0, text.length)
    }
    return v - v === 0 && Math.abs(v) <= FLOAT32_MAX
  }
}

/** Parses delimited text into a `TextTable`. */
export function parseDelimited(text: string, opts: ParseOptions): TextTable {
  const { file } = opts
  const D = opts.delimiter.charCodeAt(0)
  if (opts.delimiter === '"' || opts.delimiter === '\n' || opts.delimiter === '\r') throw badInput({ file }, `${showValue(opts.delimiter)} cannot be a delimiter.`)
  const n = text.length
  let pos = 0
  let line = 1

  // Estimate the number of records from the line count, to size the offset arrays once.
  let lineCount = 1
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineCount++

  let nCols = -1
  let columns: string[] = []
  let cap = 0
  let starts = new Int32Array(0)
  let ends = new Int32Array(0)
  let lines = new Int32Array(0)
  let rows = 0
  const maxRows = opts.maxRows ?? Infinity
  const header: string[] = []

  const ensure = (needRows: number): void => {
    if (needRows <= cap) return
    const newCap = Math.max(needRows, Math.ceil(cap * 1.5) + 16)
    const s2 = new Int32Array(newCap * nCols)
    s2.set(starts)
    const e2 = new Int32Array(newCap * nCols)
    e2.set(ends)
    const l2 = new Int32Array(newCap)
    l2.set(lines)
    starts = s2
    ends = e2
    lines = l2
    cap = newCap
  }

  const setCols = (count: number): void => {
    nCols = count
    ensure(Math.min(lineCount, maxRows === Infinity ? lineCount : maxRows + 1))
  }

  // Cells of the first record are kept aside until the column count is known.
  const firstStarts: number[] = []
  const firstEnds: number[] = []

  while (pos < n && rows < maxRows) {
    const c0 = text.charCodeAt(pos)
    if (c0 === 10) {
      pos++
      line++
      continue
    }
    if (c0 === 13) {
      pos++
      if (pos < n && text.charCodeAt(pos) === 10) pos++
      line++
      continue
    }
    const recordLine = line
    const recordStart = pos
    if (nCols >= 0 && rows >= cap) ensure(rows + 1)
    let field = 0
    const base = rows * (nCols < 0 ? 0 : nCols)
    let terminated = false
    for (;;) {
      let s: number
      let e: number
      if (pos < n && text.charCodeAt(pos) === 34) {
        // quoted field
        pos++
        s = pos
        let escaped = false
        for (;;) {
          const q = text.indexOf('"', pos)
          if (q === -1) {
            if (opts.truncated) return finish()
            throw badInput({ file, row: recordLine }, 'a quoted field is never closed (a `"` is missing).')
          }
          for (let i = text.indexOf('\n', pos); i !== -1 && i < q; i = text.indexOf('\n', i + 1)) line++
          if (q + 1 < n && text.charCodeAt(q + 1) === 34) {
            escaped = true
            pos = q + 2
            continue
          }
          e = q
          pos = q + 1
          break
        }
        if (pos < n) {
          const after = text.charCodeAt(pos)
          if (after !== D && after !== 10 && after !== 13)
            throw badInput({ file, row: recordLine }, `unexpected text after the closing quote of field ${field + 1}; quotes inside a quoted field must be doubled ("").`)
        }
        if (escaped) e = ~e
      } else {
        s = pos
        while (pos < n) {
          const ch = text.charCodeAt(pos)
          if (ch === D || ch === 10 || ch === 13) break
          pos++
        }
        e = pos
      }
      if (nCols < 0) {
        firstStarts.push(s)
        firstEnds.push(e)
      } else {
        if (field >= nCols) throw raggedError(text, opts, recordStart, recordLine, nCols)
        starts[base + field] = s
        ends[base + field] = e
      }
      field++
      if (pos < n && text.charCodeAt(pos) === D) {
        pos++
        continue
      }
      // end of record
      if (pos < n) {
        terminated = true
        if (text.charCodeAt(pos) === 13) pos++
        if (pos < n && text.charCodeAt(pos) === 10) pos++
        line++
      }
      break
    }
    if (!terminated && opts.truncated) break
    if (nCols < 0) {
      const cells = firstStarts.map((s, i) => {
        const e = firstEnds[i]!
        return e >= 0 ? text.slice(s, e) : text.slice(s, ~e).replaceAll('""', '"')
      })
      setCols(cells.length)
      if (opts.header) {
        header.push(...cells)
        continue
      }
      for (let i = 0; i < nCols; i++) {
        starts[i] = firstStarts[i]!
        ends[i] = firstEnds[i]!
      }
    } else if (field !== nCols) {
      throw raggedError(text, opts, recordStart, recordLine, nCols)
    }
    lines[rows] = recordLine
    rows++
  }
  return finish()

  function finish(): TextTable {
    if (nCols < 0) throw badInput({ file }, 'the file is empty (no rows).')
    columns = opts.header ? header : Array.from({ length: nCols }, (_, i) => String(i + 1))
    if (rows === 0) throw badInput({ file }, opts.header ? 'the file has a header row but no data rows.' : 'the file has no data rows.')
    return new TextTable({
      file,
      columns,
      hasHeader: opts.header,
      rowCount: rows,
      delimiter: opts.delimiter,
      text,
      starts: starts.subarray(0, rows * nCols),
      ends: ends.subarray(0, rows * nCols),
      lines: lines.subarray(0, rows),
      missing: opts.missing,
    })
  }
}

/** Counts the fields of the record at `start` (slow path, for the error message only). */
function raggedError(text: string, opts: ParseOptions, start: number, row: number, expected: number): Error {
  let fields = 1
  let quoted = false
  for (let i = start; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && ch === opts.delimiter) fields++
  }
  const what = opts.header ? 'the header has' : 'the first row has'
  const delim = opts.delimiter === '\t' ? 'tab' : showValue(opts.delimiter)
  return badInput(
    { file: opts.file, row },
    `ragged row: ${fields} fields where ${what} ${expected} (delimiter ${delim}); check for a missing or extra delimiter, or an unquoted delimiter inside a value.`,
  )
}
