/** `equimodal run <experiment.json>`: runs (or resumes) an experiment with a progress bar. */
import { readFile } from 'node:fs/promises'
import { AppFailure } from '../../../shared/result'
import { runWithProgress } from '../run-progress'
import type { CliContext } from '../context'
import { EXIT } from '../exit-codes'

export async function readJsonFile(file: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    throw AppFailure.of('NOT_FOUND', `Cannot read ${file}: no such file.`, { location: { file } })
  }
  try {
    return JSON.parse(text) as unknown
  } catch (e) {
    throw AppFailure.of('VALIDATION', `${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, { location: { file } })
  }
}

export async function runCommand(ctx: CliContext): Promise<number> {
  const file = ctx.positionals[0]
  if (!file) {
    process.stderr.write('usage: equimodal run <experiment.json>\n')
    return EXIT.usage
  }
  const config = await readJsonFile(file)
  const { outcome } = await runWithProgress(ctx, config)
  if (outcome.status === 'interrupted') return EXIT.interrupted
  return outcome.jobsFailed > 0 ? EXIT.jobsFailed : EXIT.ok
}
