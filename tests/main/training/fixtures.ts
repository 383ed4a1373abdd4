/** Tiny synthetic folds and configs for the training tests (generated, seeded; no files). */
import type { z } from 'zod'
import { ModelConfig, TrainingConfig } from '../../../src/shared/experiment'
import type { FoldArrays, FoldPart } from '../../../src/main/training/engine/fold'
import { createRng, type Rng } from '../../../src/main/util/rng'

/** Gaussian blobs: class c has mean `separation` on feature (c mod d) of every modality, N(0,1) noise elsewhere. */
function blobPart(counts: number[], featureSizes: number[], separation: number, rng: Rng): FoldPart {
  const y = Int32Array.from(counts.flatMap((n, c) => new Array<number>(n).fill(c)))
  rng.shuffle(y)
  const x = featureSizes.map((d) => {
    const a = new Float32Array(y.length * d)
    for (let i = 0; i < y.length; i++) for (let j = 0; j < d; j++) a[i * d + j] = rng.normal() + (j % counts.length === y[i] ? separation : 0)
    return a
  })
  // A binary sensitive attribute ("sex": a/b), independent of the label, unknown for every 7th sample.
  const sex = Int32Array.from(y, (_, i) => (i % 7 === 6 ? -1 : rng.next() < 0.5 ? 0 : 1))
  return { x, y, rows: Int32Array.from(y, (_, i) => i), groups: [sex] }
}

/**
 * A separable multiclass fold with two modalities.
 * @param trainCounts samples per class in the training part (val/test get half, at least 2 per class)
 */
export function blobFold(opts: { trainCounts?: number[]; featureSizes?: number[]; separation?: number; seed?: number } = {}): FoldArrays {
  const counts = opts.trainCounts ?? [40, 40, 40]
  const sizes = opts.featureSizes ?? [4, 3]
  const rng = createRng(opts.seed ?? 11)
  const sep = opts.separation ?? 2.5
  const half = counts.map((n) => Math.max(2, Math.floor(n / 2)))
  return {
    train: blobPart(counts, sizes, sep, rng),
    val: blobPart(half, sizes, sep, rng),
    test: blobPart(half, sizes, sep, rng),
    featureSizes: sizes,
    numClasses: counts.length,
    classNames: counts.map((_, c) => `c${c}`),
    attributes: [{ name: 'sex', groups: ['a', 'b'] }],
  }
}

/** XOR inside modality 0 (label = sign(a) ≠ sign(b)) plus a pure-noise modality 1: needs the hidden layer. */
function xorPart(n: number, rng: Rng): FoldPart {
  const y = new Int32Array(n)
  const x0 = new Float32Array(n * 2)
  const x1 = new Float32Array(n * 2)
  for (let i = 0; i < n; i++) {
    const a = rng.next() < 0.5 ? -1 : 1
    const b = rng.next() < 0.5 ? -1 : 1
    y[i] = a === b ? 0 : 1
    x0[i * 2] = a + 0.2 * rng.normal()
    x0[i * 2 + 1] = b + 0.2 * rng.normal()
    x1[i * 2] = rng.normal()
    x1[i * 2 + 1] = rng.normal()
  }
  return { x: [x0, x1], y, rows: Int32Array.from(y, (_, i) => i) }
}

export function xorFold(seed = 5): FoldArrays {
  const rng = createRng(seed)
  return { train: xorPart(200, rng), val: xorPart(60, rng), test: xorPart(60, rng), featureSizes: [2, 2], numClasses: 2, classNames: ['same', 'differ'] }
}

type ModelConfigInput = z.input<typeof ModelConfig>
type TrainingConfigInput = z.input<typeof TrainingConfig>

export const tinyModel = (o: ModelConfigInput = {}): ModelConfig => ModelConfig.parse({ hidden: [8], dropout: 0, ...o })
export const tinyTraining = (o: TrainingConfigInput = {}): TrainingConfig =>
  TrainingConfig.parse({ epochs: 5, batchSize: 32, learningRate: 0.01, patience: 0, ...o })
