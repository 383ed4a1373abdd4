/**
 * The contract over WebSocket (src/shared/ipc/wire.ts): invoke frames are validated and answered
 * per id through `callService`; push events are broadcast to every open socket. A bad frame gets an
 * error result, never a crash or a closed socket.
 */
import { WebSocket, type RawData, type WebSocketServer } from 'ws'
import { isInvokeChannel } from '../../shared/ipc/channels'
import type { ServerFrame } from '../../shared/ipc/wire'
import { fail, type Result } from '../../shared/result'
import { callService, type ServiceContext } from '../services/service-api'

/** Id of the result frame answering a frame whose own id could not be read. */
export const UNKNOWN_FRAME_ID = -1

const FRAME_SHAPE = 'expected {"type":"invoke","id":<integer>,"channel":"<channel>","input":{…}}'

type Parsed = { id: number; channel: string; input: unknown } | { id: number; error: Result<never> }

export function parseInvokeFrame(data: RawData, isBinary: boolean): Parsed {
  if (isBinary) return { id: UNKNOWN_FRAME_ID, error: fail('VALIDATION', `Binary frames are not accepted: ${FRAME_SHAPE} as JSON text.`) }
  const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8')
  let frame: unknown
  try {
    frame = JSON.parse(text)
  } catch (e) {
    return { id: UNKNOWN_FRAME_ID, error: fail('VALIDATION', `The frame is not valid JSON (${e instanceof Error ? e.message : String(e)}): ${FRAME_SHAPE}.`) }
  }
  if (!frame || typeof frame !== 'object' || Array.isArray(frame))
    return { id: UNKNOWN_FRAME_ID, error: fail('VALIDATION', `The frame is not an object: ${FRAME_SHAPE}.`) }
  const f = frame as Record<string, unknown>
  const id = Number.isSafeInteger(f.id) ? (f.id as number) : UNKNOWN_FRAME_ID
  if (f.type !== 'invoke') return { id, error: fail('VALIDATION', `Unknown frame type ${JSON.stringify(f.type)}: ${FRAME_SHAPE}.`) }
  if (id === UNKNOWN_FRAME_ID) return { id, error: fail('VALIDATION', `The frame has no integer id: ${FRAME_SHAPE}.`) }
  if (!isInvokeChannel(f.channel)) return { id, error: fail('VALIDATION', `Unknown channel ${JSON.stringify(f.channel)}.`) }
  return { id, channel: f.channel, input: f.input ?? {} }
}

function send(socket: WebSocket, frame: ServerFrame): void {
  if (socket.readyState !== WebSocket.OPEN) return
  let text: string
  try {
    text = JSON.stringify(frame)
  } catch (e) {
    if (frame.type !== 'result') return
    text = JSON.stringify({ ...frame, result: fail('INTERNAL', `The answer could not be encoded: ${e instanceof Error ? e.message : String(e)}`) })
  }
  socket.send(text)
}

/** Answers one frame from `socket`. */
export async function handleFrame(socket: WebSocket, data: RawData, isBinary: boolean, ctx: ServiceContext): Promise<void> {
  const parsed = parseInvokeFrame(data, isBinary)
  if ('error' in parsed) {
    send(socket, { type: 'result', id: parsed.id, result: parsed.error })
    return
  }
  const result = await callService(parsed.channel as Parameters<typeof callService>[0], parsed.input, ctx)
  send(socket, { type: 'result', id: parsed.id, result })
}

/** Wires a socket server to the services; returns the `emit` that broadcasts push events. */
export function bridgeSockets(wss: WebSocketServer, ctx: () => ServiceContext): { broadcast(event: string, payload: unknown): void } {
  wss.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => {
      handleFrame(socket, data, isBinary, ctx()).catch((e: unknown) => {
        send(socket, { type: 'result', id: UNKNOWN_FRAME_ID, result: fail('INTERNAL', e instanceof Error ? e.message : String(e)) })
      })
    })
    // A broken connection must not take the server down; the socket is dropped from `wss.clients`.
    socket.on('error', () => socket.terminate())
  })
  return {
    broadcast(event, payload) {
      const frame: ServerFrame = { type: 'event', event, payload }
      for (const socket of wss.clients) send(socket, frame)
    },
  }
}
