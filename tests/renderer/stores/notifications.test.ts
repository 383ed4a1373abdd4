/** Notifications and the one error funnel; the app store's info and events. */
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeApi } from '../helpers/fake-api'
import { ApiError } from '@renderer/services/api-error'
import { reportError } from '@renderer/services/report-error'
import { useAppStore } from '@renderer/stores/app'
import { AUTO_DISMISS_MS, MAX_NOTIFICATIONS, useNotificationsStore, WARNING_DISMISS_MS } from '@renderer/stores/notifications'

vi.mock('@renderer/services/api', async (importOriginal) => ({ ...(await importOriginal<object>()), api: (await import('../helpers/fake-api')).fakeApi }))

beforeEach(() => {
  setActivePinia(createPinia())
  fakeApi.reset()
})
afterEach(() => vi.useRealTimers())

describe('notifications', () => {
  it('fades info out, keeps errors, counts repeats and caps the stack', () => {
    vi.useFakeTimers()
    const s = useNotificationsStore()
    s.notify({ level: 'info', message: 'saved' })
    s.notify({ level: 'error', message: 'boom' })
    s.notify({ level: 'error', message: 'boom' })
    expect(s.items.map((n) => [n.message, n.count])).toEqual([
      ['saved', 1],
      ['boom', 2],
    ])
    s.notify({ level: 'warning', message: 'slow' })
    vi.advanceTimersByTime(AUTO_DISMISS_MS)
    expect(s.items.map((n) => n.message)).toEqual(['boom', 'slow'])
    vi.advanceTimersByTime(WARNING_DISMISS_MS - AUTO_DISMISS_MS)
    expect(s.items.map((n) => n.message)).toEqual(['boom'])
    for (let i = 0; i < 10; i++) s.notify({ level: 'error', message: `e${i}` })
    expect(s.items).toHaveLength(MAX_NOTIFICATIONS)
    expect(s.items.at(-1)?.message).toBe('e9')
  })

  it('reportError turns any failure into one error notification, with the location when the message lacks it', () => {
    const s = useNotificationsStore()
    const e = reportError(new ApiError({ code: 'BAD_INPUT', message: 'not a number', location: { file: 'a.csv', row: 3, column: 'g2' } }), 'Import failed')
    expect(e.code).toBe('BAD_INPUT')
    expect(s.items[0]).toMatchObject({ level: 'error', title: 'Import failed', message: 'not a number (row 3, column g2 in a.csv)' })
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(reportError(new Error('plain')).code).toBe('INTERNAL')
    expect(s.items[1]?.message).toBe('plain')
    spy.mockRestore()
  })
})

describe('app store', () => {
  it('loads app:info and follows the backend and app notices', async () => {
    fakeApi.handle('app:info', () => ({ version: '0.1.0', backend: null, workspace: '/home/u/.local/share/equimodal' }))
    const s = useAppStore()
    await s.load()
    expect(s.status).toBe('ready')
    expect(s.info?.workspace).toBe('/home/u/.local/share/equimodal')
    fakeApi.emit('runs:backend', { runId: 'r', backend: 'wasm', detail: '' })
    expect(s.info?.backend).toBe('wasm')
    fakeApi.emit('app:notice', { level: 'warning', message: 'native backend unavailable' })
    expect(useNotificationsStore().items[0]).toMatchObject({ level: 'warning', message: 'native backend unavailable' })
  })

  it('reports a failed app:info', async () => {
    fakeApi.fail('app:info', { code: 'DISCONNECTED', message: 'Cannot reach the Equimodal server' })
    const s = useAppStore()
    await s.load()
    expect(s.status).toBe('error')
    expect(useNotificationsStore().items[0]?.message).toBe('Cannot reach the Equimodal server')
  })
})
