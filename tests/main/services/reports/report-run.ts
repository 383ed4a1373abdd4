/** A small finished run (2 arms × 2 seeds × 2 folds, 5 epochs on 240 demo samples) in a temp workspace, for the report and export tests. */
import { runExperiment } from '../../../../src/main/services/runs/run-experiment'
import type { Workspace } from '../../../../src/main/services/workspace'
import { tempDir, tinyExperiment, workspaceWithDemo } from '../../../helpers/temp-workspace'

/** The arm names: one with an underscore, for the LaTeX escaping checks. */
export const ARMS = ['baseline', 'weighted_ce'] as const

export interface ReportRun {
  dir: string
  ws: Workspace
  runId: string
  cleanup(): void
}

export async function finishedRun(): Promise<ReportRun> {
  const tmp = tempDir('equimodal-report-')
  const ws = await workspaceWithDemo(tmp.dir)
  const outcome = await runExperiment(
    ws,
    tinyExperiment({
      protocol: { kind: 'kfold', folds: 2 },
      seeds: [1, 2],
      training: { epochs: 5, batchSize: 32, patience: 0, learningRate: 0.005 },
      arms: [
        { name: ARMS[0], methods: [] },
        { name: ARMS[1], methods: [{ method: 'weighted-ce', options: {} }] },
      ],
    }),
    { backend: 'wasm', poolSize: 2 },
  )
  if (outcome.jobsDone !== 8) throw new Error(`fixture run: expected 8 done jobs, got ${JSON.stringify(outcome)}`)
  return { dir: tmp.dir, ws, runId: outcome.runId, cleanup: tmp.cleanup }
}
