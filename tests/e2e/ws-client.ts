/**
 * A Node WebSocket client of server mode's wire format (src/shared/ipc/wire.ts): calls contract
 * channels with the token, independently of the renderer, and listens to push events.
 */
import WebSocket from 'ws'
import type { Result } from '../../src/shared/result'
import { TOKEN_PARAM, WS_PATH, type InvokeFrame, type ServerFrame } from '../../src/shared/ipc/wire'

export function wsUrl(origin: string, token: string | null): string {
  const base = `${origin.replace(/^http/, 'ws')}${WS_PATH}`
  return token === null ? base : `${base}?${TOKEN_PARAM}=${encodeURIComponent(token)}`
}

/**
 * How a connection attempt ended: `open` (accepted), or refused with the HTTP status of the
 * upgrade answer (`status`), or a socket error / close before opening.
 */
export type ConnectOutcome = { kind: 'open' } | { kind: 'refused'; status: number } | { kind: 'error'; message: string } | { kind: 'closed'; code: number }

/** Tries to open a socket and reports how it went (then closes it). */
export function probeSocket(url: string, origin: string, timeoutMs = 10_000): Promise<ConnectOutcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin })
    const done = (o: ConnectOutcome): void => {
      clearTimeout(timer)
      ws.removeAllListeners()
      ws.on('error', () => undefined)
      ws.terminate()
      resolve(o)
    }
    const timer = setTimeout(() => done({ kind: 'error', message: `no answer within ${timeoutMs} ms` }), timeoutMs)
    ws.on('open', () => {
      // A server might accept the upgrade and close right after: wait a moment to tell these apart.
      setTimeout(() => {
        if (ws.readyState === WebSocket.OPEN) done({ kind: 'open' })
      }, 300)
    })
    ws.on('close', (code) => done({ kind: 'closed', code }))
    ws.on('unexpected-response', (_req, res) => done({ kind: 'refused', status: res.statusCode ?? 0 }))
    ws.on('error', (e) => done({ kind: 'error', message: e.message }))
  })
}

export class ContractClient {
  private nextId = 1
  private readonly pending = new Map<number, (r: Result<unknown>) => void>()
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>()

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame
      if (frame.type === 'result') {
        const resolve = this.pending.get(frame.id)
        this.pending.delete(frame.id)
        resolve?.(frame.result)
      } else if (frame.type === 'event') {
        for (const l of this.listeners.get(frame.event) ?? []) l(frame.payload)
      }
    })
    ws.on('close', () => {
      for (const resolve of this.pending.values()) resolve({ ok: false, error: { code: 'INTERNAL', message: 'socket closed' } })
      this.pending.clear()
    })
  }

  static connect(origin: string, token: string, timeoutMs = 15_000): Promise<ContractClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl(origin, token), { origin })
      const timer = setTimeout(() => reject(new Error(`WebSocket to ${origin} did not open within ${timeoutMs} ms`)), timeoutMs)
      ws.once('open', () => {
        clearTimeout(timer)
        resolve(new ContractClient(ws))
      })
      ws.once('unexpected-response', (_req, res) => {
        clearTimeout(timer)
        reject(new Error(`WebSocket refused with HTTP ${res.statusCode}`))
      })
      ws.once('error', (e) => {
        clearTimeout(timer)
        reject(e)
      })
    })
  }

  /** Calls a channel; resolves with the `Result` the server answered. */
  invoke<T = unknown>(channel: string, input: unknown = {}, timeoutMs = 30_000): Promise<Result<T>> {
    const id = this.nextId++
    const frame: InvokeFrame = { type: 'invoke', id, channel, input }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`${channel}: no answer within ${timeoutMs} ms`))
      }, timeoutMs)
      this.pending.set(id, (r) => {
        clearTimeout(timer)
        resolve(r as Result<T>)
      })
      this.ws.send(JSON.stringify(frame))
    })
  }

  /** Calls a channel and returns its value, or throws with the error's code and message. */
  async call<T = unknown>(channel: string, input: unknown = {}, timeoutMs?: number): Promise<T> {
    const r = await this.invoke<T>(channel, input, timeoutMs)
    if (!r.ok) throw new Error(`${channel} failed [${r.error.code}]: ${r.error.message}`)
    return r.value
  }

  on(event: string, listener: (payload: unknown) => void): () => void {
    const set = this.listeners.get(event) ?? new Set()
    set.add(listener)
    this.listeners.set(event, set)
    return () => set.delete(listener)
  }

  close(): void {
    this.ws.close()
  }
}
