/** A fake MethodEnv and StepView for method instance tests (tensors created in the caller's tidy). */
import * as tf from '@tensorflow/tfjs'
import type { MethodEnv, StepView } from '../../../../src/main/training/engine/method'

export function fakeEnv(o: Partial<MethodEnv> & { classCounts: number[] }): MethodEnv {
  return {
    numClasses: o.classCounts.length,
    modalities: [{ name: 'm0', features: 2 }],
    totalEpochs: 10,
    batchSize: 4,
    seed: 1,
    attributes: [],
    ...o,
  }
}

/** A step whose model output is `logits` for hard labels `y` (weights 1 unless given). */
export function fakeStep(logits: number[][], y: number[], weights?: number[]): StepView {
  const C = logits[0]!.length
  const z = tf.tensor2d(logits)
  return {
    batch: {
      inputs: [tf.zeros([y.length, 2])],
      targets: tf.oneHot(y, C).toFloat() as tf.Tensor2D,
      weights: tf.tensor1d(weights ?? y.map(() => 1)),
      labels: Int32Array.from(y),
      indices: Int32Array.from(y, (_, i) => i),
    },
    output: { logits: z, features: [z] },
    epoch: 1,
    step: 1,
    numClasses: C,
  }
}
