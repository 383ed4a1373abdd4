/**
 * The trainer process's link to its host: Electron's `process.parentPort` under utilityProcess,
 * Node's IPC channel (`process.send`) under child_process.fork.
 */
import type { HostMessage, TrainerMessage } from '../../../shared/training/messages'

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

export interface HostLink {
  send(message: TrainerMessage): void
  onMessage(listener: (message: HostMessage) => void): void
}

export function connectToHost(): HostLink {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort
  if (parentPort) {
    return {
      send: (m) => parentPort.postMessage(m),
      onMessage: (l) => parentPort.on('message', (e) => l(e.data as HostMessage)),
    }
  }
  if (!process.send) throw new Error('The trainer process must be started by the Equimodal trainer host (no IPC channel).')
  return {
    send: (m) => void process.send?.(m),
    onMessage: (l) => process.on('message', (m) => l(m as HostMessage)),
  }
}
