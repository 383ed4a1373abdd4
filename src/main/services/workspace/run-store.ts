/**
 * Runs: one execution of an experiment config on a dataset. A run is created once and resumed
 * (same row) as often as needed; its jobs live in job-store.ts.
 */
import { AppFailure } from '../../../shared/result'
import { fromJson, toJson } from './codec'
import { num, optStr, str, type Session, type SqlRow } from './session'
import type { Workspace } from './workspace'

export const RUN_STATUSES = ['running', 'completed', 'failed', 'cancelled', 'interrupted'] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

export interface NewRun {
  runId: string
  experimentName: string
  /** Hash of the config and dataset (see `configHash`): the same hash means the same jobs. */
  configHash: string
  /** The validated experiment config (JSON-serialisable). */
  config: unknown
  datasetId: string
  /** Backend asked for ('auto' or a forced one). */
  backend: string
  /** Versions and hardware (JSON-serialisable), for reproducibility. */
  environment: unknown
}

export interface RunRow {
  runId: string
  experimentName: string
  configHash: string
  config: unknown
  datasetId: string
  requestedBackend: string
  /** The backend the trainers reported; null until one did. */
  backend: string | null
  environment: unknown
  status: RunStatus
  /** ISO-8601. */
  createdAt: string
  updatedAt: string
  /** When the run last stopped (completed, failed, cancelled, interrupted); null while running. */
  finishedAt: string | null
  /** Committed jobs by status. */
  jobsDone: number
  jobsFailed: number
}

/**
 * Records a new run with status `running`.
 * @throws AppFailure `CONFLICT` when `runId` is taken.
 */
export async function createRun(ws: Workspace, run: NewRun): Promise<void> {
  await ws.write(async (s) => {
    if (await s.one('SELECT 1 FROM runs WHERE run_id = ?', [run.runId])) throw AppFailure.of('CONFLICT', `A run with id "${run.runId}" already exists.`)
    const now = new Date().toISOString()
    await s.exec(
      `INSERT INTO runs (run_id, experiment_name, config_hash, config, dataset_id, requested_backend, backend, environment, status, created_at, updated_at, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, 'running', ?, ?, NULL)`,
      [run.runId, run.experimentName, run.configHash, toJson(run.config), run.datasetId, run.backend, toJson(run.environment), now, now],
    )
  })
}

/** The most recently created run with this config hash that is not completed, if any. */
export async function findResumableRun(ws: Workspace, configHash: string): Promise<RunRow | undefined> {
  const row = await ws.read((s) => s.one(`${RUN_SELECT} WHERE r.config_hash = ? AND r.status <> 'completed' ORDER BY r.seq DESC LIMIT 1`, [configHash]))
  return row ? toRunRow(row) : undefined
}

export async function getRun(ws: Workspace, runId: string): Promise<RunRow | undefined> {
  const row = await ws.read((s) => s.one(`${RUN_SELECT} WHERE r.run_id = ?`, [runId]))
  return row ? toRunRow(row) : undefined
}

/** Every run, newest first. */
export async function listRuns(ws: Workspace): Promise<RunRow[]> {
  const rows = await ws.read((s) => s.all(`${RUN_SELECT} ORDER BY r.seq DESC`))
  return rows.map(toRunRow)
}

/**
 * Sets a run's status; any status but `running` also stamps `finishedAt`.
 * @throws AppFailure `NOT_FOUND`.
 */
export async function setRunStatus(ws: Workspace, runId: string, status: RunStatus): Promise<void> {
  if (!RUN_STATUSES.includes(status)) throw AppFailure.of('VALIDATION', `Unknown run status "${String(status)}".`)
  const now = new Date().toISOString()
  await updateRun(ws, runId, 'status = ?, updated_at = ?, finished_at = ?', [status, now, status === 'running' ? null : now])
}

/** Records the backend the trainers actually use. @throws AppFailure `NOT_FOUND`. */
export async function setRunBackend(ws: Workspace, runId: string, backend: string): Promise<void> {
  await updateRun(ws, runId, 'backend = ?, updated_at = ?', [backend, new Date().toISOString()])
}

async function updateRun(ws: Workspace, runId: string, assignments: string, params: (string | null)[]): Promise<void> {
  await ws.write(async (s) => {
    await requireRun(s, runId)
    await s.exec(`UPDATE runs SET ${assignments} WHERE run_id = ?`, [...params, runId])
  })
}

/** The run's dataset id. @throws AppFailure `NOT_FOUND`. */
export async function requireRun(s: Session, runId: string): Promise<{ datasetId: string }> {
  const row = await s.one('SELECT dataset_id FROM runs WHERE run_id = ?', [runId])
  if (!row) throw AppFailure.of('NOT_FOUND', `No run "${runId}" in the workspace (see \`equimodal results\`).`)
  return { datasetId: str(row.dataset_id) }
}

const RUN_SELECT = `
  SELECT r.*, coalesce(j.done, 0) AS jobs_done, coalesce(j.failed, 0) AS jobs_failed
  FROM runs r
  LEFT JOIN (
    SELECT run_id, count(*) FILTER (WHERE status = 'done') AS done, count(*) FILTER (WHERE status = 'failed') AS failed
    FROM jobs GROUP BY run_id
  ) j ON j.run_id = r.run_id`

function toRunRow(r: SqlRow): RunRow {
  return {
    runId: str(r.run_id),
    experimentName: str(r.experiment_name),
    configHash: str(r.config_hash),
    config: fromJson<unknown>(str(r.config)),
    datasetId: str(r.dataset_id),
    requestedBackend: str(r.requested_backend),
    backend: optStr(r.backend),
    environment: fromJson<unknown>(str(r.environment)),
    status: str(r.status) as RunStatus,
    createdAt: str(r.created_at),
    updatedAt: str(r.updated_at),
    finishedAt: optStr(r.finished_at),
    jobsDone: num(r.jobs_done),
    jobsFailed: num(r.jobs_failed),
  }
}
