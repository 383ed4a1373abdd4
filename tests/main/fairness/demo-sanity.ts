/**
 * Shared by the synthetic fairness sanity test: the demo dataset (src/main/data/synthetic.ts, group
 * "F" harder) on one seeded stratified split, trained with a given arm, evaluated on the test part.
 */
import type { DatasetData } from '../../../src/shared/dataset'
import { ExperimentConfig } from '../../../src/shared/experiment'
import type { FairnessMetrics } from '../../../src/shared/metrics'
import { evaluate } from '../../../src/main/evaluation/evaluate'
import { prepareFold } from '../../../src/main/protocol/prepare'
import { composeMethods } from '../../../src/main/training/engine/pipeline'
import { trainModel } from '../../../src/main/training/engine/trainer'
import type { MethodDefinition } from '../../../src/main/training/engine/method'
import type { MethodRef } from '../../../src/shared/experiment'

export interface ArmResult {
  accuracy: number
  fairness: FairnessMetrics
}

/**
 * Trains on the first `train` rows (the generator shuffles the sample order), validates on the next
 * `val`, and tests on all the rest: a large test part keeps the group gaps' sampling noise small.
 */
export async function runArm(
  data: DatasetData,
  methods: MethodRef[],
  seed: number,
  registry: ReadonlyMap<string, MethodDefinition>,
  sizes: { train: number; val: number } = { train: 500, val: 100 },
): Promise<ArmResult> {
  const cfg = ExperimentConfig.parse({
    version: 1,
    name: 'sanity',
    dataset: 'demo',
    model: { hidden: [32], dropout: 0.2 },
    training: { epochs: 15, patience: 0, batchSize: 32, learningRate: 0.003 },
    arms: [{ name: 'a', methods }],
  })
  const n = data.labels.length
  const range = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i)
  const split = { train: range(0, sizes.train), val: range(sizes.train, sizes.train + sizes.val), test: range(sizes.train + sizes.val, n) }
  const fold = prepareFold(data, split, cfg.protocol)
  const out = await trainModel({ fold, model: cfg.model, training: cfg.training, methods: composeMethods(methods, registry).methods, seed })
  const report = evaluate({
    yTrue: fold.test.y,
    probs: out.testProbs,
    classNames: fold.classNames,
    attributes: data.attributes.map((a, k) => ({ name: a.name, groups: a.groups, values: fold.test.groups![k]! })),
  })
  return { accuracy: report.classification.accuracy, fairness: report.fairness[0]! }
}
