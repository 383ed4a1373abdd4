/**
 * Shared setup of the runs service tests: a workspace with the demo dataset ("tiny") for a describe
 * block, and runs whose jobs are committed directly with hand-made reports (no training).
 */
import { afterAll, beforeAll } from 'vitest'
import type { EvaluationReport } from '../../../../src/shared/metrics'
import { commitJob, createRun, type JobCommit, type Workspace } from '../../../../src/main/services/workspace'
import { tempDir, workspaceWithDemo } from '../../../helpers/temp-workspace'

export interface DemoWorkspace {
  /** The open workspace (from the block's `beforeAll` on). */
  readonly ws: Workspace
}

/**
 * Opens a workspace with `samples` demo rows before the tests of the calling describe block (then
 * runs `setup` on it) and closes and removes it after them.
 */
export function demoWorkspace(samples?: number, setup?: (ws: Workspace) => Promise<void>): DemoWorkspace {
  const tmp = tempDir()
  let ws: Workspace | undefined
  beforeAll(async () => {
    ws = await workspaceWithDemo(tmp.dir, samples)
    await setup?.(ws)
  })
  afterAll(async () => {
    await ws?.close()
    tmp.cleanup()
  })
  return {
    get ws(): Workspace {
      if (!ws) throw new Error('The demo workspace is opened in beforeAll: use it inside a test or hook.')
      return ws
    },
  }
}

/** A done job with this test report and no epochs or predictions. */
export const doneJob = (test: EvaluationReport): JobCommit => ({
  status: 'done',
  output: { backend: 'cpu', epochs: [], bestEpoch: 1, stoppedEarly: false, durationMs: 1, test, predictions: { rows: new Int32Array(0), probs: new Float32Array(0) } },
})

/**
 * Creates run `runId` of `config` (on `config.dataset`) and commits its jobs: per arm, one report
 * per fold (seed 1); null commits a failed job ("NaN loss").
 */
export async function committedRun(
  ws: Workspace,
  runId: string,
  config: { name: string; dataset: string },
  jobs: Record<string, (EvaluationReport | null)[]> = {},
): Promise<void> {
  await createRun(ws, { runId, experimentName: config.name, configHash: runId, config, datasetId: config.dataset, backend: 'cpu', environment: {} })
  for (const [arm, folds] of Object.entries(jobs))
    for (const [fold, report] of folds.entries())
      await commitJob(ws, runId, { arm, seed: 1, fold }, report === null ? { status: 'failed', reason: 'NaN loss' } : doneJob(report))
}
