/**
 * How values are encoded in the workspace database: typed arrays as BLOBs of their raw bytes
 * (little-endian, as on every platform Node and Electron ship for), everything structured as JSON
 * text that keeps NaN and ±Infinity (plain JSON would turn them into null).
 */
import { blobValue, type DuckDBBlobValue } from '@duckdb/node-api'

const NAN = '__NaN__'
const POS_INF = '__+Infinity__'
const NEG_INF = '__-Infinity__'

/** JSON text of `value`; non-finite numbers are kept as tagged strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'number' || Number.isFinite(v)) return v
    return Number.isNaN(v) ? NAN : v > 0 ? POS_INF : NEG_INF
  })
}

/** Inverse of `toJson`. */
export function fromJson<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => (v === NAN ? NaN : v === POS_INF ? Infinity : v === NEG_INF ? -Infinity : v)) as T
}

/** A typed array's bytes as a BLOB parameter (no copy here; DuckDB copies when binding). */
export function blobOf(array: ArrayBufferView): DuckDBBlobValue {
  return blobValue(new Uint8Array(array.buffer, array.byteOffset, array.byteLength))
}

type TypedArrayCtor<T> = { new (buffer: ArrayBuffer): T; readonly BYTES_PER_ELEMENT: number; readonly name: string }

/**
 * Reads a BLOB back into a typed array of `ctor` with `expected` elements.
 * Copies: a BLOB from DuckDB may sit at an unaligned offset of a shared buffer.
 * @throws Error when the byte length does not match (a damaged workspace).
 */
export function typedFromBlob<T>(ctor: TypedArrayCtor<T>, bytes: unknown, expected: number, what: string): T {
  if (!(bytes instanceof Uint8Array)) throw new Error(`Workspace data is damaged: ${what} is not a BLOB.`)
  if (bytes.byteLength !== expected * ctor.BYTES_PER_ELEMENT)
    throw new Error(`Workspace data is damaged: ${what} holds ${bytes.byteLength} bytes, expected ${expected} × ${ctor.BYTES_PER_ELEMENT}.`)
  const copy = new Uint8Array(bytes.byteLength)
  copy.set(bytes)
  return new ctor(copy.buffer)
}
