/** Real trainer processes: a killed process fails only its own job, the others finish. */
import { afterAll, describe, expect, it } from 'vitest'
import { ExperimentConfig } from '../../../../src/shared/experiment'
import { jobKeyString } from '../../../../src/shared/training/job'
import { generateDemoDataset } from '../../../../src/main/data/synthetic'
import { planJobs } from '../../../../src/main/services/runs/job-plan'
import { runJobsInPool, type JobResult } from '../../../../src/main/training/host/trainer-pool'
import { tinyExperiment } from '../../../helpers/temp-workspace'

describe('trainer pool', () => {
  const data = generateDemoDataset({ seed: 3, samples: 240 })
  const config = ExperimentConfig.parse(tinyExperiment({ training: { epochs: 60, batchSize: 16, patience: 0 } }))
  const jobs = planJobs('run-test', 'tiny', data, config)
  const killed: number[] = []
  afterAll(() => {
    for (const pid of killed) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
  })

  it('records a NaN-diverging job as failed with its reason while the others finish', async () => {
    const few = jobs.slice(0, 3).map((j) => ({ ...j, training: { ...j.training, epochs: 3 } }))
    const diverging = { ...few[1]!, training: { ...few[1]!.training, optimizer: 'sgd' as const, learningRate: 1e30 } }
    const specs = [few[0]!, diverging, few[2]!]
    const results = new Map<string, JobResult>()
    await runJobsInPool(specs, new Map([['tiny', data]]), { size: 2, backend: 'wasm' }, {
      onResult: (key, result) => {
        results.set(jobKeyString(key), result)
      },
    })
    const bad = results.get(jobKeyString(diverging.key))
    expect(bad?.status).toBe('failed')
    expect(bad?.status === 'failed' && bad.reason).toMatch(/NaN|not finite|diverg/i)
    expect(results.get(jobKeyString(specs[0]!.key))?.status).toBe('done')
    expect(results.get(jobKeyString(specs[2]!.key))?.status).toBe('done')
  }, 120_000)

  it('records a killed trainer process as a failed job and finishes the others', async () => {
    const results = new Map<string, JobResult>()
    let victim: string | undefined
    let victimPid: number | undefined
    let backend = ''
    await runJobsInPool(jobs, new Map([['tiny', data]]), { size: 2, backend: 'wasm' }, {
      onReady: (info) => {
        backend = info.backend
      },
      onJobStarted: (key, pid) => {
        if (victim) return
        victim = jobKeyString(key)
        victimPid = pid
      },
      onProgress: (p) => {
        // Kill the first job's process in the middle of its training (after its 2nd epoch).
        if (jobKeyString(p.key) !== victim || p.epoch < 2 || victimPid === undefined || killed.includes(victimPid)) return
        killed.push(victimPid)
        process.kill(victimPid, 'SIGKILL')
      },
      onResult: (key, result) => {
        results.set(jobKeyString(key), result)
      },
    })
    expect(backend).toBe('wasm')
    expect(results.size).toBe(jobs.length)
    const failed = [...results.entries()].filter(([, r]) => r.status === 'failed')
    expect(failed.map(([k]) => k)).toEqual([victim])
    const reason = failed[0]?.[1]
    expect(reason?.status === 'failed' && reason.reason).toMatch(/exited unexpectedly.*SIGKILL/)
    const done = [...results.values()].filter((r) => r.status === 'done')
    expect(done).toHaveLength(jobs.length - 1)
    for (const r of done) if (r.status === 'done') expect(r.output.test.classification.accuracy).toBeGreaterThan(0)
  }, 240_000)
})
