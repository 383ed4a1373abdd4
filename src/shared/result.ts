/**
 * Errors travel as values with a code (Electron forwards only `message` of a thrown error,
 * so codes must be data). Every service returns `Result<T>`; the CLI maps codes to exit codes
 * and the renderer's error funnel maps them to notifications.
 */
import { z } from 'zod'

export const ErrorCode = z.enum([
  'VALIDATION', // a request or config failed its schema (message names the field)
  'BAD_INPUT', // a data file is malformed (message names file, row, column)
  'NOT_FOUND',
  'WORKSPACE_BUSY', // another process holds the workspace
  'CONFLICT', // incompatible method composition, duplicate name…
  'TRAINING_FAILED',
  'CANCELLED',
  'INTERNAL',
])
export type ErrorCode = z.infer<typeof ErrorCode>

export const AppErrorSchema = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Where the problem is, when it is about a file: file, 1-based row and column name/number. */
  location: z
    .object({ file: z.string().optional(), row: z.number().optional(), column: z.string().optional(), field: z.string().optional() })
    .optional(),
  details: z.array(z.string()).optional(),
})
export type AppError = z.infer<typeof AppErrorSchema>

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): Result<never> => ({
  ok: false,
  error: { code, message, ...extra },
})

/** Thrown inside services and turned into a `Result` at the service boundary. */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message)
    this.name = 'AppFailure'
  }
  static of(code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): AppFailure {
    return new AppFailure({ code, message, ...extra })
  }
}

/** Run `fn` and turn an `AppFailure` (or any error) into a failed `Result`. */
export async function toResult<T>(fn: () => Promise<T> | T): Promise<Result<T>> {
  try {
    return ok(await fn())
  } catch (e) {
    if (e instanceof AppFailure) return { ok: false, error: e.error }
    return fail('INTERNAL', e instanceof Error ? e.message : String(e))
  }
}
