/**
 * Opening and closing a workspace: a folder holding `workspace.duckdb`. One process at a time
 * (DuckDB takes an exclusive file lock for a read-write open; we turn its lock error into
 * `WORKSPACE_BUSY`), and inside that process one operation at a time (every store call is queued
 * on the workspace, so a transaction never interleaves with another call on the same connection).
 */
import { mkdirSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { AppFailure } from '../../../shared/result'
import { migrate, NewerSchemaError, readSchemaVersion } from './schema'
import { Session } from './session'

export const DB_FILE = 'workspace.duckdb'

/** Database files open in this process, by real path: DuckDB would let a second instance open one. */
const openInThisProcess = new Set<string>()

/** An open workspace. Get one from `openWorkspace`; use it through the store functions; `close()` it. */
export class Workspace {
  private tail: Promise<unknown> = Promise.resolve()
  private closed = false
  private closePromise: Promise<void> | undefined

  private constructor(
    /** Absolute path of the workspace folder. */
    readonly dir: string,
    /** Absolute path of the database file. */
    readonly dbPath: string,
    private readonly lockKey: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly session: Session,
  ) {}

  /** @internal Used by `openWorkspace`. */
  static async open(dir: string): Promise<Workspace> {
    const abs = path.resolve(dir)
    ensureFolder(abs)
    const dbPath = path.join(abs, DB_FILE)
    const lockKey = path.join(realpathSync(abs), DB_FILE)
    if (openInThisProcess.has(lockKey)) {
      throw AppFailure.of(
        'WORKSPACE_BUSY',
        `The workspace ${abs} is already open in this process (pid ${process.pid}) — close it before opening it again.`,
      )
    }
    // Claimed before the first await, so two concurrent opens in this process cannot both pass.
    openInThisProcess.add(lockKey)
    let instance: DuckDBInstance | undefined
    let connection: DuckDBConnection | undefined
    try {
      instance = await DuckDBInstance.create(dbPath)
      connection = await instance.connect()
      const ws = new Workspace(abs, dbPath, lockKey, instance, connection, new Session(connection))
      await migrate(ws.session, dbPath)
      await markStaleRunsInterrupted(ws.session)
      return ws
    } catch (e) {
      connection?.closeSync()
      instance?.closeSync()
      openInThisProcess.delete(lockKey)
      if (e instanceof NewerSchemaError) throw AppFailure.of('CONFLICT', e.message)
      throw openFailure(abs, dbPath, e)
    }
  }

  /**
   * Runs `fn` with the connection once every earlier call on this workspace has finished.
   * For the store modules of this folder; other code calls the store functions.
   */
  read<T>(fn: (s: Session) => Promise<T>): Promise<T> {
    return this.enqueue(() => fn(this.session))
  }

  /** Like `read`, inside one transaction: everything `fn` writes is committed together, or nothing. */
  write<T>(fn: (s: Session) => Promise<T>): Promise<T> {
    return this.enqueue(() => this.session.transaction(() => fn(this.session)))
  }

  /** The schema version of the database. */
  schemaVersion(): Promise<number> {
    return this.read((s) => readSchemaVersion(s))
  }

  get isOpen(): boolean {
    return !this.closed
  }

  /**
   * Refuses new calls, waits for the queued ones, then closes the database (DuckDB checkpoints it)
   * and releases the lock. Idempotent.
   */
  close(): Promise<void> {
    this.closePromise ??= (async () => {
      this.closed = true
      await this.tail
      try {
        this.connection.closeSync()
        this.instance.closeSync()
      } finally {
        openInThisProcess.delete(this.lockKey)
      }
    })()
    return this.closePromise
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(AppFailure.of('INTERNAL', `The workspace ${this.dir} is closed.`))
    const run = this.tail.then(fn)
    this.tail = run.catch(() => undefined)
    return run
  }
}

/** Opens (creating when needed) the workspace in `dir` and brings its schema up to date. */
export async function openWorkspace(dir: string): Promise<Workspace> {
  return Workspace.open(dir)
}

function ensureFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true })
    if (!statSync(dir).isDirectory()) throw new Error('not a folder')
  } catch (e) {
    throw AppFailure.of('BAD_INPUT', `Cannot use ${dir} as a workspace folder: ${e instanceof Error ? e.message : String(e)}`, {
      location: { file: dir },
    })
  }
}

/** DuckDB's words for "another process holds the file" on Unix ("Conflicting lock is held in … (PID n)") and Windows. */
const LOCK_ERROR = /could not set lock|conflicting lock|being used by another process/i

/** Turns an error of opening the database into an `AppFailure`: `WORKSPACE_BUSY` for a lock conflict. */
export function openFailure(dir: string, dbPath: string, e: unknown): AppFailure {
  if (e instanceof AppFailure) return e
  const message = e instanceof Error ? e.message : String(e)
  if (LOCK_ERROR.test(message)) {
    const pid = /\(PID (\d+)\)/i.exec(message)?.[1]
    const program = /lock is held in (.+?) \(PID/i.exec(message)?.[1]
    const holder = pid ? `pid ${pid}${program ? `, ${program}` : ''}` : 'pid unknown'
    return AppFailure.of(
      'WORKSPACE_BUSY',
      `The workspace ${dir} is in use by another Equimodal process (${holder}) — close it, or use --workspace <folder> ` +
        '(or EQUIMODAL_WORKSPACE) to work in another workspace.',
      { location: { file: dbPath }, details: [message] },
    )
  }
  return AppFailure.of('INTERNAL', `Cannot open the workspace database ${dbPath}: ${message}`, { location: { file: dbPath }, details: [message] })
}

/**
 * Runs left `running` were cut off (crash, kill): we hold the only lock, so no process is
 * running them now. Mark them `interrupted`; running the experiment again resumes them.
 */
async function markStaleRunsInterrupted(s: Session): Promise<void> {
  const now = new Date().toISOString()
  await s.exec(`UPDATE runs SET status = 'interrupted', updated_at = ?, finished_at = ? WHERE status = 'running'`, [now, now])
}
