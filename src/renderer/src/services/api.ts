/**
 * The one typed client of the contract (only stores call it): `api.invoke(channel, input)` resolves
 * with the unwrapped value or throws an `ApiError`; `api.on(event, cb)` subscribes to push events.
 * Uses the preload bridge in the desktop app, else the server-mode WebSocket of the page's origin.
 */
import type { EventChannel, EventPayload, InvokeChannel, InvokeInput, InvokeOutput } from '@shared/ipc/contract'
import { ApiError } from './api-error'
import { createBridgeTransport } from './bridge-transport'
import type { ConnectionState, Transport } from './transport'
import { createWsTransport, serverSocketUrl } from './ws-transport'

export { ApiError, describeLocation, mentionsLocation, type ApiErrorCode } from './api-error'
export type { ConnectionState } from './transport'

export interface Api {
  invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<InvokeOutput<C>>
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void
  /** Connection state (server mode reconnects; the bridge is always open). Called at once with the current state. */
  onConnection(listener: (state: ConnectionState) => void): () => void
  /** `electron` with the preload bridge, `server` over the WebSocket. */
  readonly mode: 'electron' | 'server'
}

export function createApi(transport: Transport): Api {
  return {
    mode: transport.kind,
    async invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<InvokeOutput<C>> {
      const result = await transport.invoke(channel, input)
      if (!result.ok) throw new ApiError(result.error, channel)
      return result.value as InvokeOutput<C>
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      return transport.on(event, listener as (payload: unknown) => void)
    },
    onConnection: (listener) => transport.onState(listener),
  }
}

/** A transport that refuses every call with `message` (a page opened without its token). */
function unavailableTransport(message: string): Transport {
  return {
    kind: 'server',
    invoke: (channel) => Promise.reject(new ApiError({ code: 'DISCONNECTED', message }, channel)),
    on: () => () => {},
    onState(listener) {
      listener('closed')
      return () => {}
    },
  }
}

function pickTransport(): Transport {
  if (typeof window !== 'undefined' && window.equimodal) return createBridgeTransport(window.equimodal)
  const url = typeof location === 'undefined' ? null : serverSocketUrl(location)
  if (!url) {
    return unavailableTransport(
      'This page was opened without its access token. Open the full URL that `equimodal serve` printed (it ends in ?token=…).',
    )
  }
  return createWsTransport({ url })
}

let instance: Api | undefined
const current = (): Api => (instance ??= createApi(pickTransport()))

/** The app's client; the transport is chosen on first use. */
export const api: Api = {
  get mode() {
    return current().mode
  },
  invoke: (channel, input) => current().invoke(channel, input),
  on: (event, listener) => current().on(event, listener),
  onConnection: (listener) => current().onConnection(listener),
}
