/** App-level state: version, compute backend and workspace from `app:info`, the connection state, and app-wide notices. */
import type { AppInfo } from '@shared/ipc/contract'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import { api, type ConnectionState } from '@renderer/services/api'
import { reportError } from '@renderer/services/report-error'
import { useNotificationsStore } from './notifications'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

export const useAppStore = defineStore('app', () => {
  /** What main reported through `app:info`; null until loaded. */
  const info = ref<AppInfo | null>(null)
  const status = ref<LoadStatus>('idle')
  /** `electron` (preload bridge) or `server` (WebSocket of `equimodal serve`). */
  const mode = ref<'electron' | 'server'>('electron')
  const connection = ref<ConnectionState>('closed')
  let subscribed = false

  function subscribe(): void {
    if (subscribed) return
    subscribed = true
    mode.value = api.mode
    api.onConnection((state) => {
      const wasOpen = connection.value === 'open'
      connection.value = state
      // After a reconnect the backend may have changed (another run started meanwhile).
      if (state === 'open' && !wasOpen && status.value === 'ready') void load()
    })
    api.on('app:notice', (n) => useNotificationsStore().notify({ level: n.level, message: n.message }))
    api.on('runs:backend', (b) => {
      if (info.value) info.value = { ...info.value, backend: b.backend }
    })
  }

  /** Subscribes to app-wide events once and loads `app:info`. */
  async function load(): Promise<void> {
    subscribe()
    status.value = 'loading'
    try {
      info.value = await api.invoke('app:info', {})
      status.value = 'ready'
    } catch (e) {
      status.value = 'error'
      reportError(e, 'Could not read the app info')
    }
  }

  return { info, status, mode, connection, load }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useAppStore, import.meta.hot))
