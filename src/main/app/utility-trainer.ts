/** Trainer processes under Electron's utilityProcess (same entry as the CLI's forked processes, built as trainer.js). */
import path from 'node:path'
import type { Readable } from 'node:stream'
import { utilityProcess } from 'electron'
import type { HostMessage, TrainerMessage } from '../../shared/training/messages'
import { captureStderrTail } from '../training/host/stderr-tail'
import type { SpawnTrainer, TrainerChild } from '../training/host/trainer-child'

export function utilityTrainerSpawner(mainDir: string): SpawnTrainer {
  const entry = path.join(mainDir, 'trainer.js')
  return (): TrainerChild => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Equimodal trainer', stdio: ['ignore', 'ignore', 'pipe'] })
    const stderrTail = captureStderrTail(child.stderr as Readable | null)
    return {
      get pid() {
        return child.pid
      },
      send: (m: HostMessage) => child.postMessage(m),
      onMessage: (l) => child.on('message', (m: unknown) => l(m as TrainerMessage)),
      onExit: (l) => child.on('exit', (code: number) => l(code, null)),
      stderrTail,
      kill: () => {
        child.kill()
      },
    }
  }
}
