/** Runs one job inside a trainer process: fold preparation → training → test evaluation. */
import type { DatasetData } from '../../../shared/dataset'
import type { EpochLog, JobOutput, JobProgress, JobSpec } from '../../../shared/training/job'
import { evaluate } from '../../evaluation/evaluate'
import { prepareFold } from '../../protocol/prepare'
import { composeMethods } from '../engine/pipeline'
import { trainModel } from '../engine/trainer'
import type { MethodDefinition } from '../engine/method'

export interface RunJobHooks {
  onProgress(p: JobProgress): void
  onEpoch?(log: EpochLog): void
  shouldStop(): boolean
}

export async function runJob(
  spec: JobSpec,
  data: DatasetData,
  registry: ReadonlyMap<string, MethodDefinition>,
  hooks: RunJobHooks,
): Promise<JobOutput> {
  const started = Date.now()
  const fold = prepareFold(data, spec.split, spec.protocol)
  const { methods } = composeMethods(spec.methods, registry)
  const result = await trainModel({
    fold,
    model: spec.model,
    training: spec.training,
    methods,
    seed: spec.seed,
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
      })
    },
  })
  const testRows = fold.test.rows
  const report = evaluate({
    yTrue: fold.test.y,
    probs: result.testProbs,
    classNames: fold.classNames,
    attributes: data.attributes.map((a) => ({
      name: a.name,
      groups: a.groups,
      values: Int32Array.from(testRows, (r) => a.values[r] ?? -1),
    })),
  })
  return {
    backend: result.backend,
    epochs: result.epochs,
    bestEpoch: result.bestEpoch,
    stoppedEarly: result.stoppedEarly,
    durationMs: Date.now() - started,
    test: report,
    predictions: { rows: testRows, probs: result.testProbs },
  }
}
