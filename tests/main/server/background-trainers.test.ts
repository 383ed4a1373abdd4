/** Server mode runs trainers as background work: lower scheduling priority, one core left to the UI. */
import { spawn } from 'node:child_process'
import os from 'node:os'
import { describe, expect, it } from 'vitest'
import { backgroundTrainers, lowerPriority, servingPoolSize, TRAINER_NICENESS } from '../../../src/main/server/background-trainers'
import type { TrainerChild } from '../../../src/main/training/host/trainer-child'

/** A real process standing in for a trainer (priority is a property of the process, not of the entry). */
function sleeper(): TrainerChild {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' })
  return {
    get pid() {
      return child.pid
    },
    send: () => undefined,
    onMessage: () => undefined,
    onExit: (l) => void child.on('exit', (c, s) => l(c, s)),
    stderrTail: () => '',
    kill: () => void child.kill('SIGKILL'),
  }
}

describe('background trainers', () => {
  it('starts every trainer at niceness +10 while this process keeps its own', () => {
    const mine = os.getPriority()
    const spawnBackground = backgroundTrainers(sleeper)
    const children = [spawnBackground(), spawnBackground()]
    try {
      for (const c of children) expect(os.getPriority(c.pid!)).toBe(Math.max(mine, TRAINER_NICENESS))
      expect(os.getPriority()).toBe(mine)
    } finally {
      for (const c of children) c.kill()
    }
  })

  it('ignores a process that is gone, and a missing pid', () => {
    expect(lowerPriority(undefined)).toBe(false)
    expect(lowerPriority(2 ** 22 + 12345)).toBe(false)
  })

  it('leaves one core to the server and the browser, and never goes below one trainer', () => {
    expect([1, 2, 4, 16].map((cores) => servingPoolSize(cores))).toEqual([1, 1, 3, 15])
  })
})
