/** Messages between the main side and the background worker thread (plain, structured-clone data). */
import type { ImportSpecInput } from '../../../shared/import'
import type { AppError } from '../../../shared/result'
import type { FilePreview, ImportOutput, PreviewOptions } from '../datasets/import'
import type { ReportData } from '../reports/report-data'

export type WorkerTask =
  | { id: number; task: 'preview'; file: string; rows?: number; options: PreviewOptions }
  | { id: number; task: 'import'; spec: ImportSpecInput | unknown; baseDir: string }
  | { id: number; task: 'report'; data: ReportData }

export type WorkerAnswer = { id: number; ok: true; value: FilePreview | ImportOutput | Uint8Array } | { id: number; ok: false; error: AppError }

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
