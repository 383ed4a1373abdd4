/**
 * The PDF report of a small real run, checked through poppler-utils: its text (dataset card, arms,
 * the results table formatted like the CLI, fairness sentences, statistics, limitations), its
 * fonts (all embedded), page 1 rendered (not blank), and generation in a child process whose
 * network access is disabled. Also `equimodal report` end to end.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DatasetMeta } from '../../../../src/shared/dataset'
import type { RunSummary } from '../../../../src/shared/runs'
import { main } from '../../../../src/main/cli/index'
import { pct } from '../../../../src/main/cli/output'
import { buildRunReport, collectReportData, defaultReportPath, renderReportPdf, writeRunReport } from '../../../../src/main/services/reports'
import { createBackgroundWorker } from '../../../../src/main/services/background/host'
import { callService } from '../../../../src/main/services/service-api'
import { compareRun } from '../../../../src/main/services/runs/compare-run'
import { summarizeRun } from '../../../../src/main/services/runs/summarize-run'
import { getDatasetMeta } from '../../../../src/main/services/workspace'
import { asyncFailure } from '../../../helpers/failure'
import { repoRoot } from '../../../helpers/temp-workspace'
import { inkShare, pdfFonts, pdfPages, pdfText, renderPageGrey } from './pdf-tools'
import { ARMS, finishedRun, type ReportRun } from './report-run'

const HEADLINE = ['accuracy', 'balancedAccuracy', 'weightedF1', 'macroF1', 'auc'] as const

describe('buildRunReport', () => {
  let run: ReportRun
  let out: string
  let pdf: string
  let text: string
  let summary: RunSummary
  let meta: DatasetMeta

  beforeAll(async () => {
    run = await finishedRun()
    out = mkdtempSync(path.join(os.tmpdir(), 'equimodal-report-out-'))
    pdf = await writeRunReport(run.ws, run.runId, path.join(out, 'nested', 'report.pdf'))
    text = pdfText(pdf)
    summary = await summarizeRun(run.ws, run.runId)
    meta = (await getDatasetMeta(run.ws, 'tiny'))!
  }, 120_000)

  afterAll(async () => {
    await run?.ws.close()
    run?.cleanup()
    if (out) rmSync(out, { recursive: true, force: true })
  })

  it('writes a PDF (folders created, no temp file left) whose fonts are all embedded', () => {
    expect(pdf).toBe(path.join(out, 'nested', 'report.pdf'))
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(readdirSync(path.join(out, 'nested'))).toEqual(['report.pdf'])
    const fonts = pdfFonts(pdf)
    expect(fonts.length).toBeGreaterThan(0)
    expect(fonts.every((f) => f.embedded && /Roboto/.test(f.name))).toBe(true)
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(5)
  })

  it('has the title, the run id and the dataset card numbers', () => {
    expect(text).toContain('Equimodal report: tiny')
    expect(text).toContain(run.runId)
    expect(text).toContain(`Samples ${meta.samples}`)
    for (const c of meta.classes) expect(text).toContain(`${c.name} ${c.count}`)
    for (const m of meta.modalities) expect(text).toContain(`${m.name} (${m.features} features)`)
    for (const a of meta.attributes) for (const g of a.groups) expect(text).toContain(`${g.name} ${g.count}`)
    expect(text).toContain(meta.imbalanceRatio.toFixed(2))
  })

  it('names every arm and prints the results table formatted like the CLI, with the aggregation rule', () => {
    expect(summary.arms.map((a) => a.arm)).toEqual([...ARMS])
    for (const arm of summary.arms) {
      expect(text).toContain(arm.arm)
      for (const k of HEADLINE) {
        const cell = pct(arm.metrics[k])
        expect(cell).toMatch(/^\d+\.\d ± \d+\.\d$/)
        expect(text).toContain(cell)
      }
      for (const c of arm.perClassRecall) expect(text).toContain(pct(c.recall))
    }
    expect(text).toContain(summary.aggregation)
  })

  it('has the reproducibility record: protocol, seeds, environment and the full config', () => {
    expect(text).toContain('2-fold cross-validation (stratified by label) for 2 seeds (1, 2): 4 test parts per arm')
    expect(text).toContain('wasm / wasm')
    expect(text).toContain(process.version)
    expect(text).toContain('"learningRate": 0.005')
    expect(text).toContain('weighted-ce (defaults)')
  })

  it('has a fairness sentence per arm, the statistics with the test named, internals and the limitations', () => {
    for (const arm of ARMS) {
      expect(text).toMatch(
        new RegExp(`With ${arm}, accuracy for group [FM] is \\d+\\.\\d points below group [FM] \\(worst group [FM]: \\d+\\.\\d %\\); the equalized-odds gap is \\d\\.\\d\\d\\.`),
      )
    }
    expect(text).toContain('Every arm is compared with the reference arm baseline')
    expect(text).toContain('corrected resampled t-test (Nadeau & Bengio 2003)')
    expect(text).toContain('Holm–Bonferroni')
    expect(text).toContain('α = 0.05')
    expect(text).toMatch(/no difference|better|worse/)
    expect(text).toContain('weighted-ce.weight (class-A)')
    expect(text).toContain('Only 4 completed jobs for some arm')
    expect(text).toContain('No predefined (external) test set')
    expect(text).toContain('The data are synthetic')
    expect(text).toContain('Early stopping was off')
  })

  it('prints the aggregation rule per metric and per-class recall / per-group accuracy with CIs against the reference', async () => {
    expect(text).toContain('Rule per metric: averaged over folds (Accuracy, Balanced accuracy')
    expect(text).toContain('ROC curves and confusion matrices use the pooled test predictions')
    expect(text).toContain('Recall (%) by class')
    expect(text).toContain('Accuracy (%) by sex')
    // Each arm's recall of the last class, with its clipped 95 % interval, as compareRun computes it.
    const c = await compareRun(run.ws, run.runId)
    const last = c.breakdowns!.filter((b) => b.kind === 'class-recall').at(-1)!
    for (const a of last.arms) {
      const p = (x: number) => (Math.min(1, Math.max(0, x)) * 100).toFixed(1)
      expect(text).toContain(`${(a.mean! * 100).toFixed(1)} ± ${(a.std! * 100).toFixed(1)}`)
      if (a.ciT) expect(text).toContain(`[${p(a.ciT[0])}, ${p(a.ciT[1])}]`)
    }
  })

  it('draws the charts (their SVG text is in the PDF)', () => {
    for (const label of ['percent', 'predicted', 'true positive rate', 'false positive rate', 'accuracy (%)', 'balanced accuracy (%)']) expect(text).toContain(label)
  })

  it('renders page 1 to an image that is neither blank nor black', () => {
    const img = renderPageGrey(pdf, 1, 50, out)
    expect(img.width).toBeGreaterThan(400)
    expect(img.height).toBeGreaterThan(550)
    const ink = inkShare(img)
    expect(ink).toBeGreaterThan(0.01)
    expect(ink).toBeLessThan(0.5)
  })

  it('uses a comparison handed to it (the hook of the compare view) and says so when it does not fit the run', async () => {
    const other = await compareRun(run.ws, run.runId, { reference: 'weighted_ce', test: 'wilcoxon' })
    const withRef = pdfTextOf(await buildRunReport(run.ws, run.runId, { comparison: other }), out, 'ref.pdf')
    expect(withRef).toContain('Every arm is compared with the reference arm weighted_ce')
    expect(withRef).toContain('Test: Wilcoxon signed-rank test')
    const wrong = pdfTextOf(await buildRunReport(run.ws, run.runId, { comparison: { ...other, runId: 'another-run' } }), out, 'wrong.pdf')
    expect(wrong).toContain('does not belong to this run')
  })

  it('is written by `reports:create` and exported by `exports:create` (the compare view\'s buttons) under <workspace>/reports/', async () => {
    const ctx = { workspaceDir: run.ws.dir, workspace: async () => run.ws, emit: () => undefined }
    const created = await callService('reports:create', { runId: run.runId, reference: 'weighted_ce', alpha: 0.1 }, ctx)
    if (!created.ok) throw new Error(created.error.message)
    expect(created.value.path).toBe(defaultReportPath(run.ws, run.runId))
    expect(created.value.path.startsWith(path.join(run.ws.dir, 'reports') + path.sep)).toBe(true)
    const appText = pdfText(created.value.path)
    expect(appText).toContain('Every arm is compared with the reference arm weighted_ce')
    for (const arm of ARMS) expect(appText).toContain(arm)

    const exported = await callService('exports:create', { runId: run.runId, reference: 'weighted_ce' }, ctx)
    if (!exported.ok) throw new Error(exported.error.message)
    expect(exported.value.dir).toBe(path.join(run.ws.dir, 'reports', `${run.runId.replace(/[^\w.+-]+/g, '_')}-export`))
    expect(exported.value.files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['metrics_long.csv', 'metrics_long.parquet', 'comparison.csv', 'comparison.tex', 'manifest.json']))
    for (const f of exported.value.files) expect(existsSync(f), f).toBe(true)
    expect(JSON.parse(readFileSync(path.join(exported.value.dir, 'manifest.json'), 'utf8'))).toMatchObject({ runId: run.runId, reference: 'weighted_ce' })
    const missing = await callService('reports:create', { runId: 'no-such-run' }, ctx)
    expect(missing.ok ? '' : missing.error.code).toBe('NOT_FOUND')
  })

  it('renders the same PDF in the background worker thread (server and app) as in this thread', async () => {
    const worker = createBackgroundWorker()
    try {
      const data = await collectReportData(run.ws, run.runId)
      const here = path.join(out, 'here.pdf')
      const there = path.join(out, 'worker.pdf')
      writeFileSync(here, await renderReportPdf(data))
      writeFileSync(there, await worker.renderReport(data))
      expect(pdfText(there)).toBe(pdfText(here))
      expect(pdfPages(there)).toBe(pdfPages(here))
      // reports:create hands the rendering to the worker when the context has one.
      const ctx = { workspaceDir: run.ws.dir, workspace: async () => run.ws, emit: () => undefined, background: worker }
      const created = await callService('reports:create', { runId: run.runId }, ctx)
      expect(created.ok ? pdfText(created.value.path) : created.error.message).toContain(ARMS[1])
    } finally {
      await worker.close()
    }
  })

  it('refuses an unknown run with NOT_FOUND', async () => {
    const e = await asyncFailure(buildRunReport(run.ws, 'no-such-run'))
    expect(e.error.code).toBe('NOT_FOUND')
  })

  describe('with the workspace closed', () => {
    beforeAll(async () => {
      await run.ws.close()
    })

    it('is generated in a child process whose network access is disabled', () => {
      const target = path.join(out, 'offline.pdf')
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', '--import', path.join(import.meta.dirname, 'fixtures', 'no-network.mjs'), path.join(import.meta.dirname, 'fixtures', 'write-report-offline.ts'), run.dir, run.runId, target],
        { cwd: repoRoot, encoding: 'utf8', timeout: 90_000 },
      )
      expect(child.stderr).not.toMatch(/network access attempted/)
      expect(child.status, child.stderr).toBe(0)
      expect(child.stdout.trim()).toBe(target)
      expect(readFileSync(target).subarray(0, 5).toString('latin1')).toBe('%PDF-')
      expect(pdfText(target)).toContain(pct(summary.arms[1]!.metrics.balancedAccuracy))
    }, 90_000)

    it('`equimodal report <run-id> --pdf <file>` writes the file and prints its absolute path', async () => {
      const target = path.join(out, 'cli', 'r.pdf')
      const lines: string[] = []
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        lines.push(String(chunk))
        return true
      })
      let code: number
      try {
        code = await main(['report', run.runId, '--workspace', run.dir, '--pdf', path.relative(process.cwd(), target)])
      } finally {
        spy.mockRestore()
      }
      expect(code).toBe(0)
      expect(lines.join('').trim().split('\n').at(-1)).toBe(target)
      expect(existsSync(target)).toBe(true)
    })

    it('`equimodal report` without a run id is a usage error', async () => {
      const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
      try {
        expect(await main(['report', '--workspace', run.dir])).toBe(2)
      } finally {
        spy.mockRestore()
      }
    })
  })
})

function pdfTextOf(bytes: Buffer, dir: string, name: string): string {
  const file = path.join(dir, name)
  writeFileSync(file, bytes)
  return pdfText(file)
}
