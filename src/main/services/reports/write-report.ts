/** Writes a report file atomically: a temporary file beside the target, then a rename. */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { AppFailure } from '../../../shared/result'
import type { Workspace } from '../workspace'
import { buildRunReport, type BuildReportOptions } from './build-report'

/** Writes `bytes` to `file` (folders created) so that a reader never sees a half-written file. */
export async function writeFileAtomic(file: string, bytes: Uint8Array | string): Promise<void> {
  const target = path.resolve(file)
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`)
  try {
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(tmp, bytes)
    await rename(tmp, target)
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined)
    throw AppFailure.of('BAD_INPUT', `Cannot write ${target}: ${e instanceof Error ? e.message : String(e)}`, { location: { file: target } })
  }
}

/** Builds the report of `runId` and writes it to `file`; returns the absolute path. */
export async function writeRunReport(ws: Workspace, runId: string, file: string, opts: BuildReportOptions = {}): Promise<string> {
  const bytes = await buildRunReport(ws, runId, opts)
  const target = path.resolve(file)
  await writeFileAtomic(target, bytes)
  return target
}

/** Where `equimodal demo` and the CLI put a report by default: `<workspace>/reports/<run-id>.pdf`. */
export function defaultReportPath(ws: Workspace, runId: string): string {
  return path.join(ws.dir, 'reports', `${runId.replace(/[^\w.+-]+/g, '_')}.pdf`)
}
