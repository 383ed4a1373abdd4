/**
 * Dataset use cases shared by the CLI and the app: import into the workspace (all or nothing),
 * list, delete.
 */
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { summarizeDataset, type DatasetMeta } from '../../../shared/dataset'
import { parseOrThrow } from '../../../shared/experiment'
import { ImportSpec } from '../../../shared/import'
import { AppFailure } from '../../../shared/result'
import { getDatasetMeta, saveDataset, type Workspace } from '../workspace'
import { importDataset, type ImportOutput } from './import'

export interface ImportOutcome {
  meta: DatasetMeta
  warnings: string[]
}

const idFor = (name: string): string =>
  `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 32) || 'dataset'}-${randomBytes(3).toString('hex')}`

/** Reads, validates and stores a dataset. Nothing is written when any step fails. */
export async function importIntoWorkspace(
  ws: Workspace,
  input: unknown,
  opts: { baseDir?: string; name?: string; read?: (spec: ImportSpec, baseDir: string) => Promise<ImportOutput> } = {},
): Promise<ImportOutcome> {
  const spec = parseOrThrow(ImportSpec, opts.name ? { ...(input as object), name: opts.name } : input, 'The import spec')
  const name = spec.name
  if (await getDatasetMeta(ws, name))
    throw AppFailure.of('CONFLICT', `A dataset named "${name}" already exists in the workspace; choose another name (--name) or delete it first.`, {
      location: { field: 'name' },
    })
  // The files are read and parsed by `opts.read` when given (the import worker thread), else here.
  const { data, warnings } = await (opts.read ?? importDataset)(spec, opts.baseDir ?? process.cwd())
  const source = 'folder' in spec ? spec.folder : 'file' in spec ? spec.file : 'files' in spec ? spec.files.map((f) => f.path).join(', ') : ''
  const meta = summarizeDataset(data, { id: idFor(name), name, source: path.resolve(opts.baseDir ?? process.cwd(), String(source)), format: spec.format })
  await saveDataset(ws, meta, data)
  return { meta, warnings }
}
