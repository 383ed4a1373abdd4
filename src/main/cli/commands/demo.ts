/**
 * `equimodal demo`: builds the demo dataset, compares baseline / WCE / focal / undersampling and
 * writes the PDF report into `<workspace>/reports/`; its absolute path is the last line on stdout.
 */
import { demoExperiment } from '../../services/demo'
import { defaultReportPath, writeRunReport } from '../../services/reports'
import type { CliContext } from '../context'
import { EXIT } from '../exit-codes'
import { runWithProgress } from '../run-progress'

export async function demoCommand(ctx: CliContext): Promise<number> {
  const meta = await ctx.call('datasets:demo', {})
  ctx.out.line(
    `Demo dataset: ${meta.samples} samples, ${meta.classes.length} classes (${meta.classes.map((c) => `${c.name} ${c.count}`).join(', ')}), ` +
      `modalities ${meta.modalities.map((m) => `${m.name} ${m.features}`).join(', ')}, attribute ${meta.attributes.map((a) => a.name).join(', ')}`,
  )
  const { outcome } = await runWithProgress(ctx, demoExperiment)
  if (outcome.status === 'interrupted') return EXIT.interrupted
  if (outcome.jobsDone > 0) {
    const ws = await ctx.workspace()
    const pdf = await writeRunReport(ws, outcome.runId, defaultReportPath(ws, outcome.runId))
    // --json prints one JSON document (written by runWithProgress), so the path goes to stderr there.
    if (ctx.out.json) process.stderr.write(`PDF report: ${pdf}\n`)
    else {
      ctx.out.line()
      ctx.out.line('PDF report:')
      ctx.out.line(pdf)
    }
  }
  return outcome.jobsFailed > 0 ? EXIT.jobsFailed : EXIT.ok
}
