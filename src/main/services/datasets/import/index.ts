/**
 * Dataset import: an `ImportSpec` (src/shared/import.ts) → `DatasetData` plus warnings.
 *
 * Source files are only read. Every problem is an `AppFailure`: VALIDATION when the spec does
 * not fit the files (unknown column, empty modality…), BAD_INPUT when a file is malformed, with
 * a message naming file, row (1-based line as a text editor shows it, header = 1) and column.
 */
import { parseOrThrow } from '../../../../shared/experiment'
import { ImportSpec, type ImportSpecInput } from '../../../../shared/import'
import { importJoin } from './join'
import { importMogonet } from './mogonet'
import { importTabular, type ImportOutput } from './tabular'

export { checkClassSizes } from './checks'
export { previewFile, type FilePreview, type InferredKind, type PreviewOptions } from './preview'
export type { ImportOutput } from './tabular'

/**
 * Reads the files a spec names and assembles the dataset.
 * @param baseDir directory that relative paths in the spec are resolved against
 */
export async function importDataset(spec: ImportSpec | ImportSpecInput, baseDir: string = process.cwd()): Promise<ImportOutput> {
  const s = parseOrThrow(ImportSpec, spec, 'The import spec')
  switch (s.format) {
    case 'csv':
    case 'parquet':
      return importTabular(s, baseDir)
    case 'mogonet':
      return importMogonet(s, baseDir)
    case 'join':
      return importJoin(s, baseDir)
  }
}
