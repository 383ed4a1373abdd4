/**
 * One trainer process as the host sees it. `forkTrainer` uses child_process.fork (CLI, tests);
 * the desktop app supplies an equivalent built on Electron's utilityProcess.
 */
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { HostMessage, TrainerMessage } from '../../../shared/training/messages'
import { captureStderrTail } from './stderr-tail'

export interface TrainerChild {
  readonly pid: number | undefined
  send(message: HostMessage): void
  onMessage(listener: (message: TrainerMessage) => void): void
  onExit(listener: (code: number | null, signal: string | null) => void): void
  /** Last lines the process wrote to stderr (for failure reasons). */
  stderrTail(): string
  kill(): void
}

export type SpawnTrainer = () => TrainerChild

/** The trainer entry next to this folder (TypeScript source, run through tsx). */
export const defaultTrainerEntry = fileURLToPath(new URL('../worker/entry.ts', import.meta.url))

/**
 * @param opts.ownSession start the trainer in a session of its own (setsid): on Linux it then gets
 *   its own scheduling autogroup, which server mode lowers so trainers yield to the UI (the trainer
 *   still exits when the host goes: it watches the IPC channel).
 */
export function forkTrainer(entry: string = defaultTrainerEntry, opts: { ownSession?: boolean } = {}): TrainerChild {
  const execArgv = entry.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : []
  const child = fork(entry, [], {
    execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' },
    ...(opts.ownSession ? { detached: true } : {}),
  })
  const stderrTail = captureStderrTail(child.stderr)
  return {
    get pid() {
      return child.pid
    },
    send: (m) => {
      // A send racing the child's death fails (EPIPE); without a callback that is an 'error' event
      // that would crash the host. The 'exit' listener reports the death.
      if (child.connected) child.send(m, () => undefined)
    },
    onMessage: (l) => child.on('message', (m) => l(m as TrainerMessage)),
    onExit: (l) => child.on('exit', (code, signal) => l(code, signal)),
    stderrTail,
    kill: () => {
      child.kill('SIGKILL')
    },
  }
}
