/** Exports of a run's numbers: CSV, Parquet and LaTeX. */
export { defaultExportDir, exportRun, type ExportOptions } from './export-run'
export { comparisonLatex, comparisonTable, escapeLatex } from './comparison'
export { tableToCsv } from './csv'
export { writeParquet } from './parquet'
export type { Column, Table, Value } from './tables'
