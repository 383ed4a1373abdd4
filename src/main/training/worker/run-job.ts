/** Runs one job inside a trainer process: fold preparation → training → test evaluation. */
import type { DatasetData } from '../../../shared/dataset'
import type { EpochLog, JobOutput, JobProgress, JobSpec } from '../../../shared/training/job'
import { evaluate, type EvaluationInput } from '../../evaluation/evaluate'
import { checkPostProcess, postProcessVariant } from '../../evaluation/postprocess'
import { deriveAttributes } from '../../protocol/attributes'
import { deriveSeed } from '../../util/rng'
import { prepareFold } from '../../protocol/prepare'
import { composeMethods } from '../engine/pipeline'
import { trainModel } from '../engine/trainer'
import { DiagnosticsConfig } from '../../../shared/diagnostics'
import type { MethodDefinition } from '../engine/method'

/** Bootstrap replicates for the per-job fairness CIs when the protocol does not say (`protocol.fairnessBootstrap`). */
export const DEFAULT_FAIRNESS_BOOTSTRAP = 200

export interface RunJobHooks {
  onProgress(p: JobProgress): void
  onEpoch?(log: EpochLog): void
  shouldStop(): boolean
}

export async function runJob(
  spec: JobSpec,
  dataset: DatasetData,
  registry: ReadonlyMap<string, MethodDefinition>,
  hooks: RunJobHooks,
): Promise<JobOutput> {
  const started = Date.now()
  // Intersectional attributes and the small-group rule (protocol/attributes.ts) apply to training and evaluation alike.
  const derived = deriveAttributes(dataset, spec.protocol)
  const data = derived.data
  const fold = prepareFold(data, spec.split, spec.protocol)
  if (spec.postprocess?.length) checkPostProcess(spec.postprocess, data.classNames.length, data.attributes)
  const { methods } = composeMethods(spec.methods, registry)
  const result = await trainModel({
    fold,
    model: spec.model,
    training: spec.training,
    methods,
    seed: spec.seed,
    modalityNames: data.modalities.map((m) => m.name),
    diagnostics: DiagnosticsConfig.parse(spec.diagnostics ?? {}),
    shouldStop: hooks.shouldStop,
    onEpoch: (log) => {
      hooks.onEpoch?.(log)
      hooks.onProgress({
        key: spec.key,
        epoch: log.epoch,
        totalEpochs: spec.training.epochs,
        trainLoss: log.trainLoss,
        valLoss: log.valLoss,
        valAccuracy: log.valAccuracy,
        ...liveExtras(log.extras),
      })
    },
  })
  const testRows = fold.test.rows
  const testInput: EvaluationInput = {
    yTrue: fold.test.y,
    probs: result.testProbs,
    classNames: fold.classNames,
    attributes: data.attributes.map((a) => {
      const note = derived.notes.get(a.name)
      return { name: a.name, groups: a.groups, values: Int32Array.from(testRows, (r) => a.values[r] ?? -1), ...(note ? { smallGroups: note } : {}) }
    }),
    ...(spec.protocol.operatingSpecificity !== undefined ? { operatingSpecificity: spec.protocol.operatingSpecificity } : {}),
  }
  const replicates = spec.protocol.fairnessBootstrap ?? DEFAULT_FAIRNESS_BOOTSTRAP
  const report = evaluate({ ...testInput, ...(replicates > 0 ? { bootstrap: { replicates, seed: deriveSeed(spec.seed, 'fairness-bootstrap') } } : {}) })
  if (spec.postprocess?.length) {
    const val = { yTrue: fold.val.y, probs: result.valProbs, groups: fold.val.groups ?? [] }
    // Variants get point estimates only (their CIs would double the evaluation cost).
    report.variants = spec.postprocess.map((step) => postProcessVariant(step, testInput, val, spec.seed))
  }
  return {
    backend: result.backend,
    epochs: result.epochs,
    bestEpoch: result.bestEpoch,
    stoppedEarly: result.stoppedEarly,
    durationMs: Date.now() - started,
    test: report,
    predictions: { rows: testRows, probs: result.testProbs },
    ...(result.diagnostics ? { diagnostics: result.diagnostics } : {}),
  }
}

/** The per-modality extras (`unimodal.*`, `probe.*`) that travel with live progress. */
function liveExtras(extras: Record<string, number>): { extras?: Record<string, number> } {
  const picked = Object.entries(extras).filter(([k]) => k.startsWith('unimodal.') || k.startsWith('probe.'))
  return picked.length ? { extras: Object.fromEntries(picked) } : {}
}
