/** Messages between the main side and the import worker thread (plain, structured-clone data). */
import type { AppError } from '../../../../shared/result'
import type { ImportSpecInput } from '../../../../shared/import'
import type { ImportOutput, FilePreview, PreviewOptions } from '../import'

export type WorkerTask =
  | { id: number; task: 'preview'; file: string; rows?: number; options: PreviewOptions }
  | { id: number; task: 'import'; spec: ImportSpecInput | unknown; baseDir: string }

export type WorkerAnswer = { id: number; ok: true; value: FilePreview | ImportOutput } | { id: number; ok: false; error: AppError }

/** The ArrayBuffers behind the typed arrays of `value` (each once), so an answer moves them instead of copying. */
export function transferablesOf(value: unknown, found = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer)
  } else if (Array.isArray(value)) {
    for (const v of value) if (v !== null && typeof v === 'object') transferablesOf(v, found)
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) if (v !== null && typeof v === 'object') transferablesOf(v, found)
  }
  return [...found]
}
