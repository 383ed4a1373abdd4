/** `equimodal import <spec.json>` or `equimodal import --mogonet <folder> --name <name>`. */
import path from 'node:path'
import type { CliContext } from '../context'
import { EXIT } from '../exit-codes'
import { readJsonFile } from './run'

export async function importCommand(ctx: CliContext): Promise<number> {
  let spec: unknown
  const baseDir = process.cwd()
  if (ctx.flags.mogonet) {
    spec = { format: 'mogonet', folder: path.resolve(ctx.flags.mogonet), name: ctx.flags.name ?? path.basename(path.resolve(ctx.flags.mogonet)) }
  } else {
    const file = ctx.positionals[0]
    if (!file) {
      process.stderr.write('usage: equimodal import <spec.json> [--name <name>] | equimodal import --mogonet <folder> --name <name>\n')
      return EXIT.usage
    }
    spec = await readJsonFile(file)
  }
  const { meta, warnings } = await ctx.call('datasets:import', { spec, baseDir, name: ctx.flags.name })
  ctx.out.result({ dataset: meta, warnings }, () => {
    for (const w of warnings) ctx.out.line(`warning: ${w}`)
    ctx.out.line(
      `Imported "${meta.name}" (id ${meta.id}): ${meta.samples} samples, classes ${meta.classes.map((c) => `${c.name} ${c.count}`).join(', ')}; ` +
        `modalities ${meta.modalities.map((m) => `${m.name} ${m.features}`).join(', ')}` +
        (meta.attributes.length ? `; attributes ${meta.attributes.map((a) => `${a.name} (${a.groups.map((g) => `${g.name} ${g.count}`).join(', ')})`).join('; ')}` : '') +
        (meta.splitCounts ? `; predefined split ${meta.splitCounts.train} train / ${meta.splitCounts.test} test` : ''),
    )
  })
  return EXIT.ok
}
