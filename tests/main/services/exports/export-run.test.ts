/**
 * exportRun on a small real run: CSV columns and rows against the stored jobs and predictions,
 * Parquet files read back by DuckDB (`read_parquet`) and by an independent reader (hyparquet), the
 * LaTeX snippet (booktabs, escaped underscores, best in bold). Also `equimodal export`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { csvParse, csvParseRows } from 'd3-dsv'
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { RunComparison } from '../../../../src/shared/statistics'
import { main } from '../../../../src/main/cli/index'
import { exportRun } from '../../../../src/main/services/exports'
import { compareRun } from '../../../../src/main/services/runs/compare-run'
import { getPredictions, listJobs, type JobRow } from '../../../../src/main/services/workspace'
import { asyncFailure } from '../../../helpers/failure'
import { ARMS, finishedRun, type ReportRun } from '../reports/report-run'

const FILES = [
  'metrics_long.csv',
  'metrics_long.parquet',
  'metrics_wide.csv',
  'metrics_wide.parquet',
  'epochs.csv',
  'epochs.parquet',
  'predictions.csv',
  'predictions.parquet',
  'comparison.csv',
  'comparison.tex',
  'manifest.json',
]

async function duckCount(file: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:')
  const c = await instance.connect()
  try {
    const rows = (await c.runAndReadAll(`SELECT count(*) AS n FROM read_parquet('${file.replace(/'/g, "''")}')`)).getRowObjectsJS()
    return Number(rows[0]?.n)
  } finally {
    c.closeSync()
    instance.closeSync()
  }
}

describe('exportRun', () => {
  let run: ReportRun
  let out: string
  let files: string[]
  let jobs: JobRow[]
  let comparison: RunComparison
  const read = (name: string) => readFileSync(path.join(out, name), 'utf8')

  beforeAll(async () => {
    run = await finishedRun()
    out = mkdtempSync(path.join(os.tmpdir(), 'equimodal-export-'))
    files = await exportRun(run.ws, run.runId, path.join(out, 'x'))
    out = path.join(out, 'x')
    jobs = await listJobs(run.ws, run.runId)
    comparison = await compareRun(run.ws, run.runId)
  }, 120_000)

  afterAll(async () => {
    await run?.ws.close()
    run?.cleanup()
    if (out) rmSync(path.dirname(out), { recursive: true, force: true })
  })

  it('writes every file (absolute paths) into the folder it creates', () => {
    expect(files).toEqual(FILES.map((f) => path.join(out, f)))
    const manifest = JSON.parse(read('manifest.json')) as { runId: string; classNames: string[]; files: { file: string }[] }
    expect(manifest.runId).toBe(run.runId)
    expect(manifest.classNames).toEqual(['class-A', 'class-B', 'class-C', 'class-D', 'class-E'])
    expect(manifest.files.map((f) => f.file)).toEqual(FILES.slice(0, -1))
  })

  it('metrics_long.csv has one row per job × metric, with the stored values', () => {
    const rows = csvParse(read('metrics_long.csv'))
    expect(rows.columns).toEqual(['run_id', 'arm', 'seed', 'fold', 'scope', 'class', 'predicted_class', 'attribute', 'group', 'metric', 'value'])
    const c = 5
    const perJob = 6 + 4 * c + c * c + (6 + 6 * 2) // overall, per class, confusion, attribute sex with groups F and M
    expect(jobs.filter((j) => j.status === 'done')).toHaveLength(8)
    expect(rows).toHaveLength(8 * perJob)
    const job = jobs[3]!
    const acc = rows.find((r) => r.arm === job.arm && r.seed === String(job.seed) && r.fold === String(job.fold) && r.scope === 'overall' && r.metric === 'accuracy')
    expect(Number(acc?.value)).toBe(job.metrics!.classification.accuracy)
    const f = rows.find((r) => r.arm === job.arm && r.seed === String(job.seed) && r.fold === String(job.fold) && r.scope === 'group' && r.group === 'F' && r.metric === 'accuracy')
    expect(Number(f?.value)).toBe(job.metrics!.fairness[0]!.groups.find((g) => g.group === 'F')!.accuracy)
  })

  it('metrics_wide.csv has one row per job and one column per metric', () => {
    const rows = csvParse(read('metrics_wide.csv'))
    expect(rows).toHaveLength(jobs.length)
    expect(rows.columns.slice(0, 11)).toEqual(['run_id', 'arm', 'seed', 'fold', 'status', 'error', 'backend', 'best_epoch', 'stopped_early', 'epochs', 'duration_ms'])
    for (const col of ['accuracy', 'balanced_accuracy', 'auc', 'recall[class-E]', 'dpd[sex]', 'eod[sex]', 'accuracy[sex=F]', 'tpr[sex=M]']) expect(rows.columns).toContain(col)
    const first = rows[0]!
    const job = jobs.find((j) => j.arm === first.arm && String(j.seed) === first.seed && String(j.fold) === first.fold)!
    expect(Number(first['macro_f1'])).toBe(job.metrics!.classification.macroF1)
    expect(first.status).toBe('done')
  })

  it('predictions.csv has one row per test sample and job, with y_true and p_0…p_4', async () => {
    const rows = csvParseRows(read('predictions.csv'))
    expect(rows[0]).toEqual(['run_id', 'arm', 'seed', 'fold', 'sample_id', 'dataset_row', 'y_true', 'y_pred', 'p_0', 'p_1', 'p_2', 'p_3', 'p_4'])
    // 2-fold CV: every one of the 240 samples is tested once per seed and arm.
    expect(rows.length - 1).toBe(240 * 2 * ARMS.length)
    const stored = await getPredictions(run.ws, run.runId, jobs[0]!.keyString)
    const mine = rows.slice(1).filter((r) => r[1] === jobs[0]!.arm && r[2] === String(jobs[0]!.seed) && r[3] === String(jobs[0]!.fold))
    expect(mine).toHaveLength(stored.length)
    expect(mine[0]!.slice(4, 7)).toEqual([stored[0]!.sampleId, String(stored[0]!.row), String(stored[0]!.yTrue)])
    expect(mine[0]!.slice(8).map(Number)).toEqual(stored[0]!.probs)
    for (const r of rows.slice(1, 50)) expect(r.slice(8).map(Number).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4)
  })

  it('Parquet files read back with DuckDB and with hyparquet, with the CSV row counts and values', async () => {
    for (const name of ['metrics_long', 'metrics_wide', 'epochs', 'predictions']) {
      const csvRows = csvParseRows(read(`${name}.csv`))
      const file = path.join(out, `${name}.parquet`)
      expect(await duckCount(file), name).toBe(csvRows.length - 1)
      const objects = await parquetReadObjects({ file: await asyncBufferFromFile(file) })
      expect(objects, name).toHaveLength(csvRows.length - 1)
      expect(Object.keys(objects[0]!), name).toEqual(csvRows[0])
    }
    const preds = await parquetReadObjects({ file: await asyncBufferFromFile(path.join(out, 'predictions.parquet')) })
    const csvFirst = csvParseRows(read('predictions.csv'))[1]!
    expect(preds[0]!.sample_id).toBe(csvFirst[4])
    expect(preds[0]!.seed).toBe(Number(csvFirst[2]))
    expect(preds[0]!.p_0).toBe(Number(csvFirst[8]))
  })

  it('comparison.csv has one row per metric × arm with the test statistics', () => {
    const rows = csvParse(read('comparison.csv'))
    expect(rows).toHaveLength(comparison.metrics.length * ARMS.length)
    for (const col of ['metric', 'attribute', 'arm', 'mean', 'std', 'ci_t_low', 'p_holm', 'wins', 'verdict']) expect(rows.columns).toContain(col)
    const acc = rows.find((r) => r.metric === 'accuracy' && r.arm === 'weighted_ce')!
    expect(Number(acc.mean)).toBe(comparison.metrics[0]!.arms[1]!.mean)
    expect(['better', 'worse', 'no-difference']).toContain(acc.verdict)
  })

  it('comparison.tex is a booktabs table with escaped underscores, mean ± std and the best mean in bold', () => {
    const tex = read('comparison.tex')
    for (const s of ['\\begin{tabular}', '\\toprule', '\\midrule', '\\bottomrule', 'weighted\\_ce & $', 'baseline (ref.) & $']) expect(tex).toContain(s)
    expect(tex).not.toMatch(/(?<!\\)_/)
    const rows = tex.split('\n').filter((l) => /^\s+(baseline|weighted\\_ce)/.test(l))
    expect(rows).toHaveLength(2)
    // Headline columns ACC…AUC, then EOD and worst-group accuracy per attribute: one bold cell per column (no ties here).
    const cells = rows.map((r) => r.replace(/\\\\$/, '').split(' & ').slice(1))
    expect(cells[0]).toHaveLength(7)
    for (let k = 0; k < 7; k++) expect(cells.filter((c) => c[k]!.includes('\\mathbf')).length).toBe(1)
    const acc = comparison.metrics.find((m) => m.metric === 'accuracy')!
    const best = acc.arms[0]!.mean! >= acc.arms[1]!.mean! ? 0 : 1
    expect(cells[best]![0]).toBe(`$\\mathbf{${(acc.arms[best]!.mean! * 100).toFixed(1)} \\pm ${(acc.arms[best]!.std! * 100).toFixed(1)}}$`)
  })

  it('refuses an unknown run with NOT_FOUND', async () => {
    expect((await asyncFailure(exportRun(run.ws, 'nope', out))).error.code).toBe('NOT_FOUND')
  })

  it('`equimodal export <run-id> --out <dir>` prints the files it wrote', async () => {
    await run.ws.close()
    const target = path.join(path.dirname(out), 'cli')
    const chunks: string[] = []
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
      chunks.push(String(c))
      return true
    })
    let code: number
    try {
      code = await main(['export', run.runId, '--workspace', run.dir, '--out', target])
    } finally {
      spy.mockRestore()
    }
    expect(code).toBe(0)
    expect(chunks.join('').trim().split('\n')).toEqual(FILES.map((f) => path.join(target, f)))
  })
})
