/**
 * `equimodal bench`: prints speed figures (import of a 875×2500 CSV, training epochs per backend, the
 * fairness group-distance term with Sinkhorn vs the exact 1-D solver).
 */
import { benchGroupDistance } from '../../bench/group-distance-bench'
import { benchImport } from '../../bench/import-bench'
import { benchTraining } from '../../bench/training-bench'
import type { CliContext } from '../context'
import { EXIT } from '../exit-codes'
import { formatTable } from '../output'

export async function benchCommand(ctx: CliContext): Promise<number> {
  const figures = [...(await benchImport()), ...(await benchTraining(ctx.flags.backend)), ...(await benchGroupDistance(ctx.flags.backend, 128, 2))]
  ctx.out.result(figures, () => {
    ctx.out.line(formatTable(['benchmark', 'value', 'unit'], figures.map((f) => [f.name, f.value.toFixed(3), f.unit])))
  })
  return EXIT.ok
}
