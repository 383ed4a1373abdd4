/** A ServiceContext over an open test workspace that records the push events it emits. */
import type { EventChannel, EventPayload } from '../../../src/shared/ipc/contract'
import type { ServiceContext } from '../../../src/main/services/service-api'
import type { Workspace } from '../../../src/main/services/workspace'

export interface RecordingContext extends ServiceContext {
  events: { event: EventChannel; payload: unknown }[]
  /** Resolves with the first payload of `event` at index ≥ `after` in `events` that passes `match` (already emitted or still to come). */
  next<E extends EventChannel>(event: E, match?: (p: EventPayload<E>) => boolean, after?: number): Promise<EventPayload<E>>
}

export function recordingContext(ws: Workspace): RecordingContext {
  const events: { event: EventChannel; payload: unknown }[] = []
  const waiters = new Set<() => void>()
  const ctx: RecordingContext = {
    workspaceDir: ws.dir,
    workspace: async () => ws,
    events,
    emit(event, payload) {
      events.push({ event, payload })
      for (const w of [...waiters]) w()
    },
    next(event, match = () => true, after = 0) {
      const timeoutMs = 150_000
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const hit = events.slice(after).find((e) => e.event === event && match(e.payload as never))
          if (!hit) return false
          waiters.delete(check)
          clearTimeout(timer)
          resolve(hit.payload as never)
          return true
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`no ${event} event within ${timeoutMs} ms`))
        }, timeoutMs)
        waiters.add(check)
        check()
      })
    },
  }
  return ctx
}
