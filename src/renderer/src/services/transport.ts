/** What the api client needs from a connection: the Electron preload bridge or the server-mode WebSocket. */
import type { Result } from '@shared/result'

export type ConnectionState = 'connecting' | 'open' | 'closed'

export interface Transport {
  readonly kind: 'electron' | 'server'
  /** Resolves with the contract's `Result`; rejects with an `ApiError` when the call never got an answer. */
  invoke(channel: string, input: unknown): Promise<Result<unknown>>
  /** Subscribes to a push event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void
  /** Connection state changes (the bridge is always open). */
  onState(listener: (state: ConnectionState) => void): () => void
}
