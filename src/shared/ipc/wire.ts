/**
 * The WebSocket wire format of server mode (`equimodal serve`): the same contract as Electron IPC,
 * framed as JSON. The page URL carries a random token (`/?token=…`); the socket connects to
 * `/ws?token=…` on the same origin and is refused without the right token.
 */
import type { Result } from '../result'

export const WS_PATH = '/ws'
export const TOKEN_PARAM = 'token'

/** Browser → server: call an invoke channel. */
export interface InvokeFrame {
  type: 'invoke'
  id: number
  channel: string
  input: unknown
}

/** Server → browser: the answer to one invoke, or a push event. */
export type ServerFrame = { type: 'result'; id: number; result: Result<unknown> } | { type: 'event'; event: string; payload: unknown }
