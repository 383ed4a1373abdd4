/** Experiment config helpers for the editor: a fresh config, JSON load/save, job counts, unique arm names. */
import { ExperimentConfig, ModelConfig, Protocol, TrainingConfig, formatZodError } from '@shared/experiment'

/** The config being edited: the parsed (defaults filled) form of the CLI's JSON config. */
export type ExperimentDraft = ExperimentConfig

export function newExperiment(dataset: string, now: Date = new Date()): ExperimentDraft {
  const stamp = now.toISOString().slice(0, 16).replace('T', ' ')
  return {
    version: 1,
    name: `experiment ${stamp}`,
    dataset,
    protocol: Protocol.parse({}),
    seeds: [1],
    model: ModelConfig.parse({}),
    training: TrainingConfig.parse({}),
    arms: [{ name: 'baseline', methods: [] }],
  }
}

/** A JSON document as a config (defaults filled), or the validation lines naming each bad field. */
export function parseExperimentJson(text: string): { ok: true; config: ExperimentDraft } | { ok: false; lines: string[] } {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    return { ok: false, lines: [`not valid JSON: ${e instanceof Error ? e.message : String(e)}`] }
  }
  const parsed = ExperimentConfig.safeParse(raw)
  return parsed.success ? { ok: true, config: parsed.data } : { ok: false, lines: formatZodError(parsed.error) }
}

/** The JSON the CLI runs (`equimodal run file.json`), without empty optional fields. */
export function experimentJson(config: ExperimentDraft): string {
  return `${JSON.stringify(config, null, 2)}\n`
}

/** Jobs the config plans: arms × seeds × folds (× repeats), one fold for a predefined split. */
export function plannedJobs(config: Pick<ExperimentDraft, 'arms' | 'seeds' | 'protocol'>): number {
  const p = config.protocol
  const folds = p.kind === 'predefined' ? 1 : p.kind === 'repeated-kfold' ? p.folds * p.repeats : p.folds
  return config.arms.length * config.seeds.length * folds
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/** "2 arms × 1 seed × 3 folds" (× repeats folded into folds), for the job-count message. */
export function jobBreakdown(config: Pick<ExperimentDraft, 'arms' | 'seeds' | 'protocol'>): string {
  const p = config.protocol
  const folds = p.kind === 'predefined' ? 'the predefined split' : p.kind === 'repeated-kfold' ? `${plural(p.folds, 'fold')} × ${plural(p.repeats, 'repeat')}` : plural(p.folds, 'fold')
  return `${plural(config.arms.length, 'arm')} × ${plural(config.seeds.length, 'seed')} × ${folds}`
}

/** `base`, or `base-2`, `base-3`… whichever is not taken. */
export function uniqueName(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base
  let i = 2
  while (taken.includes(`${base}-${i}`)) i++
  return `${base}-${i}`
}

export const ARM_NAME = /^[\w.+-]+$/

/** "1,2,3" → [1,2,3]; null unless every item is a non-negative integer and there is at least one. */
export function parseSeeds(text: string): number[] | null {
  const items = text.split(/[\s,;]+/).filter(Boolean)
  if (items.length === 0) return null
  const seeds = items.map(Number)
  return seeds.every((s) => Number.isInteger(s) && s >= 0) ? seeds : null
}
