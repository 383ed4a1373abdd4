/**
 * A read-only table of cells, the common form of a parsed CSV/TSV or Parquet file. The mapping
 * code (labels, attributes, modalities) works on this interface only.
 */
import { badInput, showValue, type Where } from './errors'
import { FLOAT32_MAX, isNanOrInfText } from './numbers'

/** Which cell texts mean "missing". */
export class MissingTokens {
  readonly empty: boolean
  private readonly tokens: Set<string>
  private readonly lengths: Set<number>
  constructor(tokens: readonly string[]) {
    this.empty = tokens.includes('')
    this.tokens = new Set(tokens.filter((t) => t !== ''))
    this.lengths = new Set([...this.tokens].map((t) => t.length))
  }
  /** Does the text in [s, e) of `text` spell a missing token? (Only slices when the length matches a token.) */
  matchRange(text: string, s: number, e: number): boolean {
    if (s === e) return this.empty
    return this.lengths.has(e - s) && this.tokens.has(text.slice(s, e))
  }
  has(value: string): boolean {
    return value === '' ? this.empty : this.tokens.has(value)
  }
  /** Tokens that would also read as numbers (e.g. `-999`): these must be checked before parsing. */
  get anyNumericLike(): boolean {
    for (const t of this.tokens) if (/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(t)) return true
    return false
  }
  get list(): string[] {
    return [...(this.empty ? [''] : []), ...this.tokens]
  }
}

export interface Table {
  /** File path as shown in messages. */
  readonly file: string
  readonly columns: readonly string[]
  readonly hasHeader: boolean
  readonly rowCount: number
  /** The row number a user sees (1-based text line, header included; record number for Parquet). */
  rowNumber(r: number): number
  /** Raw cell text ('' for a Parquet null). */
  cell(r: number, c: number): string
  isMissing(r: number, c: number): boolean
  /**
   * The cell as a number: NaN when missing; throws BAD_INPUT for text that is not a number,
   * NaN/Inf, or a value outside float32 range.
   */
  numberAt(r: number, c: number): number
  /** Can the cell be read as a finite number (or is it missing)? Never throws. */
  isNumericOrMissing(r: number, c: number): boolean
}

/** Where a cell is, for messages. */
export function cellWhere(t: Table, r: number, c: number): Where {
  return { file: t.file, row: t.rowNumber(r), column: t.hasHeader ? t.columns[c] : String(c + 1) }
}

/** The BAD_INPUT error for a feature cell that is not a usable number. */
export function notNumericError(t: Table, r: number, c: number, text: string, value: number): Error {
  const where = cellWhere(t, r, c)
  if (text.trim() === '')
    return badInput(where, 'empty cell in a numeric feature column; empty cells are not listed in "missingTokens", add "" there to read them as missing.')
  if (isNanOrInfText(text) || (Number.isFinite(value) === false && !Number.isNaN(value)))
    return badInput(
      where,
      `${showValue(text)} (NaN or infinity) in a numeric feature column; fix the value, or if it marks a missing value add ${showValue(text.trim())} to "missingTokens".`,
    )
  if (Number.isFinite(value) && Math.abs(value) > FLOAT32_MAX)
    return badInput(where, `${showValue(text)} is outside the range of 32-bit floats (±3.4e38); rescale the column.`)
  return badInput(
    where,
    `${showValue(text)} is not a number, in a numeric feature column; fix the value, list it in "missingTokens" if it marks a missing value, or use "encoding": "onehot" (or "auto", or "categorical": [...]) for a categorical column.`,
  )
}
