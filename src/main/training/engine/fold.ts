/** Consistency check of the fold arrays the trainer receives (types in src/shared/training/fold.ts). */
import type { FoldArrays, FoldPart } from '../../../shared/training/fold'

export type { FoldArrays, FoldPart }

/**
 * Checks that every part's arrays agree with `featureSizes` and `numClasses`.
 * @throws Error naming the part and modality (a caller bug, not user input)
 */
export function checkFold(fold: FoldArrays): void {
  const M = fold.featureSizes.length
  for (const name of ['train', 'val', 'test'] as const) {
    const part = fold[name]
    const n = part.y.length
    if (part.x.length !== M) throw new Error(`fold.${name} has ${part.x.length} modalities, featureSizes has ${M}`)
    fold.featureSizes.forEach((d, m) => {
      if (part.x[m]!.length !== n * d) throw new Error(`fold.${name}.x[${m}] has ${part.x[m]!.length} values, expected ${n} × ${d}`)
    })
    for (const c of part.y) if (!(c >= 0 && c < fold.numClasses)) throw new Error(`fold.${name}.y holds class ${c}, outside 0..${fold.numClasses - 1}`)
  }
  if (fold.train.y.length === 0) throw new Error('fold.train is empty')
}
