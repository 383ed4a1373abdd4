/** The api client's WebSocket path (server mode) against a fake socket, framed as in `@shared/ipc/wire`. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { InvokeFrame, ServerFrame } from '@shared/ipc/wire'
import { ApiError, createApi } from '@renderer/services/api'
import { createWsTransport, serverSocketUrl, type SocketLike } from '@renderer/services/ws-transport'

class FakeSocket implements SocketLike {
  static all: FakeSocket[] = []
  readyState = 0
  onopen: SocketLike['onopen'] = null
  onclose: SocketLike['onclose'] = null
  onerror: SocketLike['onerror'] = null
  onmessage: SocketLike['onmessage'] = null
  sent: InvokeFrame[] = []
  constructor(readonly url: string) {
    FakeSocket.all.push(this)
  }
  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send before open')
    this.sent.push(JSON.parse(data) as InvokeFrame)
  }
  close(): void {
    this.drop(1000)
  }
  open(): void {
    this.readyState = 1
    this.onopen?.({})
  }
  drop(code = 1006): void {
    this.readyState = 3
    this.onclose?.({ code })
  }
  receive(frame: ServerFrame): void {
    this.onmessage?.({ data: JSON.stringify(frame) })
  }
}

const last = (): FakeSocket => FakeSocket.all[FakeSocket.all.length - 1]!

function setup() {
  const transport = createWsTransport({ url: 'ws://127.0.0.1:9/ws?token=abc', createSocket: (url) => new FakeSocket(url), initialDelayMs: 100, maxDelayMs: 400 })
  return { transport, api: createApi(transport) }
}

beforeEach(() => {
  FakeSocket.all = []
  vi.useFakeTimers()
})
afterEach(() => vi.useRealTimers())

describe('serverSocketUrl', () => {
  it('builds /ws?token=… on the page origin', () => {
    expect(serverSocketUrl({ protocol: 'http:', host: '127.0.0.1:8765', search: '?token=s3cr%2Bt' })).toBe('ws://127.0.0.1:8765/ws?token=s3cr%2Bt')
    expect(serverSocketUrl({ protocol: 'https:', host: 'h', search: '?token=x' })).toBe('wss://h/ws?token=x')
    expect(serverSocketUrl({ protocol: 'http:', host: 'h', search: '' })).toBeNull()
  })
})

describe('WebSocket transport', () => {
  it('queues calls until the socket opens, sends invoke frames with ids, resolves results by id', async () => {
    const { api } = setup()
    const list = api.invoke('datasets:list', {})
    const info = api.invoke('app:info', {})
    const ws = last()
    expect(ws.url).toBe('ws://127.0.0.1:9/ws?token=abc')
    expect(ws.sent).toHaveLength(0)
    ws.open()
    expect(ws.sent.map((f) => [f.type, f.channel])).toEqual([
      ['invoke', 'datasets:list'],
      ['invoke', 'app:info'],
    ])
    const [a, b] = ws.sent
    expect(a!.id).not.toBe(b!.id)
    // Answers may come in any order.
    ws.receive({ type: 'result', id: b!.id, result: { ok: true, value: { version: '1', backend: null, workspace: '/w' } } })
    ws.receive({ type: 'result', id: a!.id, result: { ok: true, value: [] } })
    await expect(info).resolves.toEqual({ version: '1', backend: null, workspace: '/w' })
    await expect(list).resolves.toEqual([])
  })

  it('throws an ApiError with code, message and location for a failed Result', async () => {
    const { api } = setup()
    const p = api.invoke('datasets:import', { spec: {} })
    last().open()
    const frame = last().sent[0]!
    last().receive({ type: 'result', id: frame.id, result: { ok: false, error: { code: 'BAD_INPUT', message: 'row 3, column omics__g2: not a number', location: { row: 3, column: 'omics__g2' } } } })
    const err = await p.catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'BAD_INPUT', message: 'row 3, column omics__g2: not a number', location: { row: 3, column: 'omics__g2' }, channel: 'datasets:import' })
  })

  it('delivers push events to subscribers until they unsubscribe', () => {
    const { api } = setup()
    const seen: number[] = []
    const off = api.on('runs:progress', (p) => seen.push(p.epoch))
    last().open()
    const progress = (epoch: number): ServerFrame => ({ type: 'event', event: 'runs:progress', payload: { runId: 'r', key: { arm: 'a', seed: 1, fold: 0 }, epoch, totalEpochs: 5, trainLoss: 1, valLoss: 1, valAccuracy: 0.5 } })
    last().receive(progress(1))
    last().receive({ type: 'event', event: 'app:notice', payload: { level: 'info', message: 'x' } })
    off()
    last().receive(progress(2))
    expect(seen).toEqual([1])
  })

  it('fails pending calls with a clear DISCONNECTED error when the socket drops, then reconnects with backoff', async () => {
    const { api, transport } = setup()
    const states: string[] = []
    transport.onState((s) => states.push(s))
    const p = api.invoke('runs:list', {})
    last().open()
    last().drop()
    const err = (await p.catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('DISCONNECTED')
    expect(err.message).toMatch(/Lost the connection .*"runs:list"/)
    expect(FakeSocket.all).toHaveLength(1)

    // First retry after 100 ms; it fails, the next waits 200 ms, then 400 ms (the cap).
    vi.advanceTimersByTime(99)
    expect(FakeSocket.all).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(FakeSocket.all).toHaveLength(2)
    last().drop()
    vi.advanceTimersByTime(199)
    expect(FakeSocket.all).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(FakeSocket.all).toHaveLength(3)
    last().drop()
    vi.advanceTimersByTime(400)
    expect(FakeSocket.all).toHaveLength(4)
    last().open()
    expect(states).toEqual(['closed', 'connecting', 'open', 'closed', 'connecting', 'closed', 'connecting', 'closed', 'connecting', 'open'])

    // Works again after the reconnect; subscriptions survive it.
    const seen: string[] = []
    api.on('app:notice', (n) => seen.push(n.message))
    last().receive({ type: 'event', event: 'app:notice', payload: { level: 'info', message: 'back' } })
    expect(seen).toEqual(['back'])
    const q = api.invoke('runs:list', {})
    const frame = last().sent[0]!
    last().receive({ type: 'result', id: frame.id, result: { ok: true, value: [] } })
    await expect(q).resolves.toEqual([])
    transport.close()
  })

  it('a call made while disconnected connects at once and fails clearly when the server is unreachable', async () => {
    const { api } = setup()
    api.on('runs:started', () => {})
    last().drop()
    expect(FakeSocket.all).toHaveLength(1)
    const p = api.invoke('runs:active', {})
    expect(FakeSocket.all).toHaveLength(2)
    last().drop()
    const err = (await p.catch((e: unknown) => e)) as ApiError
    expect(err.code).toBe('DISCONNECTED')
    expect(err.message).toMatch(/Cannot reach the Equimodal server for "runs:active"/)
  })

  it('ignores malformed frames and answers for unknown ids', async () => {
    const { api } = setup()
    const p = api.invoke('runs:list', {})
    last().open()
    last().onmessage?.({ data: 'not json' })
    last().receive({ type: 'result', id: 999, result: { ok: true, value: ['x'] } })
    last().receive({ type: 'result', id: last().sent[0]!.id, result: { ok: true, value: [] } })
    await expect(p).resolves.toEqual([])
  })
})
