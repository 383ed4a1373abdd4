/** A fake of `@renderer/services/api` for store tests: scripted channel handlers, recorded calls, emitted events. */
import type { EventChannel, EventPayload, InvokeChannel, InvokeInput, InvokeOutput } from '@shared/ipc/contract'
import type { Api, ConnectionState } from '@renderer/services/api'
import { ApiError } from '@renderer/services/api-error'

type Handler<C extends InvokeChannel> = (input: InvokeInput<C>) => InvokeOutput<C> | Promise<InvokeOutput<C>>

export interface FakeApi extends Api {
  calls: { channel: InvokeChannel; input: unknown }[]
  /** Answers `channel` with `fn` (throw an `ApiError` to fail). */
  handle<C extends InvokeChannel>(channel: C, fn: Handler<C>): void
  /** Fails `channel` with this error. */
  fail(channel: InvokeChannel, error: { code: ApiError['code']; message: string; details?: string[] }): void
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void
  callsOf(channel: InvokeChannel): unknown[]
  reset(): void
}

const handlers = new Map<string, (input: unknown) => unknown>()
const listeners = new Map<string, Set<(p: unknown) => void>>()

export const fakeApi: FakeApi = {
  mode: 'server',
  calls: [],
  async invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<InvokeOutput<C>> {
    fakeApi.calls.push({ channel, input: JSON.parse(JSON.stringify(input ?? {})) })
    const h = handlers.get(channel)
    if (!h) throw new ApiError({ code: 'INTERNAL', message: `no fake handler for ${channel}` }, channel)
    return (await h(input)) as InvokeOutput<C>
  },
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = listeners.get(event)
    if (!set) listeners.set(event, (set = new Set()))
    set.add(listener as (p: unknown) => void)
    return () => set.delete(listener as (p: unknown) => void)
  },
  onConnection(listener: (s: ConnectionState) => void) {
    listener('open')
    return () => {}
  },
  handle(channel, fn) {
    handlers.set(channel, fn as (input: unknown) => unknown)
  },
  fail(channel, error) {
    handlers.set(channel, () => {
      throw new ApiError(error, channel)
    })
  },
  emit(event, payload) {
    for (const l of listeners.get(event) ?? []) l(payload)
  },
  callsOf: (channel) => fakeApi.calls.filter((c) => c.channel === channel).map((c) => c.input),
  reset() {
    fakeApi.calls.length = 0
    handlers.clear()
    listeners.clear()
  },
}
