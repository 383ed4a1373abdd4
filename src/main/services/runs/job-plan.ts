/**
 * Expands an experiment into its jobs (arm × seed × fold). Folds depend on the seed only, and the
 * initialisation seed on (seed, fold), so every arm sees the same splits and the same initial
 * weights: comparisons between arms are paired.
 */
import { createHash } from 'node:crypto'
import type { DatasetData } from '../../../shared/dataset'
import type { ExperimentConfig } from '../../../shared/experiment'
import type { JobSpec } from '../../../shared/training/job'
import { planFolds } from '../../protocol/folds'
import { deriveSeed } from '../../util/rng'

export function planJobs(runId: string, datasetId: string, data: DatasetData, config: ExperimentConfig): JobSpec[] {
  const jobs: JobSpec[] = []
  for (const seed of config.seeds) {
    const folds = planFolds(data, config.protocol, seed)
    folds.forEach((split, fold) => {
      for (const arm of config.arms) {
        jobs.push({
          runId,
          key: { arm: arm.name, seed, fold },
          datasetId,
          split,
          protocol: config.protocol,
          model: config.model,
          training: config.training,
          methods: arm.methods,
          seed: deriveSeed(seed, 'init', fold),
          ...(config.diagnostics ? { diagnostics: config.diagnostics } : {}),
          ...(arm.postprocess?.length ? { postprocess: arm.postprocess } : {}),
        })
      }
    })
  }
  return jobs
}

/** JSON with sorted keys, so equal configs hash equally whatever their key order. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/**
 * Settings added after runs were first stored, with the value that keeps the behaviour from before
 * them. At that value they stay out of the hash, so a run interrupted before an upgrade is still
 * found and resumed after it (its config lacked the field; parsing now fills in the default).
 * Every new defaulted setting belongs here: tests/main/services/runs/config-hash.test.ts pins the hash
 * of a config stored before `training.selectOn` existed.
 */
const LATER_SETTINGS: readonly { path: readonly [string, string]; value: unknown }[] = [{ path: ['training', 'selectOn'], value: 'val-loss' }]

/** Hash of the config and dataset: the same hash means the same jobs (a run with it can be resumed). */
export function configHash(config: ExperimentConfig, datasetId: string): string {
  const canonical = structuredClone(config) as unknown as Record<string, Record<string, unknown> | undefined>
  for (const { path: [section, key], value } of LATER_SETTINGS) {
    const part = canonical[section]
    if (part && part[key] === value) delete part[key]
  }
  return createHash('sha256').update(stableStringify({ config: canonical, datasetId })).digest('hex')
}
