/**
 * Jobs of a run (one arm × seed × fold each), their per-epoch metrics and their test predictions.
 * `commitJob` writes all three in one transaction, the moment the job finishes: a killed process
 * loses only the jobs still in flight, and `committedJobKeys` tells a resumed run what to skip.
 */
import { DOUBLE, LIST, listValue } from '@duckdb/node-api'
import type { ModalityDiagnostics } from '../../../shared/diagnostics'
import type { EvaluationReport } from '../../../shared/metrics'
import { AppFailure } from '../../../shared/result'
import { jobKeyString, type EpochLog, type JobKey, type JobOutput } from '../../../shared/training/job'
import { fromJson, toJson, typedFromBlob } from './codec'
import { cachedRunJobs, invalidateRunJobs } from './jobs-cache'
import { requireRun } from './run-store'
import { num, optNum, optStr, str, type Session, type SqlRow } from './session'
import type { Workspace } from './workspace'

export type JobCommit = { status: 'done'; output: JobOutput } | { status: 'failed'; reason: string; epochs?: EpochLog[] }

export interface JobRow {
  runId: string
  key: JobKey
  /** `jobKeyString(key)`. */
  keyString: string
  arm: string
  seed: number
  fold: number
  status: 'done' | 'failed'
  /** Why the job failed; null when done. */
  error: string | null
  backend: string | null
  durationMs: number | null
  /** 1-based epoch whose weights made the test predictions. */
  bestEpoch: number | null
  stoppedEarly: boolean | null
  /** Number of epochs logged. */
  epochs: number
  /** Test-part evaluation; null for a failed job. */
  metrics: EvaluationReport | null
  finishedAt: string
}

export interface PredictionRow {
  /** Row index into the dataset. */
  row: number
  /** Sample id from the dataset; null if the dataset was gone when the job was committed. */
  sampleId: string | null
  /** True class index; null as for `sampleId`. */
  yTrue: number | null
  /** Class probabilities (C). */
  probs: number[]
}

/**
 * Commits a finished job: its row, its epochs and (when done) its test predictions, in one
 * transaction. Committing a key again replaces its earlier result (e.g. a failed job retried).
 * @throws AppFailure `NOT_FOUND` for an unknown run; `VALIDATION` for predictions whose shape is off.
 */
export async function commitJob(ws: Workspace, runId: string, key: JobKey, result: JobCommit): Promise<void> {
  const jobKey = jobKeyString(key)
  const epochs = result.status === 'done' ? result.output.epochs : (result.epochs ?? [])
  const predictions = result.status === 'done' ? result.output.predictions : undefined
  const classes = predictions ? classCount(predictions, jobKey) : 0
  // Dropped after the write (also a failed one): readers that started before it keep their snapshot.
  await ws.write(async (s) => {
    const { datasetId } = await requireRun(s, runId)
    for (const table of ['jobs', 'job_epochs', 'job_predictions', 'job_diagnostics']) await s.exec(`DELETE FROM ${table} WHERE run_id = ? AND job_key = ?`, [runId, jobKey])
    const out = result.status === 'done' ? result.output : undefined
    await s.exec(
      `INSERT INTO jobs (run_id, job_key, arm, seed, fold, status, error, backend, duration_ms, best_epoch, stopped_early, epochs, metrics, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        runId,
        jobKey,
        key.arm,
        key.seed,
        key.fold,
        result.status,
        result.status === 'failed' ? result.reason : null,
        out?.backend ?? null,
        out?.durationMs ?? null,
        out?.bestEpoch ?? null,
        out?.stoppedEarly ?? null,
        epochs.length,
        out ? toJson(out.test) : null,
        new Date().toISOString(),
      ],
    )
    if (out?.diagnostics) await s.exec('INSERT INTO job_diagnostics VALUES (?, ?, ?)', [runId, jobKey, toJson(out.diagnostics)])
    if (epochs.length) {
      await s.append('job_epochs', (a) => {
        for (const e of epochs) {
          a.appendVarchar(runId)
          a.appendVarchar(jobKey)
          a.appendInteger(e.epoch)
          a.appendDouble(e.trainLoss)
          a.appendDouble(e.valLoss)
          a.appendDouble(e.valAccuracy)
          a.appendDouble(e.valMacroF1)
          a.appendVarchar(toJson(e.extras ?? {}))
          a.endRow()
        }
      })
    }
    if (predictions && predictions.rows.length) {
      const samples = await datasetSamples(s, datasetId)
      const listType = LIST(DOUBLE)
      await s.append('job_predictions', (a) => {
        for (let i = 0; i < predictions.rows.length; i++) {
          const row = predictions.rows[i]!
          a.appendVarchar(runId)
          a.appendVarchar(jobKey)
          a.appendInteger(i)
          a.appendInteger(row)
          const id = samples?.ids[row]
          if (id === undefined) a.appendNull()
          else a.appendVarchar(id)
          const y = samples?.labels[row]
          if (y === undefined) a.appendNull()
          else a.appendInteger(y)
          a.appendList(listValue(Array.from(predictions.probs.subarray(i * classes, (i + 1) * classes))), listType)
          a.endRow()
        }
      })
    }
  }).finally(() => invalidateRunJobs(ws, runId))
}

/** The stored modality diagnostics of the run's jobs, by job key string (jobs without any are absent). */
export async function getJobDiagnostics(ws: Workspace, runId: string): Promise<Map<string, ModalityDiagnostics>> {
  const rows = await ws.read((s) => s.all('SELECT job_key, diagnostics FROM job_diagnostics WHERE run_id = ?', [runId]))
  return new Map(rows.map((r) => [str(r.job_key), fromJson<ModalityDiagnostics>(str(r.diagnostics))]))
}

/** Keys (`jobKeyString`) of the run's committed jobs, done or failed: a resumed run skips them. */
export async function committedJobKeys(ws: Workspace, runId: string): Promise<Set<string>> {
  const rows = await ws.read((s) => s.all('SELECT job_key FROM jobs WHERE run_id = ?', [runId]))
  return new Set(rows.map((r) => str(r.job_key)))
}

/**
 * The run's committed jobs, by arm, seed and fold. Parsed once per run until a job of it is
 * committed (see `jobs-cache.ts`): the rows are frozen and shared between callers.
 */
export async function listJobs(ws: Workspace, runId: string): Promise<JobRow[]> {
  return cachedRunJobs(ws, runId, async () => {
    const rows = await ws.read((s) => s.all('SELECT * FROM jobs WHERE run_id = ? ORDER BY arm, seed, fold', [runId]))
    return rows.map(toJobRow)
  })
}

/** A job's per-epoch log, by epoch (empty when the job is not committed). */
export async function getEpochs(ws: Workspace, runId: string, key: JobKey | string): Promise<EpochLog[]> {
  const rows = await ws.read((s) =>
    s.all('SELECT * FROM job_epochs WHERE run_id = ? AND job_key = ? ORDER BY epoch', [runId, typeof key === 'string' ? key : jobKeyString(key)]),
  )
  return rows.map((r) => ({
    epoch: num(r.epoch),
    trainLoss: num(r.train_loss),
    valLoss: num(r.val_loss),
    valAccuracy: num(r.val_accuracy),
    valMacroF1: num(r.val_macro_f1),
    extras: fromJson<Record<string, number>>(str(r.extras)),
  }))
}

/** A job's test predictions, in the order the job produced them (empty when none are stored). */
export async function getPredictions(ws: Workspace, runId: string, key: JobKey | string): Promise<PredictionRow[]> {
  const rows = await ws.read((s) =>
    s.all('SELECT dataset_row, sample_id, y_true, probs FROM job_predictions WHERE run_id = ? AND job_key = ? ORDER BY ord', [
      runId,
      typeof key === 'string' ? key : jobKeyString(key),
    ]),
  )
  return rows.map((r) => ({
    row: num(r.dataset_row),
    sampleId: optStr(r.sample_id),
    yTrue: optNum(r.y_true),
    probs: (r.probs as number[]).map(Number),
  }))
}

function classCount(p: JobOutput['predictions'], jobKey: string): number {
  const n = p.rows.length
  if (n === 0) return 0
  const c = p.probs.length / n
  if (!Number.isInteger(c) || c < 1)
    throw AppFailure.of('VALIDATION', `Job ${jobKey}: ${p.probs.length} probabilities for ${n} test rows is not N × C.`)
  return c
}

/** Sample ids and labels of the run's dataset, to store beside each prediction; undefined if it was deleted. */
async function datasetSamples(s: Session, datasetId: string): Promise<{ ids: string[]; labels: Int32Array } | undefined> {
  const row = await s.one('SELECT samples, ids, labels FROM datasets WHERE id = ?', [datasetId])
  if (!row) return undefined
  return { ids: fromJson<string[]>(str(row.ids)), labels: typedFromBlob(Int32Array, row.labels, num(row.samples), `labels of dataset ${datasetId}`) }
}

function toJobRow(r: SqlRow): JobRow {
  const key: JobKey = { arm: str(r.arm), seed: num(r.seed), fold: num(r.fold) }
  return {
    runId: str(r.run_id),
    key,
    keyString: str(r.job_key),
    ...key,
    status: str(r.status) as JobRow['status'],
    error: optStr(r.error),
    backend: optStr(r.backend),
    durationMs: optNum(r.duration_ms),
    bestEpoch: optNum(r.best_epoch),
    stoppedEarly: r.stopped_early == null ? null : Boolean(r.stopped_early),
    epochs: num(r.epochs),
    metrics: r.metrics == null ? null : fromJson<EvaluationReport>(str(r.metrics)),
    finishedAt: str(r.finished_at),
  }
}
