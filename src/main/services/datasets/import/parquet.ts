/**
 * Parquet files (hyparquet, pure JS) as a `Table`. Only top-level primitive columns are
 * supported; a null is a missing value; row numbers in messages are record numbers (1-based).
 */
import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet'
import { badInput, showValue } from './errors'
import { FLOAT32_MAX, parseDecimal } from './numbers'
import { readBytes } from './read-text'
import { MissingTokens, notNumericError, type Table } from './table'

type Cell = unknown

export class ParquetTable implements Table {
  readonly hasHeader = true
  constructor(
    readonly file: string,
    readonly columns: string[],
    private readonly data: ArrayLike<Cell>[],
    readonly rowCount: number,
    private readonly missing: MissingTokens,
  ) {}

  rowNumber(r: number): number {
    return r + 1
  }

  cell(r: number, c: number): string {
    return cellText(this.data[c]![r])
  }

  isMissing(r: number, c: number): boolean {
    const v = this.data[c]![r]
    if (v === null || v === undefined) return true
    return typeof v === 'string' && this.missing.has(v)
  }

  numberAt(r: number, c: number): number {
    const v = this.data[c]![r]
    if (typeof v === 'number') {
      if (v - v === 0 && Math.abs(v) <= FLOAT32_MAX) return v
      throw notNumericError(this, r, c, String(v), v)
    }
    if (v === null || v === undefined) return NaN
    if (typeof v === 'bigint') {
      const x = Number(v)
      if (Math.abs(x) <= FLOAT32_MAX) return x
      throw notNumericError(this, r, c, String(v), x)
    }
    if (typeof v === 'boolean') return v ? 1 : 0
    const text = cellText(v)
    if (this.missing.has(text)) return NaN
    const x = parseDecimal(text, 0, text.length)
    if (x - x === 0 && Math.abs(x) <= FLOAT32_MAX) return x
    throw notNumericError(this, r, c, text, x)
  }

  isNumericOrMissing(r: number, c: number): boolean {
    const v = this.data[c]![r]
    if (v === null || v === undefined || typeof v === 'boolean' || typeof v === 'bigint') return true
    if (typeof v === 'number') return Number.isFinite(v)
    const text = cellText(v)
    if (this.missing.has(text)) return true
    const x = parseDecimal(text, 0, text.length)
    return x - x === 0
  }
}

function cellText(v: Cell): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (v instanceof Date) return v.toISOString()
  if (typeof v === 'object') return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x))
  return String(v)
}

/** Reads the whole Parquet file (the columns listed, or all) into a `ParquetTable`. */
export async function readParquetTable(file: string, missing: MissingTokens, opts: { maxRows?: number } = {}): Promise<ParquetTable> {
  const bytes = await readBytes(file)
  if (bytes.length === 0) throw badInput({ file }, 'the file is empty (0 bytes).')
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  const tail = bytes.length >= 4 ? bytes.subarray(bytes.length - 4).toString('latin1') : ''
  if (bytes.subarray(0, 4).toString('latin1') !== 'PAR1' || tail !== 'PAR1')
    throw badInput({ file }, 'this is not a Parquet file (it does not start and end with "PAR1"); use "format": "csv" for delimited text.')
  let columns: string[]
  let rowCount: number
  const data: ArrayLike<Cell>[] = []
  try {
    const metadata = parquetMetadata(ab)
    const schema = parquetSchema(metadata)
    const nested = schema.children.filter((ch) => ch.children.length > 0).map((ch) => ch.element.name)
    if (nested.length) throw badInput({ file, column: nested[0] }, `nested columns are not supported (${nested.map((x) => showValue(x)).join(', ')}).`)
    columns = schema.children.map((ch) => ch.element.name)
    rowCount = Math.min(Number(metadata.num_rows), opts.maxRows ?? Infinity)
    const chunks = new Map<string, { rowStart: number; values: ArrayLike<Cell> }[]>()
    await parquetRead({
      file: ab,
      metadata,
      rowStart: 0,
      rowEnd: rowCount,
      onChunk: (chunk) => {
        const list = chunks.get(chunk.columnName) ?? []
        list.push({ rowStart: chunk.rowStart, values: chunk.columnData as ArrayLike<Cell> })
        chunks.set(chunk.columnName, list)
      },
    })
    for (const name of columns) {
      const out = new Array<Cell>(rowCount).fill(null)
      for (const { rowStart, values } of chunks.get(name) ?? []) {
        for (let i = 0; i < values.length; i++) {
          const r = rowStart + i
          if (r < rowCount) out[r] = values[i]
        }
      }
      data.push(out)
    }
  } catch (e) {
    if (e instanceof Error && e.name === 'AppFailure') throw e
    throw badInput({ file }, `the Parquet file cannot be read (${e instanceof Error ? e.message : String(e)}).`)
  }
  if (rowCount === 0) throw badInput({ file }, 'the Parquet file has no rows.')
  return new ParquetTable(file, columns, data, rowCount, missing)
}
