/** `equimodal results [run-id]`: the results table of a run, or the list of runs. */
import type { CliContext } from '../context'
import { EXIT } from '../exit-codes'
import { formatTable } from '../output'
import { printRunSummary } from './results-table'

export async function resultsCommand(ctx: CliContext): Promise<number> {
  const runId = ctx.positionals[0]
  if (!runId) {
    const runs = await ctx.call('runs:list', {})
    ctx.out.result(runs, () => {
      if (runs.length === 0) return ctx.out.line('No runs yet. Try `equimodal demo`.')
      ctx.out.line(formatTable(['run', 'experiment', 'status', 'backend', 'created'], runs.map((r) => [r.runId, r.experimentName, r.status, r.backend ?? '', r.createdAt])))
    })
    return EXIT.ok
  }
  const summary = await ctx.call('runs:summary', { runId })
  ctx.out.result(summary, () => printRunSummary(ctx.out, summary))
  return EXIT.ok
}
