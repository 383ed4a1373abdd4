/**
 * Writes a table as Parquet through a temporary in-memory DuckDB instance (typed columns filled
 * with an appender, then `COPY … TO … (FORMAT PARQUET)`), atomically: temp file, then rename.
 */
import { rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { DuckDBInstance, type DuckDBAppender } from '@duckdb/node-api'
import type { Column, Table, Value } from './tables'

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`
const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`

function appendValue(a: DuckDBAppender, c: Column, v: Value): void {
  if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return a.appendNull()
  switch (c.type) {
    case 'VARCHAR':
      return a.appendVarchar(String(v))
    case 'INTEGER':
      return a.appendInteger(Number(v))
    case 'DOUBLE':
      return a.appendDouble(Number(v))
    case 'BOOLEAN':
      return a.appendBoolean(Boolean(v))
  }
}

/** Writes `table` to `file` as Parquet (Snappy, which every Parquet reader supports). */
export async function writeParquet(file: string, table: Table): Promise<void> {
  const target = path.resolve(file)
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`)
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  try {
    await connection.run(`CREATE TABLE t (${table.columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`)
    const appender = await connection.createAppender('t')
    try {
      for (const row of table.rows) {
        table.columns.forEach((c, i) => appendValue(appender, c, row[i] ?? null))
        appender.endRow()
      }
      appender.flushSync()
    } finally {
      appender.closeSync()
    }
    await connection.run(`COPY t TO ${literal(tmp)} (FORMAT PARQUET, COMPRESSION SNAPPY)`)
    await rename(tmp, target)
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined)
    throw e
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}
