/**
 * Reading a source file into text: missing / unreadable / empty files, gzip (detected by its
 * magic bytes, whatever the extension), strict UTF-8 (or a named encoding through iconv-lite).
 * Source files are only ever opened for reading.
 */
import { createReadStream } from 'node:fs'
import { open, readFile, type FileHandle } from 'node:fs/promises'
import { createGunzip, gunzipSync } from 'node:zlib'
import iconv from 'iconv-lite'
import { AppFailure } from '../../../../shared/result'
import { badInput, invalidSpec } from './errors'

const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b

/** The file's bytes, or BAD_INPUT naming the file when it is missing, a folder or unreadable. */
export async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file)
  } catch (e) {
    throw fileError(file, e)
  }
}

function fileError(file: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT') return badInput({ file }, 'file not found.')
  if (code === 'EISDIR') return badInput({ file }, 'this is a folder, not a file.')
  if (code === 'EACCES' || code === 'EPERM') return badInput({ file }, 'the file cannot be read (permission denied).')
  return badInput({ file }, `the file cannot be read (${e instanceof Error ? e.message : String(e)}).`)
}

/** Decompresses gzip data (by magic bytes). */
export function gunzipIfNeeded(bytes: Buffer, file: string): Buffer {
  if (!isGzip(bytes)) return bytes
  try {
    return gunzipSync(bytes)
  } catch (e) {
    throw badInput({ file }, `the file starts like gzip data but cannot be decompressed (${e instanceof Error ? e.message : String(e)}).`)
  }
}

const UTF8 = new Set(['utf8', 'utf-8'])

/**
 * Bytes → text. UTF-8 is checked strictly (a byte that is not valid UTF-8 is refused with its
 * row); a UTF-8 byte-order mark is dropped. `charset` names any other iconv-lite encoding.
 */
export function decodeText(bytes: Uint8Array, file: string, charset?: string): string {
  const encoding = charset
  if (encoding && !UTF8.has(encoding.toLowerCase())) {
    if (!iconv.encodingExists(encoding)) throw invalidSpec({ field: 'charset', file }, `unknown text encoding "${encoding}" (examples: "utf-8", "latin1", "windows-1252", "utf-16le").`)
    return stripBom(iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding))
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const enc = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be'
    throw badInput({ file, row: 1 }, `the file is UTF-16 text (it starts with a ${enc.toUpperCase()} byte-order mark), not UTF-8; save it as UTF-8 or set "charset": "${enc}" in the import spec.`)
  }
  try {
    return stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    const at = firstInvalidUtf8(bytes)
    let row = 1
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) row++
    const shown = Array.from(bytes.subarray(at, Math.min(at + 3, bytes.length)), (b) => `0x${b.toString(16).padStart(2, '0').toUpperCase()}`).join(' ')
    throw badInput(
      { file, row },
      `the file is not valid UTF-8 text (bytes ${shown} at byte offset ${at}); it may be Latin-1 / Windows-1252 encoded. Save it as UTF-8, or set "charset" (e.g. "latin1") in the import spec.`,
    )
  }
}

const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)

/** Offset of the first byte that breaks UTF-8 (RFC 3629 well-formedness), or the length when none does. */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length
  let i = 0
  while (i < n) {
    const c = b[i]!
    if (c < 0x80) {
      i++
      continue
    }
    let need: number
    let lo = 0x80
    let hi = 0xbf
    if (c >= 0xc2 && c <= 0xdf) need = 1
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2
      if (c === 0xe0) lo = 0xa0
      if (c === 0xed) hi = 0x9f
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3
      if (c === 0xf0) lo = 0x90
      if (c === 0xf4) hi = 0x8f
    } else return i
    if (i + need >= n) return i
    const second = b[i + 1]
    if (second === undefined || second < lo || second > hi) return i
    for (let k = 2; k <= need; k++) {
      const x = b[i + k]
      if (x === undefined || (x & 0xc0) !== 0x80) return i
    }
    i += need + 1
  }
  return n
}

/** Reads and decodes a whole text file (gzip and encoding handled); refuses an empty one. */
export async function readTextFile(file: string, encoding?: string): Promise<string> {
  const raw = await readBytes(file)
  if (raw.length === 0) throw badInput({ file }, 'the file is empty (0 bytes).')
  const bytes = gunzipIfNeeded(raw, file)
  const text = decodeText(bytes, file, encoding)
  if (text.trim() === '') throw badInput({ file }, 'the file is empty (no text in it).')
  return text
}

/**
 * The first `maxBytes` bytes of a file's (decompressed) content, for previews of large files;
 * `complete` says whether that is all of it.
 */
export async function readPrefix(file: string, maxBytes: number): Promise<{ bytes: Buffer; complete: boolean; gzip: boolean }> {
  let handle: FileHandle
  try {
    handle = await open(file, 'r')
  } catch (e) {
    throw fileError(file, e)
  }
  let gzip: boolean
  try {
    const st = await handle.stat()
    if (st.isDirectory()) throw badInput({ file }, 'this is a folder, not a file.')
    const head = Buffer.alloc(Math.min(maxBytes, st.size))
    const { bytesRead } = await handle.read(head, 0, head.length, 0)
    gzip = isGzip(head.subarray(0, bytesRead))
    if (!gzip) return { bytes: head.subarray(0, bytesRead), complete: bytesRead >= st.size, gzip }
  } catch (e) {
    throw e instanceof AppFailure ? e : fileError(file, e)
  } finally {
    await handle.close()
  }
  const chunks: Buffer[] = []
  let size = 0
  let complete = true
  await new Promise<void>((resolve, reject) => {
    const input = createReadStream(file)
    const gunzip = createGunzip()
    const stop = (): void => {
      input.destroy()
      gunzip.destroy()
      resolve()
    }
    input.once('error', (e) => reject(fileError(file, e)))
    gunzip.once('error', (e) => reject(badInput({ file }, `the file starts like gzip data but cannot be decompressed (${e.message}).`)))
    gunzip.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      size += chunk.length
      if (size >= maxBytes) {
        complete = false
        stop()
      }
    })
    gunzip.once('end', () => resolve())
    input.pipe(gunzip)
  })
  const bytes = Buffer.concat(chunks)
  return { bytes: complete ? bytes : bytes.subarray(0, maxBytes), complete, gzip }
}
