/** `equimodal datasets`: the datasets of the workspace. */
import type { CliContext } from '../context'
import { EXIT } from '../exit-codes'
import { formatTable } from '../output'

export async function datasetsCommand(ctx: CliContext): Promise<number> {
  const list = await ctx.call('datasets:list', {})
  ctx.out.result(list, () => {
    if (list.length === 0) return ctx.out.line('No datasets yet. Try `equimodal demo` or `equimodal import`.')
    ctx.out.line(
      formatTable(
        ['name', 'id', 'format', 'samples', 'classes', 'modalities', 'attributes', 'split', 'imbalance'],
        list.map((d) => [
          d.name,
          d.id,
          d.format,
          String(d.samples),
          d.classes.map((c) => `${c.name}:${c.count}`).join(' '),
          d.modalities.map((m) => `${m.name}(${m.features})`).join(' '),
          d.attributes.map((a) => a.name).join(' ') || '—',
          d.splitCounts ? `${d.splitCounts.train}/${d.splitCounts.test}` : '—',
          d.imbalanceRatio.toFixed(2),
        ]),
      ),
    )
  })
  return EXIT.ok
}
