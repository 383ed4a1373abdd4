/** Sandboxed preload: exposes the narrow typed `window.equimodal` bridge; no logic, no validation (main checks everything). */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { EquimodalBridge } from '../shared/ipc/bridge'
import { isEventChannel, isInvokeChannel } from '../shared/ipc/channels'

const bridge = {
  invoke(channel, input) {
    if (!isInvokeChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'VALIDATION', message: `Unknown IPC channel: ${String(channel)}` } })
    }
    return ipcRenderer.invoke(channel, input)
  },
  on(event, listener) {
    if (!isEventChannel(event)) throw new Error(`Unknown IPC event: ${String(event)}`)
    // The Electron event carries `sender`; the page only ever sees the payload.
    const relay = (_event: IpcRendererEvent, payload: unknown): void => listener(payload as Parameters<typeof listener>[0])
    ipcRenderer.on(event, relay)
    return () => {
      ipcRenderer.removeListener(event, relay)
    }
  },
} satisfies EquimodalBridge

contextBridge.exposeInMainWorld('equimodal', bridge)
