/** Test helpers for server mode: a stand-in built renderer, raw HTTP requests, and a WebSocket client speaking wire.ts. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import path from 'node:path'
import WebSocket from 'ws'
import type { ServerFrame } from '../../../src/shared/ipc/wire'

/** A folder shaped like `out/renderer`: index.html, a bundle file and a nested folder. */
export function fakeRenderer(dir: string): string {
  mkdirSync(path.join(dir, 'assets', 'fonts'), { recursive: true })
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><body><div id="app"></div><script type="module" src="/assets/index-abc.js"></script></body></html>')
  writeFileSync(path.join(dir, 'assets', 'index-abc.js'), 'console.log("bundle")\n')
  writeFileSync(path.join(dir, 'assets', 'index-abc.css'), 'body{}\n')
  writeFileSync(path.join(dir, 'assets', 'fonts', 'x.woff2'), 'font')
  writeFileSync(path.join(dir, '.secret'), 'hidden')
  return dir
}

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A GET (or other method) sent with the path exactly as given (no normalisation) and optional headers. */
export function rawRequest(port: number, pathAsIs: string, opts: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathAsIs, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

/** Connects, or rejects with the HTTP status of a refused upgrade. */
export function connect(url: string, headers: Record<string, string> = {}): Promise<WireClient> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers })
    socket.once('open', () => resolve(new WireClient(socket)))
    socket.once('unexpected-response', (_req, res) => {
      reject(Object.assign(new Error(`refused with ${res.statusCode}`), { status: res.statusCode }))
      socket.terminate()
    })
    socket.once('error', reject)
  })
}

export class WireClient {
  private nextId = 1
  readonly events: { event: string; payload: unknown }[] = []
  private readonly pending = new Map<number, (r: unknown) => void>()
  private readonly eventWaiters = new Set<() => void>()
  /** Result frames with an id nobody asked for (answers to bad frames). */
  readonly stray: ServerFrame[] = []
  readonly closed: Promise<number>

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame
      if (frame.type === 'event') {
        this.events.push({ event: frame.event, payload: frame.payload })
        for (const w of [...this.eventWaiters]) w()
        return
      }
      const resolve = this.pending.get(frame.id)
      if (resolve) {
        this.pending.delete(frame.id)
        resolve(frame.result)
      } else this.stray.push(frame)
    })
    this.closed = new Promise((r) => socket.once('close', (code) => r(code)))
  }

  invoke(channel: string, input: unknown = {}): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
    const id = this.nextId++
    return this.sendRaw(JSON.stringify({ type: 'invoke', id, channel, input }), id)
  }

  /** Sends `text` as it is; resolves with the result frame of `id`. */
  sendRaw(text: string | Buffer, id: number): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (r: unknown) => void)
      this.socket.send(text, { binary: Buffer.isBuffer(text) })
    })
  }

  /** The first event `name` whose payload passes `match`. */
  nextEvent(name: string, match: (p: Record<string, unknown>) => boolean = () => true, timeoutMs = 60_000): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const hit = this.events.find((e) => e.event === name && match(e.payload as Record<string, unknown>))
        if (!hit) return
        this.eventWaiters.delete(check)
        clearTimeout(timer)
        resolve(hit.payload as Record<string, unknown>)
      }
      const timer = setTimeout(() => {
        this.eventWaiters.delete(check)
        reject(new Error(`no ${name} event within ${timeoutMs} ms`))
      }, timeoutMs)
      this.eventWaiters.add(check)
      check()
    })
  }

  close(): void {
    this.socket.close()
  }
}
