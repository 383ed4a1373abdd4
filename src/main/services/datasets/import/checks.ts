/** Checks every import path runs on the assembled `DatasetData`. */
import type { DatasetData } from '../../../../shared/dataset'
import type { ImportSpec } from '../../../../shared/import'
import { AppFailure } from '../../../../shared/result'
import { badInput, describeWhere, plural, showValue } from './errors'
import type { MissingTracker } from './build'

/**
 * Refuses a dataset in which a class has fewer than `minPerClass` samples (BAD_INPUT, one
 * detail line per class). The import requires 2; the protocol checks its own fold count later.
 */
export function checkClassSizes(data: DatasetData, minPerClass: number): void {
  const counts = data.classNames.map(() => 0)
  for (const y of data.labels) counts[y] = (counts[y] ?? 0) + 1
  const small = data.classNames.flatMap((name, k) => (counts[k]! < minPerClass ? [`class ${showValue(name)}: ${plural(counts[k]!, 'sample')}`] : []))
  if (small.length === 0) return
  throw AppFailure.of(
    'BAD_INPUT',
    `${small.length === 1 ? 'A class has' : `${small.length} classes have`} fewer than ${minPerClass} samples (${small.join('; ')}); ` +
      'each class needs at least that many: merge or drop the rare class, or fix its labels.',
    { details: small },
  )
}

/** Applies `missing: reject | keep` to what the tracker saw. */
export function applyMissingPolicy(spec: Pick<ImportSpec, 'missing'>, missing: MissingTracker, warnings: string[]): void {
  if (missing.count === 0 || !missing.first) return
  const at = describeWhere(missing.first.where)
  const first = missing.first.what === 'missing value' ? at : `${at}: ${missing.first.what}`
  if (spec.missing === 'reject') {
    throw badInput(
      missing.first.where,
      `${plural(missing.count, 'missing feature value')} (first one here${missing.first.what === 'missing value' ? '' : `: ${missing.first.what}`}); ` +
        'set "missing": "keep" in the import spec to keep them as NaN (imputed on the training part when the protocol allows), or fix the data.',
    )
  }
  warnings.push(`${plural(missing.count, 'missing feature value')} kept as NaN (first: ${first}).`)
}
