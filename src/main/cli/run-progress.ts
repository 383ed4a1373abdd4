/**
 * Runs an experiment from the CLI through the `runs:start` channel: prints the backend, draws a
 * progress bar on a TTY (plain lines otherwise), turns Ctrl-C into a clean interruption (committed
 * jobs stay; running the same config again resumes), and prints the results table at the end.
 */
import type { RunOutcome, RunSummary } from '../../shared/runs'
import { jobKeyString } from '../../shared/training/job'
import { printRunSummary } from './commands/results-table'
import type { CliContext } from './context'
import { formatDuration, ProgressBar } from './output'

export async function runWithProgress(ctx: CliContext, config: unknown): Promise<{ outcome: RunOutcome; summary: RunSummary }> {
  const out = ctx.out
  const bar = new ProgressBar()
  const controller = new AbortController()
  ctx.signal = controller.signal
  const onSigint = (): void => {
    bar.clear()
    process.stderr.write('Interrupting: jobs in flight are dropped, committed jobs are kept (run again to resume)…\n')
    controller.abort()
  }
  process.once('SIGINT', onSigint)
  const started = Date.now()
  let toRun = 0
  let finished = 0
  let totalEpochs = 1
  const epochOf = new Map<string, number>()
  const redraw = (): void => {
    const partial = [...epochOf.values()].reduce((s, e) => s + e / totalEpochs, 0)
    const fraction = toRun ? (finished + partial) / toRun : 1
    const elapsed = Date.now() - started
    const eta = fraction > 0.02 ? formatDuration((elapsed / fraction) * (1 - fraction)) : '…'
    bar.draw(fraction, `${finished}/${toRun} jobs · ${formatDuration(elapsed)} elapsed · ETA ${eta}`)
  }
  const unsubscribe = [
    ctx.on('runs:started', (i) => {
      toRun = i.totalJobs - i.skipped
      out.line(`Workspace: ${ctx.workspaceDir}`)
      out.line(
        `Run ${i.runId}: ${i.totalJobs} jobs${i.resumed ? `, resuming (${i.skipped} already committed)` : ''}, ` +
          `${i.poolSize} trainer process${i.poolSize === 1 ? '' : 'es'}`,
      )
      for (const w of i.warnings) out.line(`warning: ${w}`)
    }),
    ctx.on('runs:backend', (b) => {
      bar.clear()
      out.line(`Backend: ${b.backend} (${b.detail})`)
    }),
    ctx.on('runs:progress', (p) => {
      totalEpochs = p.totalEpochs
      epochOf.set(jobKeyString(p.key), p.epoch)
      redraw()
    }),
    ctx.on('runs:job-finished', (j) => {
      finished = j.finished
      epochOf.delete(jobKeyString(j.key))
      bar.clear()
      if (j.status === 'failed') out.line(`✗ ${jobKeyString(j.key)} failed: ${j.reason ?? 'unknown reason'}`)
      else if (!bar.enabled) out.line(`✓ ${jobKeyString(j.key)} acc ${((j.accuracy ?? 0) * 100).toFixed(1)} (${j.finished}/${j.toRun})`)
      redraw()
    }),
  ]
  try {
    const outcome = await ctx.call('runs:start', { config, backend: ctx.flags.backend, poolSize: ctx.flags.pool, fresh: ctx.flags.fresh })
    bar.clear()
    out.line(
      `${outcome.status === 'completed' ? 'Finished' : 'Interrupted'} in ${formatDuration(Date.now() - started)}: ` +
        `${outcome.jobsDone} done, ${outcome.jobsFailed} failed, ${outcome.jobsSkipped} committed earlier.`,
    )
    const summary = await ctx.call('runs:summary', { runId: outcome.runId })
    out.line()
    out.result({ outcome, summary }, () => printRunSummary(out, summary))
    return { outcome, summary }
  } finally {
    bar.clear()
    for (const u of unsubscribe) u()
    process.removeListener('SIGINT', onSigint)
  }
}
