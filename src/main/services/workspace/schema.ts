/**
 * The workspace schema as a versioned list of migrations. `schema_version` records every applied
 * version; opening a workspace applies the missing ones in order, each in its own transaction.
 * Never edit a released migration: append a new one.
 *
 * Conventions: JSON is stored as VARCHAR (no dependency on the json extension, which might need a
 * download); typed arrays as BLOBs of raw bytes (see codec.ts); timestamps as ISO-8601 text.
 * No foreign keys (DuckDB restricts updates of referenced rows): the store functions keep the
 * tables consistent inside their transactions.
 */
import type { Session } from './session'

export interface Migration {
  version: number
  description: string
  statements: string[]
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'datasets, runs, jobs, per-epoch metrics, test predictions',
    statements: [
      `CREATE TABLE datasets (
        id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL UNIQUE,
        created_at VARCHAR NOT NULL,
        samples INTEGER NOT NULL,
        meta VARCHAR NOT NULL,          -- DatasetMeta (JSON)
        ids VARCHAR NOT NULL,           -- string[] (JSON)
        class_names VARCHAR NOT NULL,   -- string[] (JSON)
        labels BLOB NOT NULL,           -- Int32Array, N
        split BLOB,                     -- Uint8Array, N (0 train, 1 test); NULL: no predefined split
        groups VARCHAR                  -- string[] (JSON); NULL: no grouping key
      )`,
      `CREATE TABLE dataset_modalities (
        dataset_id VARCHAR NOT NULL,
        ord INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        features INTEGER NOT NULL,
        feature_names VARCHAR NOT NULL, -- string[] (JSON)
        data BLOB NOT NULL,             -- Float32Array, N × features, row-major; NaN = missing
        PRIMARY KEY (dataset_id, ord)
      )`,
      `CREATE TABLE dataset_attributes (
        dataset_id VARCHAR NOT NULL,
        ord INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        groups VARCHAR NOT NULL,        -- string[] (JSON)
        data BLOB NOT NULL,             -- Int32Array, N; index into groups, -1 = unknown
        PRIMARY KEY (dataset_id, ord)
      )`,
      `CREATE SEQUENCE runs_seq START 1`,
      `CREATE TABLE runs (
        run_id VARCHAR PRIMARY KEY,
        seq BIGINT NOT NULL DEFAULT nextval('runs_seq'),
        experiment_name VARCHAR NOT NULL,
        config_hash VARCHAR NOT NULL,
        config VARCHAR NOT NULL,        -- ExperimentConfig (JSON)
        dataset_id VARCHAR NOT NULL,
        requested_backend VARCHAR NOT NULL,
        backend VARCHAR,                -- the backend the trainers reported; NULL until one did
        environment VARCHAR NOT NULL,   -- versions and hardware (JSON)
        status VARCHAR NOT NULL,
        created_at VARCHAR NOT NULL,
        updated_at VARCHAR NOT NULL,
        finished_at VARCHAR
      )`,
      `CREATE TABLE jobs (
        run_id VARCHAR NOT NULL,
        job_key VARCHAR NOT NULL,       -- jobKeyString(key)
        arm VARCHAR NOT NULL,
        seed INTEGER NOT NULL,
        fold INTEGER NOT NULL,
        status VARCHAR NOT NULL,        -- 'done' | 'failed'
        error VARCHAR,
        backend VARCHAR,
        duration_ms DOUBLE,
        best_epoch INTEGER,
        stopped_early BOOLEAN,
        epochs INTEGER NOT NULL,
        metrics VARCHAR,                -- EvaluationReport of the test part (JSON)
        finished_at VARCHAR NOT NULL,
        PRIMARY KEY (run_id, job_key)
      )`,
      `CREATE TABLE job_epochs (
        run_id VARCHAR NOT NULL,
        job_key VARCHAR NOT NULL,
        epoch INTEGER NOT NULL,
        train_loss DOUBLE,
        val_loss DOUBLE,
        val_accuracy DOUBLE,
        val_macro_f1 DOUBLE,
        extras VARCHAR NOT NULL,        -- Record<string, number> (JSON)
        PRIMARY KEY (run_id, job_key, epoch)
      )`,
      `CREATE TABLE job_predictions (
        run_id VARCHAR NOT NULL,
        job_key VARCHAR NOT NULL,
        ord INTEGER NOT NULL,           -- position in the job's test part
        dataset_row INTEGER NOT NULL,
        sample_id VARCHAR,
        y_true INTEGER,
        probs DOUBLE[] NOT NULL,        -- class probabilities, C
        PRIMARY KEY (run_id, job_key, ord)
      )`,
    ],
  },
  {
    version: 2,
    description: 'per-job modality diagnostics (unimodal accuracy, Shapley contributions, robustness)',
    statements: [
      `CREATE TABLE job_diagnostics (
        run_id VARCHAR NOT NULL,
        job_key VARCHAR NOT NULL,
        diagnostics VARCHAR NOT NULL,   -- ModalityDiagnostics (JSON, src/shared/diagnostics.ts)
        PRIMARY KEY (run_id, job_key)
      )`,
    ],
  },
]

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0

/** The highest applied version (0 for a new database). */
export async function readSchemaVersion(s: Session): Promise<number> {
  await s.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    description VARCHAR NOT NULL,
    applied_at VARCHAR NOT NULL
  )`)
  const row = await s.one('SELECT max(version) AS v FROM schema_version')
  return row?.v == null ? 0 : Number(row.v)
}

/**
 * Applies the migrations newer than the database's version, each in one transaction.
 * @returns the versions applied.
 * @throws Error when the database is newer than `migrations` (made by a newer Equimodal).
 */
export async function migrate(s: Session, dbPath: string, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const current = await readSchemaVersion(s)
  const latest = migrations.at(-1)?.version ?? 0
  if (current > latest) {
    throw new NewerSchemaError(
      `The workspace database ${dbPath} has schema version ${current}, but this Equimodal knows versions up to ${latest}: ` +
        'it was written by a newer Equimodal. Update Equimodal, or use --workspace to pick another workspace.',
    )
  }
  const applied: number[] = []
  for (const m of migrations) {
    if (m.version <= current) continue
    await s.transaction(async () => {
      for (const sql of m.statements) await s.exec(sql)
      await s.exec('INSERT INTO schema_version VALUES (?, ?, ?)', [m.version, m.description, new Date().toISOString()])
    })
    applied.push(m.version)
  }
  return applied
}

export class NewerSchemaError extends Error {
  override readonly name = 'NewerSchemaError'
}
