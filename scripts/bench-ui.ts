/**
 * `npm run bench:ui`: how responsive server mode stays under load. Starts `equimodal serve` and
 * Chromium, imports the demo CSV through the wizard, configures the demo-sized experiment in the
 * UI (4 arms × 3 folds × 3 seeds), starts it and keeps using the app (Runs view with live curves,
 * a view switch every few seconds) until it finishes. Prints the longest event-loop stall of the
 * serving process (`app:diagnostics`, monitorEventLoopDelay) and of the page (longest long task,
 * longest gap between animation frames), per phase. Goal: < 50 ms. Figures only, no assertions.
 *
 * Options: --samples <n> (600) --epochs <n> (40) --seeds 1,2,3 --folds <n> (3) --arms <n> (1-4, default 4)
 *          --no-switch (stay on the Runs view instead of switching views every 4 s)
 *          --pool <n> (trainer processes; default: the server's, cores − 1)
 * The server can be profiled with EQUIMODAL_SERVE_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'.
 */
import { parseArgs } from 'node:util'
import { writeDemoCsv, generateDemoDataset } from '../src/main/data/synthetic'
import type { RunListEntry } from '../src/shared/runs'
import { openApp, type AppSession } from '../tests/e2e/fixtures'
import { readPageStalls, resetPageStalls, type PageStalls } from '../tests/e2e/stall-monitor'
import { byTestId, configureExperiment, goTo, mapAndSubmit, openCsvPreview, parseProgress, runRow, type View } from '../tests/e2e/ui'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const GOAL_MS = 50

interface Diagnostics {
  eventLoopMaxMs: number
  eventLoopP99Ms: number
  sinceMs: number
}

interface PhaseFigures {
  phase: string
  seconds: number
  server: { maxMs: number; p99Ms: number; worstWindows: { atS: number; maxMs: number; during: string }[] }
  page: PageStalls
  /** The longest page long tasks, with what the bench was doing then. */
  worstLongTasks: { atS: number; ms: number; during: string }[]
  navigation: { count: number; maxMs: number; medianMs: number }
  /** 1-minute load average of the machine at the end of the phase (other work competes for the cores). */
  load: number
}

/** What the bench is doing, for attributing stalls: `mark('switch to compare')`. */
type Mark = (label: string) => void

const log = (text: string): void => void process.stderr.write(`${text}\n`)
const fmt = (ms: number): string => `${ms.toFixed(1)} ms`
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? 0 : (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2
}

/** Samples the server's event-loop statistics once a second (resetting each window) while `work` runs. */
async function measurePhase(app: AppSession, phase: string, work: (nav: number[], mark: Mark) => Promise<void>): Promise<PhaseFigures> {
  const windows: { atS: number; d: Diagnostics; during: string }[] = []
  const marks: { atS: number; label: string }[] = []
  const t0 = performance.now()
  const nowS = (): number => (performance.now() - t0) / 1000
  const mark: Mark = (label) => void marks.push({ atS: nowS(), label })
  /** Labels active during [from, to]: the last one before `from` and every one inside. */
  const during = (from: number, to: number): string => {
    const before = marks.filter((m) => m.atS <= from).pop()
    const inside = marks.filter((m) => m.atS > from && m.atS <= to)
    return [...new Set([...(before ? [before.label] : []), ...inside.map((m) => m.label)])].join(', ') || '—'
  }
  await app.api.call<Diagnostics>('app:diagnostics', { reset: true })
  await resetPageStalls(app.page)
  const pageT0 = Number(await app.page.evaluate('performance.now()'))
  const pageOffsetS = nowS()
  let sampling = true
  const sampler = (async () => {
    let from = 0
    while (sampling) {
      await new Promise((r) => setTimeout(r, 1000))
      const d = await app.api.call<Diagnostics>('app:diagnostics', { reset: true })
      const to = nowS()
      windows.push({ atS: to, d, during: during(from, to) })
      from = to
    }
  })()
  const nav: number[] = []
  try {
    await work(nav, mark)
  } finally {
    sampling = false
    await sampler
  }
  const page = await readPageStalls(app.page)
  const tasks = (await app.page.evaluate('window.__e2eStallsLongTasks ? window.__e2eStallsLongTasks() : []')) as { at: number; ms: number }[]
  const seconds = nowS()
  const worst = [...windows].sort((a, b) => b.d.eventLoopMaxMs - a.d.eventLoopMaxMs).slice(0, 3)
  const worstTasks = tasks
    .filter((t) => t.at >= pageT0)
    .map((t) => {
      const atS = pageOffsetS + (t.at - pageT0) / 1000
      return { atS: Math.round(atS), ms: t.ms, during: during(atS - 0.5, atS) }
    })
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
  return {
    phase,
    seconds,
    server: {
      maxMs: Math.max(0, ...windows.map((w) => w.d.eventLoopMaxMs)),
      p99Ms: Math.max(0, ...windows.map((w) => w.d.eventLoopP99Ms)),
      worstWindows: worst.map((w) => ({ atS: Math.round(w.atS), maxMs: Math.round(w.d.eventLoopMaxMs * 10) / 10, during: w.during })),
    },
    page,
    worstLongTasks: worstTasks,
    navigation: { count: nav.length, maxMs: Math.max(0, ...nav), medianMs: median(nav) },
    load: os.loadavg()[0] ?? 0,
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      samples: { type: 'string', default: '600' },
      epochs: { type: 'string', default: '40' },
      seeds: { type: 'string', default: '1,2,3' },
      folds: { type: 'string', default: '3' },
      arms: { type: 'string', default: '4' },
      'no-switch': { type: 'boolean', default: false },
      pool: { type: 'string' },
    },
  })
  const switches = !values['no-switch']
  const samples = Number(values.samples)
  const epochs = Number(values.epochs)
  const folds = Number(values.folds)
  const seeds = values.seeds.split(',').map(Number)
  const allArms = [
    { name: 'baseline', methods: [] },
    { name: 'weighted-ce', methods: ['weighted-ce'] },
    { name: 'focal-loss', methods: ['focal-loss'] },
    { name: 'undersampling', methods: ['random-undersampling'] },
  ]
  const arms = allArms.slice(0, Math.max(1, Math.min(4, Number(values.arms))))
  const totalJobs = arms.length * folds * seeds.length

  log('Starting equimodal serve and Chromium…')
  const app = await openApp({ serveArgs: values.pool ? ['--pool', values.pool] : [] })
  log(`serve pid ${app.server.child.pid}, workspace ${app.server.workspace}`)
  try {
    const info = await app.api.call<{ version: string }>('app:info')
    const csv = path.join(app.server.dir, 'demo.csv')
    writeFileSync(csv, writeDemoCsv(generateDemoDataset({ samples })))

    log(`Importing a ${samples}-sample demo CSV through the wizard…`)
    const importPhase = await measurePhase(app, 'import (wizard)', async (_nav, mark) => {
      mark('preview')
      await openCsvPreview(app.page, csv)
      mark('import')
      await mapAndSubmit(app.page, { path: csv, name: 'bench-demo', idColumn: 'id', labelColumn: 'label', attributes: ['sex'], modalities: 'prefix' })
      await byTestId(app.page, 'dataset-row').filter({ hasText: 'bench-demo' }).waitFor({ state: 'visible', timeout: 120_000 })
    })

    await configureExperiment(app.page, { dataset: 'bench-demo', folds, seeds, epochs, arms })
    const before = new Set((await app.api.call<RunListEntry[]>('runs:list')).map((r) => r.runId))
    log(`Running ${totalJobs} jobs (${arms.length} arms × ${folds} folds × ${seeds.length} seeds, ${epochs} epochs) from the UI…`)
    let runId = ''
    let backend: string | null = null
    const runPhase = await measurePhase(app, `run (Runs view live${switches ? ', a view switch every 4 s' : ''})`, async (nav, mark) => {
      mark('start')
      await byTestId(app.page, 'exp-start').click()
      for (let i = 0; i < 100 && !runId; i++) {
        runId = (await app.api.call<RunListEntry[]>('runs:list')).find((r) => !before.has(r.runId))?.runId ?? ''
        if (!runId) await new Promise((r) => setTimeout(r, 200))
      }
      if (!runId) throw new Error('The run did not start.')
      const views: View[] = ['datasets', 'experiment', 'compare', 'runs']
      let k = 0
      let lastSwitch = performance.now()
      await goTo(app.page, 'runs')
      await runRow(app.page, runId).click().catch(() => undefined)
      mark('runs view')
      for (;;) {
        const row = runRow(app.page, runId)
        const progress = parseProgress(await byTestId(row, 'run-progress').textContent().catch(() => null))
        if (progress && progress.done === progress.total) break
        if (switches && performance.now() - lastSwitch > 4000) {
          const view = views[k++ % views.length]!
          mark(`switch to ${view}`)
          nav.push(await goTo(app.page, view))
          if (view !== 'runs') nav.push(await goTo(app.page, 'runs'))
          // Watch a job's live curves when one is listed.
          await runRow(app.page, runId).click().catch(() => undefined)
          await byTestId(app.page, 'job-row').first().click({ timeout: 1000 }).catch(() => undefined)
          mark('runs view')
          lastSwitch = performance.now()
        }
        await app.page.waitForTimeout(250)
      }
      mark('finished')
    })
    backend = (await app.api.call<RunListEntry[]>('runs:list')).find((r) => r.runId === runId)?.backend ?? null

    const phases = [importPhase, runPhase]
    console.log(`Equimodal UI bench — server mode, Chromium ${app.browser.version()}, app ${info.version}, backend ${backend ?? 'unknown'}`)
    console.log(`Experiment: ${totalJobs} jobs (${arms.length} arms × ${folds} folds × ${seeds.length} seeds, ${epochs} epochs) on ${samples} samples; trainer pool ${values.pool ?? 'server default (cores − 1)'}`)
    for (const p of phases) {
      console.log(`\n${p.phase}: ${p.seconds.toFixed(1)} s (machine load average ${p.load.toFixed(1)} on ${os.availableParallelism()} cores at its end)`)
      console.log(`  serving process event loop: longest stall ${fmt(p.server.maxMs)}, worst 1-s window p99 ${fmt(p.server.p99Ms)}`)
      for (const w of p.server.worstWindows) console.log(`    ${fmt(w.maxMs)} in the window ending at ${w.atS}s (${w.during})`)
      console.log(`  page: longest long task ${fmt(p.page.maxLongTaskMs)}, longest animation-frame gap ${fmt(p.page.maxRafGapMs)} (${p.page.frames} frames)`)
      for (const t of p.worstLongTasks) console.log(`    long task ${fmt(t.ms)} at ${t.atS}s (${t.during})`)
      if (p.navigation.count) console.log(`  view switches: ${p.navigation.count}, median ${fmt(p.navigation.medianMs)}, max ${fmt(p.navigation.maxMs)}`)
    }
    const server = Math.max(...phases.map((p) => p.server.maxMs))
    const page = Math.max(...phases.map((p) => p.page.maxLongTaskMs))
    const verdict = (ms: number): string => (ms < GOAL_MS ? 'within' : 'ABOVE')
    console.log(
      `\nGoal < ${GOAL_MS} ms: serving process ${fmt(server)} (${verdict(server)}), page long task ${fmt(page)} (${verdict(page)}), page frame gap ${fmt(Math.max(...phases.map((p) => p.page.maxRafGapMs)))}`,
    )
  } finally {
    await app.close()
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:ui failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exitCode = 1
})
