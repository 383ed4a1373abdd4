/**
 * Cancelling a pool whose trainer never reads the cancel (a long synchronous epoch): the trainer is
 * killed after the grace period and its job reported as cancelled, so an interrupted run returns.
 */
import { describe, expect, it } from 'vitest'
import { ExperimentConfig } from '../../../../src/shared/experiment'
import { generateDemoDataset } from '../../../../src/main/data/synthetic'
import { planJobs } from '../../../../src/main/services/runs/job-plan'
import type { TrainerChild } from '../../../../src/main/training/host/trainer-child'
import { runJobsInPool, type JobResult } from '../../../../src/main/training/host/trainer-pool'
import { tinyExperiment } from '../../../helpers/temp-workspace'

type Listener<T extends unknown[]> = (...args: T) => void

/** A trainer that starts, accepts a job and then stays busy: it ignores `cancel` until killed. */
function busyTrainer(log: string[]): TrainerChild {
  const onMsg: Listener<[never]>[] = []
  const onExit: Listener<[number | null, string | null]>[] = []
  let dead = false
  return {
    pid: 4242,
    send(message) {
      log.push(message.type)
      if (message.type === 'init') queueMicrotask(() => onMsg.forEach((l) => l({ type: 'ready', backend: 'cpu', detail: 'fake', pid: 4242 } as never)))
      if (message.type === 'job') queueMicrotask(() => onMsg.forEach((l) => l({ type: 'job-started', key: message.spec.key, pid: 4242 } as never)))
    },
    onMessage: (l) => void onMsg.push(l as Listener<[never]>),
    onExit: (l) => void onExit.push(l),
    stderrTail: () => '',
    kill() {
      log.push('kill')
      if (dead) return
      dead = true
      setTimeout(() => onExit.forEach((l) => l(null, 'SIGKILL')), 1)
    },
  }
}

describe('trainer pool cancel', () => {
  it('kills a trainer that does not stop within the grace period and reports its job as cancelled', async () => {
    const data = generateDemoDataset({ seed: 3, samples: 120 })
    const jobs = planJobs('run-test', 'tiny', data, ExperimentConfig.parse(tinyExperiment({})))
    const log: string[] = []
    const controller = new AbortController()
    const results: JobResult[] = []
    await runJobsInPool(
      jobs.slice(0, 3),
      new Map([['tiny', data]]),
      { size: 1, backend: 'cpu', spawn: () => busyTrainer(log), signal: controller.signal, cancelGraceMs: 50 },
      {
        onJobStarted: () => controller.abort(),
        onResult: (_key, r) => void results.push(r),
      },
    )
    expect(log).toEqual(['init', 'dataset', 'job', 'cancel', 'kill'])
    expect(results.map((r) => r.status)).toEqual(['cancelled'])
  }, 20_000)
})
