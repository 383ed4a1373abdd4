/** The shape of `window.equimodal`, the only API the preload exposes to the renderer. */
import type { Result } from '../result'
import type { EventChannel, EventPayload, InvokeChannel, InvokeInput, InvokeOutput } from './contract'

export interface EquimodalBridge {
  /** Call a main-side handler; failures (bad input, unknown channel, service errors) come back as `Result` values. */
  invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<Result<InvokeOutput<C>>>
  /** Subscribe to a push event; returns the unsubscribe function. */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}
