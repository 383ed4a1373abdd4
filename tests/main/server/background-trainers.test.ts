/** Server mode runs trainers as background work: lower scheduling priority, one core left to the UI. */
import { spawn } from 'node:child_process'
import os from 'node:os'
import { describe, expect, it } from 'vitest'
import { backgroundTrainers, lowerAutogroup, lowerPriority, readAutogroup, servingPoolSize, TRAINER_NICENESS } from '../../../src/main/server/background-trainers'
import type { TrainerChild } from '../../../src/main/training/host/trainer-child'

/** A real process standing in for a trainer (priority is a property of the process, not of the entry). */
function sleeper(ownSession = false): TrainerChild {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore', detached: ownSession })
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

  it('lowers the autogroup of a trainer in its own session, never the server\'s own group', () => {
    const mine = readAutogroup('self')
    const own = sleeper(true)
    const shared = sleeper(false)
    try {
      // Without autogroup scheduling (not Linux, or switched off) there is nothing to lower.
      expect(lowerAutogroup(own.pid)).toBe(mine !== null)
      if (mine === null) return
      const theirs = readAutogroup(own.pid!)!
      expect(theirs.id).not.toBe(mine.id)
      expect(theirs.nice).toBe(Math.max(mine.nice, TRAINER_NICENESS))
      // A child in this process's session shares its group: lowering it would slow the server down.
      expect(lowerAutogroup(shared.pid)).toBe(false)
      expect(readAutogroup('self')).toEqual(mine)
    } finally {
      own.kill()
      shared.kill()
    }
  })

  it('ignores a process that is gone, and a missing pid', () => {
    expect(lowerPriority(undefined)).toBe(false)
    expect(lowerPriority(2 ** 22 + 12345)).toBe(false)
    expect(lowerAutogroup(undefined)).toBe(false)
    expect(lowerAutogroup(2 ** 22 + 12345)).toBe(false)
  })

  it('leaves one core to the server and the browser, and never goes below one trainer', () => {
    expect([1, 2, 4, 16].map((cores) => servingPoolSize(cores))).toEqual([1, 1, 3, 15])
  })
})
