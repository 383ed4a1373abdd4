/**
 * A synthetic long-tailed fold built for the class-imbalance failure mode (seeded, no files): three
 * classes with training counts `trainCounts` (default 300 / 60 / 8), two modalities of `dims`
 * features. Class c ≥ 1 shifts feature c − 1 of each modality by `shift` (class 0 sits at the
 * origin), so the rarest class is learnable but overlaps the majority: with its 2 % prior, plain
 * cross-entropy rarely predicts it. Validation follows the training distribution (half the counts);
 * the test part is balanced (`testPerClass` per class) so that per-class recall is measured well.
 */
import { argmaxRows, confusionMatrix, perClassMetrics } from '../../../../../src/main/evaluation/classification'
import type { FoldArrays, FoldPart } from '../../../../../src/main/training/engine/fold'
import { createRng, type Rng } from '../../../../../src/main/util/rng'

export interface LongTailOptions {
  trainCounts?: number[]
  dims?: number
  shift?: number
  testPerClass?: number
  seed?: number
}

function part(counts: number[], dims: number, shift: number, rng: Rng): FoldPart {
  const y = Int32Array.from(counts.flatMap((n, c) => new Array<number>(n).fill(c)))
  rng.shuffle(y)
  const x = [0, 1].map(() => {
    const a = new Float32Array(y.length * dims)
    for (let i = 0; i < y.length; i++) for (let j = 0; j < dims; j++) a[i * dims + j] = rng.normal() + (y[i]! >= 1 && j === y[i]! - 1 ? shift : 0)
    return a
  })
  return { x, y, rows: Int32Array.from(y, (_, i) => i) }
}

export function longTailFold(o: LongTailOptions = {}): FoldArrays {
  const counts = o.trainCounts ?? [300, 60, 8]
  const dims = o.dims ?? 6
  const shift = o.shift ?? 1.5
  const rng = createRng(o.seed ?? 1)
  return {
    train: part(counts, dims, shift, rng),
    val: part(counts.map((n) => Math.max(2, Math.round(n / 2))), dims, shift, rng),
    test: part(counts.map(() => o.testPerClass ?? 100), dims, shift, rng),
    featureSizes: [dims, dims],
    numClasses: counts.length,
    classNames: counts.map((_, c) => `c${c}`),
  }
}

/** Test recall of class `c` from an n × C probability matrix (the evaluation module's argmax and confusion matrix). */
export function classRecall(probs: Float32Array, y: Int32Array, numClasses: number, c: number): number {
  const names = Array.from({ length: numClasses }, (_, k) => `c${k}`)
  return perClassMetrics(confusionMatrix(y, argmaxRows(probs, numClasses), numClasses), names)[c]!.recall
}
