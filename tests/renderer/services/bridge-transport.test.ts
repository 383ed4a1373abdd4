/** The api client over the preload bridge (desktop app): plain data crosses IPC, failures become ApiErrors. */
import { describe, expect, it, vi } from 'vitest'
import { reactive } from 'vue'
import type { EquimodalBridge } from '@shared/ipc/bridge'
import { ApiError, createApi } from '@renderer/services/api'
import { createBridgeTransport } from '@renderer/services/bridge-transport'

function fakeBridge(invoke: (channel: string, input: unknown) => Promise<unknown>): EquimodalBridge & { listeners: Map<string, (p: unknown) => void> } {
  const listeners = new Map<string, (p: unknown) => void>()
  return {
    listeners,
    invoke: invoke as EquimodalBridge['invoke'],
    on: ((event: string, l: (p: unknown) => void) => {
      listeners.set(event, l)
      return () => listeners.delete(event)
    }) as EquimodalBridge['on'],
  }
}

describe('bridge transport', () => {
  it('sends plain JSON data (no reactive proxies) and unwraps results', async () => {
    const seen: unknown[] = []
    const bridge = fakeBridge(async (_c, input) => {
      seen.push(input)
      return { ok: true, value: { warnings: [], jobs: 3 } }
    })
    const api = createApi(createBridgeTransport(bridge))
    expect(api.mode).toBe('electron')
    const config = reactive({ name: 'x', arms: [{ name: 'a', methods: [] }] })
    await expect(api.invoke('experiments:check', { config })).resolves.toEqual({ warnings: [], jobs: 3 })
    expect(seen[0]).toEqual({ config: { name: 'x', arms: [{ name: 'a', methods: [] }] } })
    expect((seen[0] as { config: object }).config).not.toBe(config)
  })

  it('turns failed Results and IPC rejections into ApiErrors', async () => {
    const api = createApi(createBridgeTransport(fakeBridge(async () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'No run "r"' } }))))
    await expect(api.invoke('runs:summary', { runId: 'r' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No run "r"', channel: 'runs:summary' })
    const broken = createApi(createBridgeTransport(fakeBridge(() => Promise.reject(new Error('An object could not be cloned.')))))
    const err = await broken.invoke('runs:list', {}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'INTERNAL', message: 'An object could not be cloned.' })
  })

  it('relays events and reports an always-open connection', () => {
    const bridge = fakeBridge(async () => ({ ok: true, value: null }))
    const api = createApi(createBridgeTransport(bridge))
    const cb = vi.fn()
    const off = api.on('runs:backend', cb)
    bridge.listeners.get('runs:backend')?.({ runId: 'r', backend: 'wasm', detail: '' })
    expect(cb).toHaveBeenCalledWith({ runId: 'r', backend: 'wasm', detail: '' })
    off()
    expect(bridge.listeners.has('runs:backend')).toBe(false)
    const states: string[] = []
    api.onConnection((s) => states.push(s))
    expect(states).toEqual(['open'])
  })
})
