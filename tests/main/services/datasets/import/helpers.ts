/** Temp folders with small files, and assertions on `AppFailure`s, for the import tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'vitest'
import type { AppError, ErrorCode } from '../../../../../src/shared/result'
import { AppFailure } from '../../../../../src/shared/result'

export const repoRoot = path.resolve(import.meta.dirname, '../../../../..')
export const fixturesDir = path.join(repoRoot, 'tests/fixtures/import')

export interface Scratch {
  dir: string
  /** Writes a file (text or bytes) under the folder and returns its absolute path. */
  write(name: string, content: string | Uint8Array): string
  cleanup(): void
}

export function scratch(): Scratch {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'equimodal-import-'))
  return {
    dir,
    write(name, content) {
      const file = path.join(dir, name)
      mkdirSync(path.dirname(file), { recursive: true })
      writeFileSync(file, content)
      return file
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** Lines joined with `\n`, with a final newline. */
export const lines = (...rows: string[]): string => `${rows.join('\n')}\n`

/** Awaits a rejection that must be an `AppFailure` with `code`; returns its error for further checks. */
export async function failure(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  let caught: unknown
  try {
    await promise
  } catch (e) {
    caught = e
  }
  expect(caught, 'expected the import to fail').toBeInstanceOf(AppFailure)
  const error = (caught as AppFailure).error
  expect(error.code, error.message).toBe(code)
  return error
}
