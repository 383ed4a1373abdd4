/**
 * Transport of server mode (`equimodal serve`): the contract over one WebSocket to `/ws?token=…`
 * on the page's origin, framed as in `@shared/ipc/wire`. Reconnects with exponential backoff;
 * calls waiting for an answer when the socket drops fail at once with a `DISCONNECTED` error.
 */
import { TOKEN_PARAM, WS_PATH, type InvokeFrame, type ServerFrame } from '@shared/ipc/wire'
import type { Result } from '@shared/result'
import { ApiError } from './api-error'
import type { ConnectionState, Transport } from './transport'

/** The part of the browser WebSocket this transport uses (tests pass a fake). */
export interface SocketLike {
  readonly readyState: number
  onopen: ((ev: unknown) => void) | null
  onclose: ((ev: { code?: number; reason?: string }) => void) | null
  onerror: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
  send(data: string): void
  close(code?: number, reason?: string): void
}
export type SocketFactory = (url: string) => SocketLike

export interface WsTransportOptions {
  /** Full socket URL, e.g. `ws://127.0.0.1:8765/ws?token=…`. */
  url: string
  createSocket?: SocketFactory
  /** First reconnect delay; doubles per failed attempt up to `maxDelayMs`. */
  initialDelayMs?: number
  maxDelayMs?: number
}

const OPEN = 1

/** The socket URL for a page served by `equimodal serve` (token taken from the page URL), or null without a token. */
export function serverSocketUrl(loc: Pick<Location, 'protocol' | 'host' | 'search'>): string | null {
  const token = new URLSearchParams(loc.search).get(TOKEN_PARAM)
  if (!token) return null
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${loc.host}${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`
}

interface Pending {
  channel: string
  frame: string
  resolve: (r: Result<unknown>) => void
  reject: (e: ApiError) => void
  sent: boolean
}

function isServerFrame(v: unknown): v is ServerFrame {
  if (typeof v !== 'object' || v === null) return false
  const t = (v as { type?: unknown }).type
  return t === 'result' || t === 'event'
}

export function createWsTransport(options: WsTransportOptions): Transport & { close(): void } {
  const createSocket: SocketFactory = options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike)
  const initialDelay = options.initialDelayMs ?? 500
  const maxDelay = options.maxDelayMs ?? 10_000

  let socket: SocketLike | null = null
  let state: ConnectionState = 'closed'
  let attempt = 0
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null
  let stopped = false
  let nextId = 1
  const pending = new Map<number, Pending>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const stateListeners = new Set<(s: ConnectionState) => void>()

  function setState(s: ConnectionState): void {
    if (s === state) return
    state = s
    for (const l of stateListeners) l(s)
  }

  function connect(): void {
    if (stopped || socket) return
    if (reconnectTimer) {
      clearTimeout(reconnectTimer)
      reconnectTimer = null
    }
    setState('connecting')
    const ws = createSocket(options.url)
    socket = ws
    ws.onopen = () => {
      attempt = 0
      setState('open')
      for (const p of pending.values()) {
        if (!p.sent) {
          ws.send(p.frame)
          p.sent = true
        }
      }
    }
    ws.onmessage = (ev) => handleMessage(ev.data)
    ws.onerror = () => {
      // A close event always follows; it does the clean-up.
    }
    ws.onclose = (ev) => {
      if (socket !== ws) return
      socket = null
      const wasOpen = state === 'open'
      setState('closed')
      failPending(wasOpen, ev.code)
      scheduleReconnect()
    }
  }

  function failPending(wasOpen: boolean, code: number | undefined): void {
    for (const [id, p] of pending) {
      pending.delete(id)
      const message = wasOpen
        ? `Lost the connection to the Equimodal server before "${p.channel}" answered; reconnecting. Try again once the status bar says connected.`
        : `Cannot reach the Equimodal server for "${p.channel}"${code === 1008 || code === 4401 ? ' (the access token was refused: open the URL that `equimodal serve` printed)' : ''}; retrying in the background.`
      p.reject(new ApiError({ code: 'DISCONNECTED', message }, p.channel))
    }
  }

  function scheduleReconnect(): void {
    if (stopped || reconnectTimer) return
    const delay = Math.min(maxDelay, initialDelay * 2 ** attempt)
    attempt++
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null
      connect()
    }, delay)
  }

  function handleMessage(data: unknown): void {
    let frame: unknown
    try {
      frame = JSON.parse(typeof data === 'string' ? data : String(data))
    } catch {
      return
    }
    if (!isServerFrame(frame)) return
    if (frame.type === 'result') {
      const p = pending.get(frame.id)
      if (!p) return
      pending.delete(frame.id)
      p.resolve(frame.result)
      return
    }
    for (const l of listeners.get(frame.event) ?? []) {
      try {
        l(frame.payload)
      } catch (e) {
        console.error(`listener of "${frame.event}" failed`, e)
      }
    }
  }

  return {
    kind: 'server',
    invoke(channel, input) {
      return new Promise<Result<unknown>>((resolve, reject) => {
        if (stopped) {
          reject(new ApiError({ code: 'DISCONNECTED', message: 'The connection to the Equimodal server is closed.' }, channel))
          return
        }
        const id = nextId++
        const frame: InvokeFrame = { type: 'invoke', id, channel, input }
        const p: Pending = { channel, frame: JSON.stringify(frame), resolve, reject, sent: false }
        pending.set(id, p)
        if (socket && socket.readyState === OPEN && state === 'open') {
          socket.send(p.frame)
          p.sent = true
        } else {
          // A user action while disconnected tries at once instead of waiting for the backoff.
          connect()
        }
      })
    },
    on(event, listener) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener)
      connect()
      return () => {
        set.delete(listener)
      }
    },
    onState(listener) {
      stateListeners.add(listener)
      listener(state)
      return () => {
        stateListeners.delete(listener)
      }
    },
    close() {
      stopped = true
      if (reconnectTimer) clearTimeout(reconnectTimer)
      reconnectTimer = null
      const ws = socket
      socket = null
      ws?.close(1000, 'client closed')
      setState('closed')
      failPending(true, 1000)
    },
  }
}
