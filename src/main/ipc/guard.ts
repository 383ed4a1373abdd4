/** Wraps an IPC handler: sender check, zod validation of the payload, and errors turned into `Result` values. */
import type { IpcMainInvokeEvent } from 'electron'
import type { z } from 'zod'
import { AppFailure, fail, ok, type Result } from '../../shared/result'

/** Decides whether a frame URL belongs to the app's own page. */
export type SenderCheck = (url: string) => boolean

export type IpcHandler<I, O> = (input: I, event: IpcMainInvokeEvent) => O | Promise<O>

/** Raised (not returned) for a foreign sender: such a frame has no business getting a structured answer. */
export class UntrustedSenderError extends Error {
  constructor(channel: string, url: string | undefined) {
    super(`IPC "${channel}" refused: untrusted sender ${url ?? '(no frame)'}`)
    this.name = 'UntrustedSenderError'
  }
}

function validationFailure(error: z.ZodError): Result<never> {
  const first = error.issues[0]
  const field = first?.path.map(String).join('.') ?? ''
  const message = first ? `${field ? `${field}: ` : ''}${first.message}` : 'Invalid request'
  const details = error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
  return fail('VALIDATION', message, { details, ...(field ? { location: { field } } : {}) })
}

export function guardHandler<S extends z.ZodType, O>(
  channel: string,
  schema: S,
  handler: IpcHandler<z.output<S>, O>,
  isTrustedSender: SenderCheck,
): (event: IpcMainInvokeEvent, payload: unknown) => Promise<Result<O>> {
  return async (event, payload) => {
    const url = event.senderFrame?.url
    if (url === undefined || !isTrustedSender(url)) throw new UntrustedSenderError(channel, url)
    const parsed = schema.safeParse(payload)
    if (!parsed.success) return validationFailure(parsed.error)
    try {
      return ok(await handler(parsed.data, event))
    } catch (e) {
      if (e instanceof AppFailure) return { ok: false, error: e.error }
      console.error(`[ipc] ${channel} failed:`, e)
      return fail('INTERNAL', e instanceof Error ? e.message : String(e))
    }
  }
}
