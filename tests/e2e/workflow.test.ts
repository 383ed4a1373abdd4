/**
 * The happy path through the real UI in Chromium, against `equimodal serve`: import the demo CSV
 * with the wizard, look at its detail, configure and start a two-arm experiment, watch it finish,
 * check the Compare table against the stored results, and read the same numbers with the CLI once
 * the server has stopped.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { pct } from '../../src/main/cli/output'
import { ExperimentConfig } from '../../src/shared/experiment'
import type { RunListEntry, RunSummary } from '../../src/shared/runs'
import type { RunComparisonWithBreakdowns } from '../../src/shared/statistics'
import { pdfText } from '../main/services/reports/pdf-tools'
import { classCounts, crosstab, writeDemoCsvFile, type DemoCsv } from './demo-data'
import { openApp, runCli, screenshot, type AppSession } from './fixtures'
import { byTestId, configureExperiment, goTo, mapAndSubmit, openCsvPreview, parseProgress, runRow } from './ui'

const DATASET = 'e2e-demo'
const METRICS = ['accuracy', 'balancedAccuracy', 'weightedF1', 'macroF1', 'auc'] as const
const ARMS = [
  { name: 'baseline', methods: [] },
  { name: 'wce', methods: ['weighted-ce'] },
]
const FOLDS = 3
const TOTAL_JOBS = ARMS.length * FOLDS
/** AUTO_DISMISS_MS of the renderer's notifications store: how long an info toast stays. */
const AUTO_DISMISS_MS = 4000

let app: AppSession
let demo: DemoCsv
let runId = ''
/** Compare cells as the UI showed them: arm → metric → text. */
const shown: Record<string, Record<string, string>> = {}

const noTroubleSoFar = (): void => {
  expect(app.watch.pageErrors, app.watch.describe()).toEqual([])
  expect(app.watch.consoleErrors, app.watch.describe()).toEqual([])
  expect(app.watch.failedRequests, app.watch.describe()).toEqual([])
  expect(app.watch.foreignRequests, app.watch.describe()).toEqual([])
}

async function runsList(): Promise<RunListEntry[]> {
  return app.api.call<RunListEntry[]>('runs:list')
}

/** Clicks Save JSON and returns the downloaded config. */
async function downloadConfig(page: Page): Promise<unknown> {
  const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'exp-save').click()])
  return JSON.parse(readFileSync(await download.path(), 'utf8'))
}

/** Waits for `locator` (default: visible), failing with a message that says what was awaited. */
async function visible(locator: Locator, what: string, state: 'visible' | 'attached' = 'visible'): Promise<void> {
  try {
    await locator.waitFor({ state, timeout: 20_000 })
  } catch (e) {
    await screenshot(app.page, `failed-${what.replace(/[^\w-]+/g, '_').slice(0, 60)}`).catch(() => undefined)
    throw new Error(`Waited 20 s for ${what} (${state}): ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`)
  }
}

/** The trimmed text of every cell, row by row. */
const tableCells = (table: Locator): Promise<string[][]> =>
  table.locator('tr').evaluateAll((trs) =>
    trs.map((tr) => Array.from((tr as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells, (c) => (c.textContent ?? '').trim())),
  )

beforeAll(async () => {
  app = await openApp()
  demo = writeDemoCsvFile(app.server.dir)
})

afterAll(async () => {
  await app?.close()
})

describe('happy path through the UI', () => {
  test('the app connects and shows backend and workspace in the status bar', async () => {
    await goTo(app.page, 'datasets')
    await expect.poll(() => byTestId(app.page, 'status-workspace').textContent()).toContain(app.server.workspace)
    await expect.poll(async () => (await byTestId(app.page, 'status-backend').textContent())?.trim() ?? '').not.toBe('')
    expect(await byTestId(app.page, 'dataset-row').count()).toBe(0)
    await screenshot(app.page, '01-datasets-empty')
    noTroubleSoFar()
  })

  test('imports the demo CSV through the wizard', async () => {
    const { page } = app
    await openCsvPreview(page, demo.file)
    const preview = byTestId(page, 'preview-table')
    for (const col of ['id', 'label', 'sex', 'clinical__age', 'omics__gene_001', 'imaging__feature_01'].filter((c) => demo.header.includes(c))) {
      await expect.poll(() => preview.textContent()).toContain(col)
    }
    await expect.poll(() => preview.textContent()).toContain(demo.data.ids[0]!)
    await screenshot(page, '02-import-preview')
    await mapAndSubmit(page, { path: demo.file, name: DATASET, idColumn: 'id', labelColumn: 'label', attributes: ['sex'], modalities: 'prefix' })
    await byTestId(page, 'dataset-row').filter({ hasText: DATASET }).waitFor({ state: 'visible', timeout: 60_000 })
    await visible(byTestId(page, 'notification').filter({ hasText: DATASET }).first(), 'a notification of the import')
    await screenshot(page, '03-datasets-imported')

    // What the wizard stored, read over the contract.
    const list = await app.api.call<{ name: string; samples: number; classes: { name: string; count: number }[]; modalities: { name: string; features: number }[]; attributes: { name: string }[] }[]>('datasets:list')
    expect(list.map((d) => d.name)).toEqual([DATASET])
    const meta = list[0]!
    expect(meta.samples).toBe(240)
    expect(meta.classes.map((c) => c.count)).toEqual(classCounts(demo.data))
    expect(meta.modalities.map((m) => [m.name, m.features]).sort()).toEqual(demo.data.modalities.map((m) => [m.name, m.featureNames.length]).sort())
    expect(meta.attributes.map((a) => a.name)).toEqual(['sex'])
    noTroubleSoFar()
  })

  test('the dataset detail shows the class chart, crosstab, features and imbalance', async () => {
    const { page } = app
    await byTestId(page, 'dataset-row').filter({ hasText: DATASET }).click()
    const detail = byTestId(page, 'dataset-detail')
    await detail.waitFor({ state: 'visible' })
    // The class chart is an ECharts SVG with one bar per class.
    const chart = byTestId(page, 'class-chart')
    await chart.locator('svg').first().waitFor({ state: 'visible' })
    await expect.poll(() => chart.locator('svg path').count()).toBeGreaterThanOrEqual(demo.data.classNames.length)
    await expect.poll(() => chart.textContent()).toContain(demo.data.classNames[0]!)

    // Crosstab: one row per sex group with the class counts in class order.
    const table = byTestId(page, 'crosstab-table')
    await table.waitFor({ state: 'visible' })
    const expected = crosstab(demo.data)
    const rows = await tableCells(table)
    const header = rows[0] ?? []
    expect(header.slice(1, 1 + demo.data.classNames.length)).toEqual(demo.data.classNames)
    for (const [g, group] of expected.groups.entries()) {
      const row = rows.find((r) => r[0] === group)
      expect(row, `crosstab row "${group}" in ${JSON.stringify(rows)}`).toBeDefined()
      expect(row!.slice(1, 1 + expected.counts[g]!.length).map(Number)).toEqual(expected.counts[g])
    }
    const features = await byTestId(page, 'feature-summary').textContent()
    for (const m of demo.data.modalities) expect(features).toContain(m.name)
    const counts = classCounts(demo.data)
    const ratio = Math.max(...counts) / Math.min(...counts)
    const shownRatio = Number(/\d+(\.\d+)?/.exec((await byTestId(page, 'imbalance-ratio').textContent()) ?? '')?.[0])
    expect(shownRatio).toBeCloseTo(ratio, 1)
    expect((await byTestId(page, 'climd-alpha').textContent()) ?? '').toMatch(/\d/)
    await screenshot(page, '04-dataset-detail')
    noTroubleSoFar()
  })

  test('configures two arms and starts the experiment', async () => {
    const { page } = app
    await configureExperiment(page, { dataset: DATASET, folds: FOLDS, seeds: [1], epochs: 6, arms: ARMS })
    // A method option through the schema form: weighted-ce's exponent.
    const power = byTestId(byTestId(page, 'arm-card').nth(1), 'option-power')
    await power.fill('0.5')
    await power.blur()
    // The check (experiments:check, debounced) settles on the job count of this config.
    await expect
      .poll(async () => ((await byTestId(page, 'exp-check-message').textContent()) ?? '').replace(/\s+/g, ' '), { timeout: 15_000 })
      .toContain(`Ready to start: ${TOTAL_JOBS} jobs (${ARMS.length} arms × 1 seed × ${FOLDS} folds).`)
    await screenshot(page, '05-experiment')

    // Save JSON downloads the versioned config the CLI runs; Load JSON reads one back into the form.
    const saved = await downloadConfig(page)
    const parsed = ExperimentConfig.safeParse(saved)
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
    const cfg = parsed.data!
    expect(cfg.arms.map((a) => [a.name, a.methods.map((m) => m.method)])).toEqual(ARMS.map((a) => [a.name, a.methods]))
    expect(cfg.arms[1]!.methods[0]!.options).toMatchObject({ power: 0.5 })
    expect([cfg.protocol.kind, cfg.protocol.folds, cfg.seeds, cfg.training.epochs]).toEqual(['kfold', FOLDS, [1], 6])
    const variant = path.join(app.server.dir, 'variant.json')
    writeFileSync(variant, JSON.stringify({ ...(saved as object), protocol: { ...cfg.protocol, folds: 4 }, training: { ...cfg.training, epochs: 7, selectOn: 'val-macro-f1' } }))
    await byTestId(page, 'exp-load').setInputFiles(variant)
    await expect.poll(() => byTestId(page, 'exp-folds').inputValue()).toBe('4')
    await expect.poll(() => byTestId(page, 'exp-epochs').inputValue()).toBe('7')
    await expect.poll(() => byTestId(page, 'exp-select-on').inputValue()).toBe('val-macro-f1')
    const original = path.join(app.server.dir, 'saved.json')
    writeFileSync(original, JSON.stringify(saved))
    await byTestId(page, 'exp-load').setInputFiles(original)
    await expect.poll(() => byTestId(page, 'exp-folds').inputValue()).toBe(String(FOLDS))
    await expect.poll(() => byTestId(page, 'exp-epochs').inputValue()).toBe('6')
    await expect.poll(() => byTestId(page, 'exp-select-on').inputValue()).toBe('val-loss')
    expect(await byTestId(page, 'arm-card').count()).toBe(ARMS.length)
    await expect.poll(() => downloadConfig(page)).toEqual(saved)

    const before = new Set((await runsList()).map((r) => r.runId))
    await byTestId(page, 'exp-start').click()
    await expect.poll(async () => (await runsList()).filter((r) => !before.has(r.runId)).length, { timeout: 30_000 }).toBe(1)
    runId = (await runsList()).find((r) => !before.has(r.runId))!.runId
    // The run got the configured experiment, option included.
    const stored = ExperimentConfig.parse((await app.api.call<{ config: unknown }>('runs:config', { runId })).config)
    expect(stored.arms.map((a) => [a.name, a.methods.map((m) => [m.method, m.options])])).toEqual([
      ['baseline', []],
      ['wce', [['weighted-ce', expect.objectContaining({ power: 0.5 })]]],
    ])
    expect([stored.protocol.folds, stored.seeds, stored.training.epochs]).toEqual([FOLDS, [1], 6])
    noTroubleSoFar()
  })

  test(`the Runs view shows the run's progress reaching ${TOTAL_JOBS}/${TOTAL_JOBS}`, async () => {
    const { page } = app
    await goTo(page, 'runs')
    const row = runRow(page, runId)
    await row.waitFor({ state: 'visible' })
    const progress = byTestId(row, 'run-progress')
    let midRunShot = false
    const deadline = Date.now() + 150_000
    let last: { done: number; total: number } | null = null
    while (Date.now() < deadline) {
      last = parseProgress(await progress.textContent())
      if (last && last.done === last.total) break
      if (last && last.done > 0 && !midRunShot) {
        midRunShot = true
        await screenshot(page, '06-runs-in-progress')
      }
      await page.waitForTimeout(250)
    }
    expect(last).toEqual({ done: TOTAL_JOBS, total: TOTAL_JOBS })
    if (!midRunShot) await screenshot(page, '06-runs-in-progress')
    // The end of the run is announced, and the toast goes away on its own (info toasts never linger).
    const finished = byTestId(page, 'notification').filter({ hasText: 'finished' })
    await visible(finished.first(), 'the run-finished notification')
    await finished.first().waitFor({ state: 'detached', timeout: AUTO_DISMISS_MS + 5000 })

    // Every job is listed as done; selecting one shows its loss curves.
    await row.click()
    const jobs = byTestId(page, 'job-row')
    await expect.poll(() => jobs.count(), { timeout: 30_000 }).toBe(TOTAL_JOBS)
    for (const text of await jobs.allTextContents()) expect(text).toMatch(/done/i)
    expect(await byTestId(page, 'failed-reason').count()).toBe(0)
    await jobs.first().click()
    await byTestId(page, 'loss-chart').locator('svg').first().waitFor({ state: 'visible' })
    await screenshot(page, '07-runs-done')
    const stored = (await runsList()).find((r) => r.runId === runId)
    expect(stored?.status).toBe('completed')
    noTroubleSoFar()
  })

  test('the Compare table equals the stored results', async () => {
    const { page } = app
    await goTo(page, 'compare')
    const select = byTestId(page, 'compare-run')
    await visible(select.locator(`option[value="${runId}"]`), `the run ${runId} among the compare-run options`, 'attached')
    await select.selectOption(runId)
    const table = byTestId(page, 'compare-table')
    await visible(table, 'compare-table')
    const summary = await app.api.call<RunSummary>('runs:summary', { runId })
    expect(summary.arms.map((a) => a.arm)).toEqual(ARMS.map((a) => a.name))
    for (const arm of summary.arms) {
      shown[arm.arm] = {}
      for (const metric of METRICS) {
        const cell = byTestId(page, `cell-${arm.arm}-${metric}`)
        await cell.waitFor({ state: 'visible' })
        const text = ((await cell.textContent()) ?? '').trim()
        expect(text, `cell-${arm.arm}-${metric}`).toBe(pct(arm.metrics[metric]))
        shown[arm.arm]![metric] = text
      }
    }
    // The best arm of each metric carries the best marker.
    const markers = byTestId(table, 'best-marker')
    expect(await markers.count()).toBeGreaterThan(0)
    for (const metric of METRICS) {
      const means = summary.arms.map((a) => a.metrics[metric].mean)
      const best = summary.arms[means.indexOf(Math.max(...means))]!.arm
      if (means.filter((m) => m === Math.max(...means)).length === 1) {
        const td = byTestId(page, `cell-${best}-${metric}`).locator('xpath=ancestor::td[1]')
        expect(await byTestId(td, 'best-marker').count(), `best marker of ${metric} beside ${best}`).toBe(1)
      }
    }
    // Statistics against the reference arm: CIs, markers and win/tie/loss as runs:compare computes them.
    await visible(byTestId(page, 'stats-legend'), 'the statistics legend')
    const stats = await app.api.call<RunComparisonWithBreakdowns>('runs:compare', { runId })
    expect((await byTestId(page, 'compare-reference').inputValue())).toBe(stats.reference)
    for (const m of stats.metrics.filter((x) => x.attribute === null && (METRICS as readonly string[]).includes(x.metric))) {
      expect(((await byTestId(page, `rule-${m.metric}`).textContent()) ?? '').trim()).toBe(m.rule)
      for (const a of m.arms) {
        const td = byTestId(page, `cell-${a.arm}-${m.metric}`).locator('xpath=ancestor::td[1]')
        const clip = (v: number): string => (Math.min(1, Math.max(0, v)) * 100).toFixed(1)
        const ci = a.ciT ? `[${clip(a.ciT[0])}, ${clip(a.ciT[1])}]` : null
        if (ci) expect(((await byTestId(page, `ci-${a.arm}-${m.metric}`).textContent()) ?? '').trim()).toBe(ci)
        const verdict = a.vsReference?.verdict ?? 'no-difference'
        expect(await byTestId(td, 'sig-marker').count(), `${a.arm} ${m.metric} ${verdict}`).toBe(verdict === 'no-difference' ? 0 : 1)
        if (a.vsReference) {
          const v = a.vsReference
          expect(((await byTestId(page, `wtl-${a.arm}-${m.metric}`).textContent()) ?? '').trim()).toBe(`${v.wins}/${v.ties}/${v.losses}`)
        }
      }
    }
    expect(await byTestId(page, 'rule-legend').textContent()).toContain('pooled test predictions')
    for (const id of ['perclass-table', 'pergroup-table', 'groupacc-table']) await visible(byTestId(page, id).first(), id)
    for (const id of ['bar-chart', 'group-chart', 'scatter-chart', 'roc-chart', ...ARMS.map((a) => `confusion-${a.name}`)]) {
      await visible(byTestId(page, id).locator('svg').first(), `an SVG in ${id}`)
    }
    await screenshot(page, '08-compare')
    noTroubleSoFar()
  })

  test('the report button writes the PDF under the workspace (arm names inside) and the export button the CSV/Parquet/LaTeX files', async () => {
    const { page } = app
    await byTestId(page, 'report-create').click()
    const pathEl = byTestId(page, 'report-path')
    await pathEl.waitFor({ state: 'visible', timeout: 120_000 })
    const pdf = ((await pathEl.textContent()) ?? '').trim()
    expect(pdf).toBe(path.join(app.server.workspace, 'reports', `${runId.replace(/[^\w.+-]+/g, '_')}.pdf`))
    expect(existsSync(pdf)).toBe(true)
    const text = pdfText(pdf)
    for (const arm of ARMS) expect(text).toContain(arm.name)
    expect(text).toContain('e2e-demo')
    await byTestId(page, 'export-create').click()
    const dirEl = byTestId(page, 'export-path')
    await dirEl.waitFor({ state: 'visible', timeout: 120_000 })
    const dir = ((await dirEl.textContent()) ?? '').trim()
    for (const f of ['metrics_wide.csv', 'metrics_wide.parquet', 'predictions.parquet', 'comparison.tex']) expect(existsSync(path.join(dir, f)), f).toBe(true)
    expect(readFileSync(path.join(dir, 'comparison.csv'), 'utf8')).toContain('wce')
    await screenshot(page, '16-compare-report-written')
    noTroubleSoFar()
  })

  test('two runs on two datasets sharing arms give a critical-difference diagram', async () => {
    const { page } = app
    const demo = await app.api.call<{ id: string }>('datasets:demo')
    const config = {
      version: 1,
      name: 'second dataset',
      dataset: demo.id,
      protocol: { kind: 'kfold', folds: FOLDS },
      seeds: [1],
      training: { epochs: 2 },
      arms: ARMS.map((a) => ({ name: a.name, methods: a.methods.map((m) => ({ method: m, options: {} })) })),
    }
    const second = (await app.api.call<{ runId: string }>('runs:launch', { config })).runId
    await expect.poll(async () => (await runsList()).find((r) => r.runId === second)?.status, { timeout: 200_000, interval: 1000 }).toBe('completed')
    await goTo(page, 'runs')
    await goTo(page, 'compare')
    const panel = byTestId(page, 'cd-panel')
    await visible(panel, 'the across-datasets panel')
    for (const id of [runId, second]) await panel.locator(`[data-testid="cd-run"][data-run-id="${id}"]`).check()
    const chart = byTestId(page, 'cd-chart')
    await visible(chart.locator('svg').first(), 'the CD diagram')
    const expected = await app.api.call<{ arms: string[]; friedman: { averageRanks: number[]; cd: number } }>('runs:compare-datasets', { runIds: [runId, second] })
    const svg = await chart.innerHTML()
    for (const [i, arm] of expected.arms.entries()) expect(svg).toContain(`${arm} (${expected.friedman.averageRanks[i]!.toFixed(2)})`)
    expect(svg).toContain(`CD = ${expected.friedman.cd.toFixed(2)}`)
    expect(await byTestId(page, 'cd-table').locator('tbody tr').count()).toBe(3)
    await screenshot(page, '17-compare-cd-diagram')
    noTroubleSoFar()
  })

  test('the CLI reads the same results from the workspace once the server has stopped', async () => {
    expect(Object.keys(shown)).toEqual(ARMS.map((a) => a.name))
    await app.server.stop()
    // SIGTERM shuts the server down cleanly (workspace closed) rather than by a timeout or a kill.
    expect([app.server.child.exitCode, app.server.child.signalCode], app.server.stderr()).toEqual([0, null])
    const r = runCli(['results', runId, '--json', '--workspace', app.server.workspace])
    expect(r.code, r.stderr).toBe(0)
    const summary = JSON.parse(r.stdout) as RunSummary
    expect([summary.runId, summary.status, summary.arms.map((a) => a.arm)]).toEqual([runId, 'completed', ARMS.map((a) => a.name)])
    for (const arm of summary.arms) {
      for (const metric of METRICS) expect(shown[arm.arm]?.[metric], `${arm.arm} ${metric}`).toBe(pct(arm.metrics[metric]))
    }
  })
})
