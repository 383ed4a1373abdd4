/** The error every failed api call throws: the contract's `AppError` (code, message, location) as an Error. */
import type { AppError, ErrorCode } from '@shared/result'

/** Contract codes, plus `DISCONNECTED` when the server-mode socket dropped before the answer came. */
export type ApiErrorCode = ErrorCode | 'DISCONNECTED'

export interface ApiErrorData {
  code: ApiErrorCode
  message: string
  location?: AppError['location']
  details?: string[]
}

export class ApiError extends Error {
  readonly code: ApiErrorCode
  readonly location: AppError['location'] | undefined
  readonly details: string[] | undefined
  /** The channel that failed, when known (shown in notifications). */
  readonly channel: string | undefined

  constructor(data: ApiErrorData, channel?: string) {
    super(data.message)
    this.name = 'ApiError'
    this.code = data.code
    this.location = data.location
    this.details = data.details
    this.channel = channel
  }

  /** Any thrown value as an `ApiError` (non-api errors become `INTERNAL`). */
  static from(error: unknown, channel?: string): ApiError {
    if (error instanceof ApiError) return error
    const message = error instanceof Error ? error.message : String(error)
    return new ApiError({ code: 'INTERNAL', message }, channel)
  }
}

/** "row 3, column omics__g2 in data.csv" from an error location, or '' when there is none. */
export function describeLocation(location: AppError['location']): string {
  if (!location) return ''
  const parts: string[] = []
  if (location.row !== undefined) parts.push(`row ${location.row}`)
  if (location.column !== undefined) parts.push(`column ${location.column}`)
  if (location.field !== undefined) parts.push(`field ${location.field}`)
  const where = parts.join(', ')
  if (location.file) return where ? `${where} in ${location.file}` : location.file
  return where
}

/** Does `message` already name every part of `location` (so repeating it would be noise)? */
export function mentionsLocation(message: string, location: AppError['location']): boolean {
  if (!location) return true
  const parts = [location.row !== undefined ? `row ${location.row}` : null, location.column ?? null, location.field ?? null, location.file ?? null]
  return parts.every((p) => p === null || message.includes(p))
}
