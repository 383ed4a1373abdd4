/**
 * Trainer processes as background work for server mode: the serving process and the browser share
 * the machine's cores with them, so trainers run at a lower scheduling priority and the default
 * pool leaves one core free. Training takes the cores nobody else wants; the UI stays fluid.
 *
 * On Linux with autogroup scheduling (the default on desktops), niceness only ranks processes of
 * the same session: a browser in another session would still get just an equal share against the
 * server's session, trainers included. So trainers start in a session of their own and that
 * session's autogroup is lowered too.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { defaultTrainerEntry, forkTrainer, type SpawnTrainer, type TrainerChild } from '../training/host/trainer-child'

/** Niceness of trainer processes in server mode (POSIX scale: 19 lowest, 0 normal). */
export const TRAINER_NICENESS = 10

/**
 * Lowers a process's scheduling priority to `niceness` (never raises it: a process started already
 * nicer keeps its niceness); a failure (no such process, not permitted) is ignored: priority is a hint.
 */
export function lowerPriority(pid: number | undefined, niceness = TRAINER_NICENESS): boolean {
  if (pid === undefined) return false
  try {
    os.setPriority(pid, Math.max(niceness, os.getPriority(pid)))
    return true
  } catch {
    return false
  }
}

/** "/autogroup-46 nice 0" → { id: '/autogroup-46', nice: 0 }; null without autogroup scheduling. */
export function readAutogroup(pid: number | 'self'): { id: string; nice: number } | null {
  try {
    const m = /^(\S+)\s+nice\s+(-?\d+)/.exec(readFileSync(`/proc/${pid}/autogroup`, 'utf8'))
    return m ? { id: m[1]!, nice: Number(m[2]) } : null
  } catch {
    return null
  }
}

/**
 * Lowers the autogroup of `pid` to `niceness`, only when it is not this process's own group (that
 * would slow the server down with it) and never raising it. False where there is no autogroup.
 */
export function lowerAutogroup(pid: number | undefined, niceness = TRAINER_NICENESS): boolean {
  if (pid === undefined || process.platform !== 'linux') return false
  const theirs = readAutogroup(pid)
  const mine = readAutogroup('self')
  if (!theirs || !mine || theirs.id === mine.id) return false
  try {
    writeFileSync(`/proc/${pid}/autogroup`, String(Math.max(niceness, theirs.nice)))
    return true
  } catch {
    return false
  }
}

/** The default trainer of server mode: forked in a session of its own (so it can get its own autogroup). */
const ownSessionTrainer: SpawnTrainer = () => forkTrainer(defaultTrainerEntry, { ownSession: process.platform === 'linux' })

/** `spawn` (default: a forked trainer in its own session) with every child at background priority. */
export function backgroundTrainers(spawn: SpawnTrainer = ownSessionTrainer): SpawnTrainer {
  return (): TrainerChild => {
    const child = spawn()
    lowerPriority(child.pid)
    lowerAutogroup(child.pid)
    return child
  }
}

/** Trainer processes a run gets by default while serving: one core is left to the server and the browser. */
export function servingPoolSize(cores: number = os.availableParallelism()): number {
  return Math.max(1, cores - 1)
}
