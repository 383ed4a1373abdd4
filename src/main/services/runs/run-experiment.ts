/**
 * Runs an experiment: validates the config, checks the protocol and the method compositions before
 * anything starts, plans the jobs, skips the jobs an earlier run of the same config already
 * committed, runs the rest in the trainer pool and commits each job the moment it finishes.
 */
import os from 'node:os'
import { ExperimentConfig, parseOrThrow, type Backend } from '../../../shared/experiment'
import { AppFailure } from '../../../shared/result'
import type { RunOutcome } from '../../../shared/runs'
import { jobKeyString, type JobKey, type JobProgress } from '../../../shared/training/job'
import { checkProtocol } from '../../protocol/check'
import { checkArms } from '../../training/host/method-catalog'
import type { SpawnTrainer } from '../../training/host/trainer-child'
import { runJobsInPool, type JobResult } from '../../training/host/trainer-pool'
import {
  commitJob,
  committedJobKeys,
  createRun,
  findResumableRun,
  getDatasetMeta,
  loadDataset,
  setRunBackend,
  setRunStatus,
  type Workspace,
} from '../workspace'
import { captureEnvironment } from './environment'
import { configHash, planJobs } from './job-plan'

export type { RunOutcome }

export interface RunEvents {
  onStart?(info: { runId: string; resumed: boolean; totalJobs: number; skipped: number; poolSize: number; warnings: string[] }): void
  onBackend?(info: { backend: string; detail: string }): void
  onProgress?(progress: JobProgress): void
  onJobFinished?(info: { key: JobKey; result: JobResult; finished: number; toRun: number }): void
  onTrainerStarted?(info: { key: JobKey; pid: number }): void
}

export interface RunOptions {
  backend?: Backend
  poolSize?: number
  /** Start a new run even if an unfinished run of the same config exists. */
  fresh?: boolean
  signal?: AbortSignal
  spawn?: SpawnTrainer
  events?: RunEvents
}

export function parseExperimentConfig(input: unknown): ExperimentConfig {
  return parseOrThrow(ExperimentConfig, input, 'The experiment config')
}

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'experiment'

export async function runExperiment(ws: Workspace, input: unknown, options: RunOptions = {}): Promise<RunOutcome> {
  const config = parseExperimentConfig(input)
  const meta = await getDatasetMeta(ws, config.dataset)
  if (!meta) throw AppFailure.of('NOT_FOUND', `No dataset "${config.dataset}" in the workspace (see \`equimodal datasets\`).`, { location: { field: 'dataset' } })
  const data = await loadDataset(ws, meta.id)
  checkProtocol(data, config.protocol)
  const warnings = await checkArms(config.arms, config.model)

  const hash = configHash(config, meta.id)
  const previous = options.fresh ? undefined : await findResumableRun(ws, hash)
  const runId = previous?.runId ?? `${slug(config.name)}-${hash.slice(0, 8)}-${Date.now().toString(36)}`
  if (!previous) {
    await createRun(ws, {
      runId,
      experimentName: config.name,
      configHash: hash,
      config,
      datasetId: meta.id,
      backend: options.backend ?? 'auto',
      environment: captureEnvironment(),
    })
  }
  const allJobs = planJobs(runId, meta.id, data, config)
  const committed = previous ? await committedJobKeys(ws, runId) : new Set<string>()
  const toRun = allJobs.filter((j) => !committed.has(jobKeyString(j.key)))
  const poolSize = Math.max(1, Math.min(options.poolSize ?? os.availableParallelism(), toRun.length || 1))
  options.events?.onStart?.({ runId, resumed: Boolean(previous), totalJobs: allJobs.length, skipped: allJobs.length - toRun.length, poolSize, warnings })
  await setRunStatus(ws, runId, 'running')

  const outcome: RunOutcome = {
    runId,
    status: 'completed',
    resumed: Boolean(previous),
    jobsTotal: allJobs.length,
    jobsSkipped: allJobs.length - toRun.length,
    jobsDone: 0,
    jobsFailed: 0,
    backend: null,
    failures: [],
  }
  let finished = 0
  let interrupted = false
  try {
    await runJobsInPool(
      toRun,
      new Map([[meta.id, data]]),
      { size: poolSize, backend: options.backend ?? 'auto', spawn: options.spawn, signal: options.signal },
      {
        onReady: (info) => {
          if (outcome.backend) return
          outcome.backend = info.backend
          void setRunBackend(ws, runId, info.backend)
          options.events?.onBackend?.(info)
        },
        onJobStarted: (key, pid) => options.events?.onTrainerStarted?.({ key, pid }),
        onProgress: (p) => options.events?.onProgress?.(p),
        onResult: async (key, result) => {
          if (result.status === 'cancelled') {
            interrupted = true
            return
          }
          if (result.status === 'done') {
            await commitJob(ws, runId, key, { status: 'done', output: result.output })
            outcome.jobsDone++
          } else {
            await commitJob(ws, runId, key, { status: 'failed', reason: result.reason, epochs: result.epochs })
            outcome.jobsFailed++
            outcome.failures.push({ key: jobKeyString(key), reason: result.reason })
          }
          finished++
          options.events?.onJobFinished?.({ key, result, finished, toRun: toRun.length })
        },
      },
    )
  } catch (e) {
    await setRunStatus(ws, runId, 'failed')
    throw e
  }
  {
    if (options.signal?.aborted || interrupted) {
      outcome.status = 'interrupted'
      await setRunStatus(ws, runId, 'interrupted')
    } else {
      await setRunStatus(ws, runId, 'completed')
    }
  }
  return outcome
}
