/** `equimodal report <run-id> [--pdf <file>]`: writes the run's PDF report and prints its absolute path. */
import { defaultReportPath, writeRunReport } from '../../services/reports'
import type { CliContext } from '../context'
import { EXIT } from '../exit-codes'

export async function reportCommand(ctx: CliContext): Promise<number> {
  const runId = ctx.positionals[0]
  if (!runId) {
    process.stderr.write('usage: equimodal report <run-id> [--pdf <file>]   (run ids: `equimodal results`)\n')
    return EXIT.usage
  }
  const ws = await ctx.workspace()
  const file = await writeRunReport(ws, runId, ctx.flags.pdf ?? defaultReportPath(ws, runId))
  ctx.out.result({ runId, pdf: file }, () => ctx.out.line(file))
  return EXIT.ok
}
