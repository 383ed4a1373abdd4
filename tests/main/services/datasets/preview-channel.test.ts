/** datasets:preview through the contract: the import wizard's first look at a file. */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { callService, type ServiceContext } from '../../../../src/main/services/service-api'
import { repoRoot } from '../../../helpers/temp-workspace'

const ctx: ServiceContext = {
  workspaceDir: '/nonexistent',
  workspace: () => Promise.reject(new Error('datasets:preview must not open the workspace')),
  emit: () => undefined,
}

describe('datasets:preview', () => {
  it('returns columns with inferred kinds and the first rows', async () => {
    const file = path.join(repoRoot, 'tests/fixtures/import/join-tiny/clinical.csv')
    const r = await callService('datasets:preview', { path: file, rows: 2 }, ctx)
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.delimiter).toBe(',')
    expect(r.value.rows).toHaveLength(2)
    expect(r.value.columns.slice(0, 2)).toEqual([
      { name: 'Patient_ID', inferred: 'categorical' },
      { name: 'years_to_birth', inferred: 'numeric' },
    ])
    expect(r.value.rows[0]!.slice(0, 2)).toEqual(['TCGA-AA-0001', '0.727929'])
  })

  it('names the file it cannot read, and validates the request', async () => {
    const missing = await callService('datasets:preview', { path: '/no/such/file.csv' }, ctx)
    expect(missing.ok).toBe(false)
    expect(missing.ok ? '' : missing.error.message).toContain('/no/such/file.csv')
    const bad = await callService('datasets:preview', { path: 'x.csv', rows: 0 }, ctx)
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION')
  })
})
