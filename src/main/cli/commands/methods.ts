/** `equimodal methods`: every registered training method. */
import type { CliContext } from '../context'
import { EXIT } from '../exit-codes'
import { formatTable } from '../output'

export async function methodsCommand(ctx: CliContext): Promise<number> {
  const catalog = await ctx.call('methods:catalog', {})
  ctx.out.result(catalog, () => {
    ctx.out.line(formatTable(['id', 'kind', 'summary', 'paper'], catalog.map((m) => [m.id, m.kind, m.summary, m.paper])))
  })
  return EXIT.ok
}
