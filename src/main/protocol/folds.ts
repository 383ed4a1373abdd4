/**
 * Plans the train / validation / test rows of every fold of an evaluation protocol (DESIGN §3).
 *
 * - `predefined`: one fold; the dataset's split 0 is the training part, 1 the test part.
 * - `kfold`: stratified k-fold like scikit-learn's `StratifiedKFold(shuffle=True)` (same fold
 *   sizes per class; see `stratifiedFoldAssignment`).
 * - `repeated-kfold`: `repeats` independent k-fold partitions; fold index = repeat·folds + k.
 *   Repeat 0 equals the `kfold` partition for the same seed.
 * - `stratifyByAttribute`: strata are label × attribute group (unknown values a stratum of their own);
 *   the attribute may be an intersection ("sex×race", `protocol.intersections`), after the
 *   small-group rule (`protocol.minGroupSize`), see `attributes.ts`.
 * - `groupFolds`: no group in two folds (greedy, like `StratifiedGroupKFold`; see `group-folds.ts`).
 *
 * The validation part is always carved from the training part of its fold (stratified by label,
 * whole groups with `groupFolds`), never from the test part. All randomness derives from the
 * master seed: deriveSeed(seed, 'folds', repeat) for the partition of a repeat and
 * deriveSeed(seed, 'val', fold) for the validation carve of a fold. Rows are sorted ascending.
 */
import type { DatasetData } from '../../shared/dataset'
import type { Protocol } from '../../shared/experiment'
import type { FoldSplit } from '../../shared/training/job'
import { createRng, deriveSeed } from '../util/rng'
import { deriveAttributes } from './attributes'
import { structuralProblems, throwProblems } from './check'
import { carveGroupValidation, groupCodes, stratifiedGroupFoldAssignment } from './group-folds'
import { carveValidation, strataCodes, stratifiedFoldAssignment } from './stratify'

/**
 * The folds of `protocol` on `data` for `masterSeed`: one `FoldSplit` per job fold index.
 * Same inputs → identical splits; a different seed → different splits.
 * @throws AppFailure('VALIDATION') when the folds cannot be built (no predefined split, no
 *   grouping column, unknown attribute, fewer groups than folds). Run `checkProtocol` first for
 *   the complete list of problems (class sizes, missing values).
 */
export function planFolds(dataset: DatasetData, protocol: Protocol, masterSeed: number): FoldSplit[] {
  throwProblems(structuralProblems(dataset, protocol))
  // Intersections and the small-group rule (attributes.ts) shape the strata of stratifyByAttribute.
  const data = protocol.stratifyByAttribute === undefined ? dataset : deriveAttributes(dataset, protocol).data
  const n = data.labels.length
  const numClasses = data.classNames.length
  const groups = protocol.groupFolds && data.groups ? groupCodes(data.groups).codes : undefined

  const carve = (trainPart: Int32Array, fold: number): { train: Int32Array; val: Int32Array } => {
    const rng = createRng(deriveSeed(masterSeed, 'val', fold))
    return groups
      ? carveGroupValidation(trainPart, data.labels, numClasses, groups, protocol.validationFraction, rng)
      : carveValidation(trainPart, data.labels, numClasses, protocol.validationFraction, rng)
  }

  if (protocol.kind === 'predefined') {
    const split = data.split as Uint8Array
    const trainPart: number[] = []
    const test: number[] = []
    for (let i = 0; i < n; i++) (split[i] === 0 ? trainPart : test).push(i)
    const { train, val } = carve(Int32Array.from(trainPart), 0)
    return [{ train, val, test: Int32Array.from(test) }]
  }

  const k = protocol.folds
  const repeats = protocol.kind === 'kfold' ? 1 : protocol.repeats
  const { codes, strata } = strataCodes(data, protocol.stratifyByAttribute)
  const out: FoldSplit[] = []
  for (let r = 0; r < repeats; r++) {
    const rng = createRng(deriveSeed(masterSeed, 'folds', r))
    const assignment = groups
      ? stratifiedGroupFoldAssignment(codes, strata, groups, k, rng)
      : stratifiedFoldAssignment(codes, strata, k, rng)
    for (let f = 0; f < k; f++) {
      const test: number[] = []
      const trainPart: number[] = []
      for (let i = 0; i < n; i++) (assignment[i] === f ? test : trainPart).push(i)
      if (test.length === 0) {
        throwProblems([
          { code: 'VALIDATION', field: 'protocol.folds', message: `Test fold ${f + 1} of ${k} is empty (the groups are too few or too unequal in size for ${k} folds); use fewer folds.` },
        ])
      }
      const { train, val } = carve(Int32Array.from(trainPart), r * k + f)
      out.push({ train, val, test: Int32Array.from(test) })
    }
  }
  return out
}
