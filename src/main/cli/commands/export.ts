/** `equimodal export <run-id> --out <dir>`: metrics, epochs and predictions as CSV + Parquet, the comparison as CSV + LaTeX. */
import { exportRun } from '../../services/exports'
import type { CliContext } from '../context'
import { EXIT } from '../exit-codes'

export async function exportCommand(ctx: CliContext): Promise<number> {
  const runId = ctx.positionals[0]
  if (!runId || !ctx.flags.out) {
    process.stderr.write('usage: equimodal export <run-id> --out <dir>   (run ids: `equimodal results`)\n')
    return EXIT.usage
  }
  const files = await exportRun(await ctx.workspace(), runId, ctx.flags.out)
  ctx.out.result({ runId, files }, () => {
    for (const f of files) ctx.out.line(f)
  })
  return EXIT.ok
}
