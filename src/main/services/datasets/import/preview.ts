/**
 * A quick look at a file for the import wizard: header, the first rows, the delimiter and an
 * inferred kind per column. Large files are read only in part (the first 4 MiB of text).
 */
import { open } from 'node:fs/promises'
import { badInput } from './errors'
import { detectDelimiter, parseDelimited } from './delimited'
import { readParquetTable } from './parquet'
import { decodeText, readPrefix } from './read-text'
import { MissingTokens, type Table } from './table'

export type InferredKind = 'numeric' | 'categorical' | 'empty'

export interface FilePreview {
  columns: { name: string; inferred: InferredKind }[]
  rows: string[][]
  /** The delimiter found (or given); '' for a Parquet file. */
  delimiter: string
  /** Data rows (header excluded): exact when the whole file was read (and parsed), else estimated from the lines of the part read. */
  totalRowsEstimate?: number
}

export interface PreviewOptions {
  delimiter?: string
  /** The first row is a header (default true); without one, columns are named 1, 2, … (MOGONET matrices). */
  header?: boolean
  charset?: string
  /** Texts read as missing when inferring kinds (default: '', NA, N/A, NaN, nan, null, NULL, ?). */
  missingTokens?: string[]
}

const PREVIEW_MISSING = ['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '?']
const PREFIX_BYTES = 4 * 1024 * 1024
/** Rows used to infer column kinds (more than are shown). */
const INFER_ROWS = 1000

export async function previewFile(file: string, rows = 20, opts: PreviewOptions = {}): Promise<FilePreview> {
  const tokens = new MissingTokens(opts.missingTokens ?? PREVIEW_MISSING)
  const prefix = await readPrefix(file, PREFIX_BYTES)
  if (prefix.bytes.length === 0) throw badInput({ file }, 'the file is empty (0 bytes).')
  if (!prefix.gzip && prefix.bytes.subarray(0, 4).toString('latin1') === 'PAR1') {
    const table = await readParquetTable(file, tokens)
    return { ...describe(table, rows), delimiter: '', totalRowsEstimate: table.rowCount }
  }
  let bytes = prefix.bytes
  if (!prefix.complete) {
    const lastNewline = bytes.lastIndexOf(0x0a)
    if (lastNewline > 0) bytes = bytes.subarray(0, lastNewline + 1)
  }
  const text = decodeText(bytes, file, opts.charset)
  if (text.trim() === '') throw badInput({ file }, 'the file is empty (no text in it).')
  const delimiter = opts.delimiter ?? detectDelimiter(text, file)
  const table = parseDelimited(text, { file, delimiter, header: opts.header ?? true, missing: tokens, maxRows: Math.max(rows, INFER_ROWS), truncated: !prefix.complete })
  let totalRowsEstimate: number | undefined
  if (prefix.complete && table.rowCount < Math.max(rows, INFER_ROWS)) totalRowsEstimate = table.rowCount
  else {
    let lines = 0
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++
    const total = prefix.complete ? text.length : await totalTextBytes(file, prefix.gzip)
    const ratio = prefix.complete ? 1 : total / bytes.length
    const headerLines = (opts.header ?? true) ? 1 : 0
    totalRowsEstimate = total > 0 ? Math.max(table.rowCount, Math.round((lines - headerLines) * ratio)) : undefined
  }
  return { ...describe(table, rows), delimiter, ...(totalRowsEstimate !== undefined ? { totalRowsEstimate } : {}) }
}

function describe(table: Table, rows: number): Pick<FilePreview, 'columns' | 'rows'> {
  const inferRows = Math.min(table.rowCount, Math.max(rows, INFER_ROWS))
  const columns = table.columns.map((name, c) => {
    let empty = true
    let numeric = true
    for (let r = 0; r < inferRows && numeric; r++) {
      if (table.isMissing(r, c)) continue
      empty = false
      if (!table.isNumericOrMissing(r, c)) numeric = false
    }
    const inferred: InferredKind = empty ? 'empty' : numeric ? 'numeric' : 'categorical'
    return { name, inferred }
  })
  const shown: string[][] = []
  for (let r = 0; r < Math.min(rows, table.rowCount); r++) shown.push(table.columns.map((_, c) => table.cell(r, c)))
  return { columns, rows: shown }
}

/** Size of the file's content: its size on disk, or the gzip trailer's ISIZE (size mod 2^32). */
async function totalTextBytes(file: string, gzip: boolean): Promise<number> {
  const handle = await open(file, 'r')
  try {
    const { size } = await handle.stat()
    if (!gzip) return size
    const tail = Buffer.alloc(4)
    await handle.read(tail, 0, 4, size - 4)
    return tail.readUInt32LE(0)
  } finally {
    await handle.close()
  }
}
