import { existsSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, describe, expect, it } from 'vitest'
import { DB_FILE, openWorkspace, SCHEMA_VERSION } from '../../../../src/main/services/workspace'
import { MIGRATIONS, migrate, type Migration } from '../../../../src/main/services/workspace/schema'
import { tempDir } from '../../../helpers/temp-workspace'

describe('workspace schema and opening', () => {
  const tmp = tempDir()
  afterAll(() => tmp.cleanup())

  it('creates the folder and the database at the latest schema version, once', async () => {
    const dir = path.join(tmp.dir, 'nested', 'ws')
    const ws = await openWorkspace(dir)
    expect(ws.dir).toBe(dir)
    expect(ws.dbPath).toBe(path.join(dir, DB_FILE))
    expect(existsSync(ws.dbPath)).toBe(true)
    expect(await ws.schemaVersion()).toBe(SCHEMA_VERSION)
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length)
    await ws.close()
    await ws.close() // idempotent
    const again = await openWorkspace(dir)
    const rows = await again.read((s) => s.all('SELECT version FROM schema_version ORDER BY version'))
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version))
    await again.close()
  })

  it('applies only the migrations a database lacks, each recorded', async () => {
    const ws = await openWorkspace(path.join(tmp.dir, 'migrate'))
    const next: Migration = { version: SCHEMA_VERSION + 1, description: 'test: notes', statements: ['CREATE TABLE notes (body VARCHAR)'] }
    const applied = await ws.read((s) => migrate(s, ws.dbPath, [...MIGRATIONS, next]))
    expect(applied).toEqual([next.version])
    expect(await ws.schemaVersion()).toBe(next.version)
    expect(await ws.read((s) => migrate(s, ws.dbPath, [...MIGRATIONS, next]))).toEqual([])
    await ws.close()
  })

  it('rolls back a migration that fails, keeping the previous version', async () => {
    const ws = await openWorkspace(path.join(tmp.dir, 'broken-migration'))
    const broken: Migration = { version: SCHEMA_VERSION + 1, description: 'broken', statements: ['CREATE TABLE half (x INTEGER)', 'NOT SQL AT ALL'] }
    await expect(ws.read((s) => migrate(s, ws.dbPath, [...MIGRATIONS, broken]))).rejects.toThrow()
    expect(await ws.schemaVersion()).toBe(SCHEMA_VERSION)
    expect(await ws.read((s) => s.all("SELECT * FROM duckdb_tables() WHERE table_name = 'half'"))).toEqual([])
    await ws.close()
  })

  it('refuses a workspace written by a newer Equimodal', async () => {
    const dir = path.join(tmp.dir, 'future')
    await (await openWorkspace(dir)).close()
    const db = await DuckDBInstance.create(path.join(dir, DB_FILE))
    const c = await db.connect()
    await c.run("INSERT INTO schema_version VALUES (999, 'from the future', '2030-01-01')")
    c.closeSync()
    db.closeSync()
    await expect(openWorkspace(dir)).rejects.toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining('schema version 999') },
    })
  })

  it('explains a folder that cannot hold a workspace', async () => {
    const file = path.join(tmp.dir, 'a-file')
    writeFileSync(file, 'x')
    await expect(openWorkspace(file)).rejects.toMatchObject({ error: { code: 'BAD_INPUT', message: expect.stringContaining(file) } })
  })

  it('reports a damaged database file with its path', async () => {
    const dir = path.join(tmp.dir, 'damaged')
    await (await openWorkspace(dir)).close()
    writeFileSync(path.join(dir, DB_FILE), 'this is not a duckdb file'.repeat(1000))
    await expect(openWorkspace(dir)).rejects.toMatchObject({
      error: { code: 'INTERNAL', message: expect.stringContaining(path.join(dir, DB_FILE)) },
    })
    // The failed open released the workspace: trying again gets the same answer, not WORKSPACE_BUSY.
    await expect(openWorkspace(dir)).rejects.toMatchObject({ error: { code: 'INTERNAL' } })
  })
})
