/**
 * `exportRun`: every number of a run as files for analysis elsewhere. Per-job metrics (long and
 * wide), per-epoch logs and test predictions as CSV and Parquet; the comparison table as CSV and
 * LaTeX; a manifest.json saying what each file holds.
 */
import path from 'node:path'
import { AppFailure } from '../../../shared/result'
import { writeFileAtomic } from '../reports/write-report'
import { compareRun, type CompareOptions } from '../runs/compare-run'
import { getEpochs, getPredictions, getRun, listJobs, type Workspace } from '../workspace'
import { comparisonLatex, comparisonTable } from './comparison'
import { tableToCsv } from './csv'
import { writeParquet } from './parquet'
import { epochsTable, metricsLong, metricsWide, predictionsTable, type Table } from './tables'

export interface ExportOptions {
  /** Reference arm, α and test of the comparison table (compareRun's defaults otherwise). */
  compare?: CompareOptions
}

const DESCRIPTIONS: Record<string, string> = {
  metrics_long: 'one row per job × metric: scope overall | class | confusion | attribute | group; value NULL when undefined',
  metrics_wide: 'one row per job (failed jobs included, with their error), one column per metric: metric, metric[class], metric[attribute], metric[attribute=group]',
  epochs: 'one row per job × epoch: losses, validation metrics and the method internals (extra:<key>)',
  predictions: 'one row per job × test sample: sample id, dataset row, true class index y_true, argmax y_pred, class probabilities p_0…p_{C-1}',
  comparison: 'one row per metric × arm: mean, std, 95% CIs, paired tests against the reference arm, Holm-adjusted p, win/tie/loss, verdict',
}

/** Where the app puts a run's export: `<workspace>/reports/<run-id>-export/` (beside its PDF report). */
export function defaultExportDir(ws: Workspace, runId: string): string {
  return path.join(ws.dir, 'reports', `${runId.replace(/[^\w.+-]+/g, '_')}-export`)
}

/**
 * Writes the export files of `runId` into `dir` (created when missing; files of an earlier export
 * are replaced, each atomically) and returns their absolute paths.
 * @throws AppFailure `NOT_FOUND` for an unknown run.
 */
export async function exportRun(ws: Workspace, runId: string, dir: string, opts: ExportOptions = {}): Promise<string[]> {
  const run = await getRun(ws, runId)
  if (!run) throw AppFailure.of('NOT_FOUND', `No run "${runId}" in the workspace (see \`equimodal results\` for the list).`, { location: { field: 'runId' } })
  const out = path.resolve(dir)
  const jobs = await listJobs(ws, runId)
  const done = jobs.filter((j) => j.status === 'done')
  const logs = []
  for (const job of jobs) logs.push({ job, epochs: await getEpochs(ws, runId, job.keyString) })
  const preds = []
  for (const job of done) preds.push({ job, rows: await getPredictions(ws, runId, job.keyString) })
  const classNames = done.find((j) => j.metrics)?.metrics?.classification.perClass.map((c) => c.name) ?? []
  // A loop, not a spread: a large dataset has hundreds of thousands of prediction rows (the spread overflowed the stack).
  let classes = classNames.length
  for (const p of preds) for (const r of p.rows) classes = Math.max(classes, r.probs.length)
  const comparison = await compareRun(ws, runId, opts.compare)

  const written: string[] = []
  const both = async (table: Table): Promise<void> => {
    const csv = path.join(out, `${table.name}.csv`)
    await writeFileAtomic(csv, tableToCsv(table))
    const parquet = path.join(out, `${table.name}.parquet`)
    await writeParquet(parquet, table).catch((e: unknown) => {
      throw AppFailure.of('INTERNAL', `Cannot write ${parquet}: ${e instanceof Error ? e.message : String(e)}`, { location: { file: parquet } })
    })
    written.push(csv, parquet)
  }
  await both(metricsLong(runId, jobs))
  await both(metricsWide(runId, jobs))
  await both(epochsTable(runId, logs))
  await both(predictionsTable(runId, preds, classes))
  const cmp = comparisonTable(comparison)
  const cmpCsv = path.join(out, 'comparison.csv')
  await writeFileAtomic(cmpCsv, tableToCsv(cmp))
  const tex = path.join(out, 'comparison.tex')
  await writeFileAtomic(tex, comparisonLatex(comparison))
  written.push(cmpCsv, tex)

  const manifest = path.join(out, 'manifest.json')
  const files = written.map((f) => ({ file: path.basename(f), content: DESCRIPTIONS[path.basename(f).replace(/\.(csv|parquet)$/, '')] ?? 'LaTeX booktabs table of the comparison' }))
  const body = {
    runId,
    experimentName: run.experimentName,
    datasetId: run.datasetId,
    status: run.status,
    exportedAt: new Date().toISOString(),
    classNames,
    reference: comparison.reference,
    test: comparison.testNames[comparison.test],
    aggregation: comparison.aggregation,
    files,
  }
  await writeFileAtomic(manifest, `${JSON.stringify(body, null, 2)}\n`)
  written.push(manifest)
  return written
}
