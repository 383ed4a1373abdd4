/**
 * A thin typed layer over one DuckDB connection, as the store modules use it. Rows come back as
 * plain JS values (`getRowObjectsJS`: BLOB → Uint8Array, BIGINT → bigint, DOUBLE[] → number[]).
 */
import type { DuckDBAppender, DuckDBConnection, DuckDBValue, JS } from '@duckdb/node-api'

export type SqlParams = DuckDBValue[]
export type SqlRow = Record<string, JS>

export class Session {
  constructor(private readonly connection: DuckDBConnection) {}

  /** Runs one statement; `?` placeholders take `params` in order. */
  async exec(sql: string, params: SqlParams = []): Promise<void> {
    await this.connection.run(sql, params.length ? params : undefined)
  }

  /** All rows of a query. */
  async all(sql: string, params: SqlParams = []): Promise<SqlRow[]> {
    const reader = await this.connection.runAndReadAll(sql, params.length ? params : undefined)
    return reader.getRowObjectsJS()
  }

  /** The first row of a query, if any. */
  async one(sql: string, params: SqlParams = []): Promise<SqlRow | undefined> {
    return (await this.all(sql, params))[0]
  }

  /**
   * Appends rows to `table` through a DuckDB appender (fast bulk insert; takes part in the open
   * transaction). `fill` appends the rows; the appender is flushed and closed afterwards, also on error.
   */
  async append(table: string, fill: (appender: DuckDBAppender) => void): Promise<void> {
    const appender = await this.connection.createAppender(table)
    try {
      fill(appender)
      appender.flushSync()
    } catch (e) {
      try {
        appender.clear()
        appender.closeSync()
      } catch {
        // The first error is the one worth reporting.
      }
      throw e
    }
    appender.closeSync()
  }

  /** Runs `fn` inside BEGIN … COMMIT; any error rolls everything back and is rethrown. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.connection.run('BEGIN TRANSACTION')
    let result: T
    try {
      result = await fn()
    } catch (e) {
      await this.connection.run('ROLLBACK').catch(() => undefined)
      throw e
    }
    await this.connection.run('COMMIT').catch(async (e: unknown) => {
      await this.connection.run('ROLLBACK').catch(() => undefined)
      throw e
    })
    return result
  }
}

/** `str(row.x)` etc.: read a column with the type the schema promises. */
export const str = (v: JS | undefined): string => (typeof v === 'string' ? v : String(v))
export const optStr = (v: JS | undefined): string | null => (v == null ? null : str(v))
export const num = (v: JS | undefined): number => (typeof v === 'number' ? v : Number(v))
export const optNum = (v: JS | undefined): number | null => (v == null ? null : num(v))
