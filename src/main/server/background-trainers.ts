/**
 * Trainer processes as background work for server mode: the serving process and the browser share
 * the machine's cores with them, so trainers run at a lower scheduling priority (nice +10) and the
 * default pool leaves one core free. Training takes the cores nobody else wants; the UI stays fluid.
 */
import os from 'node:os'
import { forkTrainer, type SpawnTrainer, type TrainerChild } from '../training/host/trainer-child'

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

/** `spawn` (default: child_process.fork of the trainer entry) with every child at background priority. */
export function backgroundTrainers(spawn: SpawnTrainer = () => forkTrainer()): SpawnTrainer {
  return (): TrainerChild => {
    const child = spawn()
    lowerPriority(child.pid)
    return child
  }
}

/** Trainer processes a run gets by default while serving: one core is left to the server and the browser. */
export function servingPoolSize(cores: number = os.availableParallelism()): number {
  return Math.max(1, cores - 1)
}
