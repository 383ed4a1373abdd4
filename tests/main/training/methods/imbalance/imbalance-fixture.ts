/**
 * A synthetic two-modality fold built for the modality-imbalance failure mode (seeded, no files):
 *
 * - modality 0 ("easy"): class signal ±`strongShift` on feature 0 of `strongDims`, for all but a
 *   `hiddenShare` of the samples, where feature 0 is pure noise (the easy modality cannot tell them);
 * - modality 1 ("weak", complementary): class signal ±`weakShift` on feature 0 of `weakDims`, for
 *   every sample, buried among `weakDims − 1` noise features, so its encoder must learn where to look.
 *
 * A fused model can reach the Bayes rate only by using both. Labels are balanced binary (0/1).
 */
import type { FoldArrays, FoldPart } from '../../../../../src/main/training/engine/fold'
import { createRng, type Rng } from '../../../../../src/main/util/rng'

export interface ImbalanceOptions {
  nTrain?: number
  strongDims?: number
  weakDims?: number
  strongShift?: number
  weakShift?: number
  hiddenShare?: number
  seed?: number
}

function part(n: number, o: Required<ImbalanceOptions>, rng: Rng): FoldPart {
  const y = Int32Array.from({ length: n }, (_, i) => i % 2)
  rng.shuffle(y)
  const x0 = new Float32Array(n * o.strongDims)
  const x1 = new Float32Array(n * o.weakDims)
  for (let i = 0; i < n; i++) {
    const sign = y[i] === 1 ? 1 : -1
    const hidden = rng.next() < o.hiddenShare
    for (let j = 0; j < o.strongDims; j++) x0[i * o.strongDims + j] = rng.normal() + (j === 0 && !hidden ? sign * o.strongShift : 0)
    for (let j = 0; j < o.weakDims; j++) x1[i * o.weakDims + j] = rng.normal() + (j === 0 ? sign * o.weakShift : 0)
  }
  return { x: [x0, x1], y, rows: Int32Array.from(y, (_, i) => i) }
}

export function imbalanceFold(opts: ImbalanceOptions = {}): FoldArrays {
  const o: Required<ImbalanceOptions> = {
    nTrain: 600,
    strongDims: 16,
    weakDims: 64,
    strongShift: 3,
    weakShift: 1,
    hiddenShare: 0.05,
    seed: 1,
    ...opts,
  }
  const rng = createRng(o.seed)
  return {
    train: part(o.nTrain, o, rng),
    val: part(Math.floor(o.nTrain / 2), o, rng),
    test: part(Math.floor(o.nTrain / 2), o, rng),
    featureSizes: [o.strongDims, o.weakDims],
    numClasses: 2,
    classNames: ['neg', 'pos'],
  }
}
