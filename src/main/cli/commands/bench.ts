/** `equimodal bench`: prints speed figures (import of a 875×2500 CSV, training epochs per backend). */
import { benchImport } from '../../bench/import-bench'
import { benchTraining } from '../../bench/training-bench'
import type { CliContext } from '../context'
import { EXIT } from '../exit-codes'
import { formatTable } from '../output'

export async function benchCommand(ctx: CliContext): Promise<number> {
  const figures = [...(await benchImport()), ...(await benchTraining(ctx.flags.backend))]
  ctx.out.result(figures, () => {
    ctx.out.line(formatTable(['benchmark', 'value', 'unit'], figures.map((f) => [f.name, f.value.toFixed(3), f.unit])))
  })
  return EXIT.ok
}
