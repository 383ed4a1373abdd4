/**
 * Checks that an evaluation protocol can run on a dataset, before any job starts, so that the
 * user gets one clear message instead of a failure deep inside a trainer process.
 *
 * Two codes: `VALIDATION` when the protocol does not fit the data (too few samples of a class for
 * the folds, a predefined split or grouping column that the data lacks, an unknown attribute),
 * `BAD_INPUT` when the data itself cannot be used as the protocol says (missing values while
 * `missing = 'reject'`). All problems found are reported together (`details`, one line each).
 */
import type { DatasetData } from '../../shared/dataset'
import type { Protocol } from '../../shared/experiment'
import { AppFailure, type ErrorCode } from '../../shared/result'
import { INTERSECTION_SEPARATOR, intersectionProblems } from './attributes'

export interface ProtocolProblem {
  code: ErrorCode
  message: string
  /** The protocol field the problem is about (e.g. 'protocol.folds'). */
  field: string
}

/** Number of test folds a protocol produces: 1 (predefined), folds, or repeats × folds. */
export function foldCount(protocol: Pick<Protocol, 'kind' | 'folds' | 'repeats'>): number {
  if (protocol.kind === 'predefined') return 1
  return protocol.kind === 'kfold' ? protocol.folds : protocol.folds * protocol.repeats
}

/** Samples per class over the given rows (all rows when omitted). */
export function classCounts(data: DatasetData, rows?: ArrayLike<number>): number[] {
  const counts = data.classNames.map(() => 0)
  const n = rows ? rows.length : data.labels.length
  for (let i = 0; i < n; i++) {
    const y = data.labels[rows ? (rows[i] as number) : i] as number
    counts[y] = (counts[y] ?? 0) + 1
  }
  return counts
}

/** Number of distinct groups; an empty grouping key counts as a group of its own per sample. */
export function distinctGroups(groups: readonly string[]): number {
  const seen = new Set<string>()
  let singletons = 0
  for (const g of groups) {
    if (g === '') singletons++
    else seen.add(g)
  }
  return seen.size + singletons
}

/**
 * Problems that make the folds themselves impossible (no split, no grouping column, unknown
 * attribute, fewer groups than folds). `planFolds` refuses these; `checkProtocol` reports them
 * with the rest.
 */
export function structuralProblems(data: DatasetData, protocol: Protocol): ProtocolProblem[] {
  const problems: ProtocolProblem[] = []
  if (protocol.kind === 'predefined') {
    if (!data.split) {
      problems.push({
        code: 'VALIDATION',
        field: 'protocol.kind',
        message: 'The protocol asks for the predefined train/test split, but this dataset has none; use "kfold" or "repeated-kfold", or import the data with its split.',
      })
    } else {
      let train = 0
      for (const s of data.split) if (s === 0) train++
      const test = data.split.length - train
      if (train === 0 || test === 0) {
        problems.push({
          code: 'VALIDATION',
          field: 'protocol.kind',
          message: `The predefined split has ${train} training and ${test} test samples; both parts must be non-empty.`,
        })
      }
    }
  }
  if (protocol.groupFolds) {
    if (!data.groups) {
      problems.push({
        code: 'VALIDATION',
        field: 'protocol.groupFolds',
        message: 'The protocol asks for group folds (groupFolds), but this dataset has no grouping column (e.g. patient id); map one at import or turn groupFolds off.',
      })
    } else if (protocol.kind !== 'predefined' && distinctGroups(data.groups) < protocol.folds) {
      problems.push({
        code: 'VALIDATION',
        field: 'protocol.folds',
        message: `Group folds need at least as many groups as folds: the dataset has ${distinctGroups(data.groups)} groups for ${protocol.folds} folds.`,
      })
    }
  }
  const badIntersections = intersectionProblems(data, protocol)
  for (const p of badIntersections) problems.push({ code: 'VALIDATION', field: p.field, message: p.message })
  const attributeNames = [...data.attributes.map((a) => a.name), ...(badIntersections.length ? [] : (protocol.intersections ?? []).map((p) => p.join(INTERSECTION_SEPARATOR)))]
  const attr = protocol.stratifyByAttribute
  if (attr !== undefined && !attributeNames.includes(attr)) {
    const known = attributeNames.map((a) => `"${a}"`).join(', ')
    problems.push({
      code: 'VALIDATION',
      field: 'protocol.stratifyByAttribute',
      message: `stratifyByAttribute names "${attr}", which is not an attribute of this dataset (${known ? `attributes: ${known}` : 'it has no attributes'}).`,
    })
  }
  return problems
}

/** Class-size problems: classes smaller than the folds, training parts too small for a validation part. */
function sizeProblems(data: DatasetData, protocol: Protocol): ProtocolProblem[] {
  const problems: ProtocolProblem[] = []
  const counts = classCounts(data)
  const present = counts.map((c, i) => ({ c, i })).filter(({ c }) => c > 0)
  // Smallest training part of each class over the folds (exact for the stratified allocation of
  // `planFolds`: a class of n samples has ⌈n/k⌉ of them in its largest test fold).
  let trainCounts: number[]
  if (protocol.kind === 'predefined') {
    if (!data.split) return problems
    const rows: number[] = []
    data.split.forEach((s, i) => {
      if (s === 0) rows.push(i)
    })
    trainCounts = classCounts(data, rows)
    for (const { i } of present) {
      if ((trainCounts[i] ?? 0) === 0) {
        problems.push({
          code: 'VALIDATION',
          field: 'protocol.kind',
          message: `Class "${data.classNames[i]}" has no sample in the training part of the predefined split.`,
        })
      }
    }
  } else {
    const k = protocol.folds
    for (const { c, i } of present) {
      if (c < k) {
        problems.push({
          code: 'VALIDATION',
          field: 'protocol.folds',
          message: `Class "${data.classNames[i]}" has ${c} sample${c === 1 ? '' : 's'}, fewer than the ${k} folds: every class needs at least ${k} samples to appear in every test fold (use fewer folds or merge rare classes).`,
        })
      }
    }
    trainCounts = counts.map((c) => c - Math.ceil(c / k))
  }
  for (const { c, i } of present) {
    const t = trainCounts[i] ?? 0
    if (c >= (protocol.kind === 'predefined' ? 1 : protocol.folds) && t > 0 && t < 2) {
      problems.push({
        code: 'VALIDATION',
        field: 'protocol.validationFraction',
        message: `Class "${data.classNames[i]}" has only ${t} sample in a training part: a validation part with every class needs at least 2 (one to train on, one to validate).`,
      })
    }
  }
  // Smallest training part: the predefined one, or n − ⌈n/k⌉ (the largest test fold of the
  // stratified allocation; approximate with group folds).
  const n = counts.reduce((s, c) => s + c, 0)
  const smallestTrain = protocol.kind === 'predefined' ? trainCounts.reduce((s, t) => s + t, 0) : n - Math.ceil(n / protocol.folds)
  const valSize = Math.round(protocol.validationFraction * smallestTrain)
  if (present.length > 0 && valSize < present.length) {
    problems.push({
      code: 'VALIDATION',
      field: 'protocol.validationFraction',
      message: `A validation part of ${valSize} samples (${protocol.validationFraction} × ${smallestTrain} training samples) cannot hold every one of the ${present.length} classes; raise validationFraction or use fewer folds.`,
    })
  }
  return problems
}

/** Missing-value problems when the protocol refuses to impute. */
function missingProblems(data: DatasetData, protocol: Protocol): ProtocolProblem[] {
  if (protocol.missing !== 'reject') return []
  const problems: ProtocolProblem[] = []
  for (const m of data.modalities) {
    const d = m.featureNames.length
    let count = 0
    let first = -1
    for (let j = 0; j < m.values.length; j++) {
      if (Number.isNaN(m.values[j])) {
        if (first < 0) first = j
        count++
      }
    }
    if (count === 0) continue
    const row = d > 0 ? Math.floor(first / d) : 0
    const feature = d > 0 ? m.featureNames[first % d] : '?'
    problems.push({
      code: 'BAD_INPUT',
      field: 'protocol.missing',
      message: `Modality "${m.name}" has ${count} missing value${count === 1 ? '' : 's'} (first: sample "${data.ids[row]}", feature "${feature}"); set protocol.missing to "impute-mean" to impute the training-part mean, or fix the data.`,
    })
  }
  return problems
}

/** Every problem that stops `protocol` from running on `data` (empty when it can run). */
export function protocolProblems(data: DatasetData, protocol: Protocol): ProtocolProblem[] {
  const structural = structuralProblems(data, protocol)
  return [...structural, ...sizeProblems(data, protocol), ...missingProblems(data, protocol)]
}

/** Throws one `AppFailure` listing `problems`; the code is BAD_INPUT only when every problem is one. */
export function throwProblems(problems: ProtocolProblem[]): void {
  if (problems.length === 0) return
  const lines = problems.map((p) => p.message)
  const code: ErrorCode = problems.every((p) => p.code === 'BAD_INPUT') ? 'BAD_INPUT' : 'VALIDATION'
  const message = lines.length === 1 ? (lines[0] as string) : `The protocol cannot run on this dataset:\n  ${lines.join('\n  ')}`
  throw AppFailure.of(code, message, { details: lines, location: { field: (problems[0] as ProtocolProblem).field } })
}

/**
 * Throws an `AppFailure` ('VALIDATION' or 'BAD_INPUT') naming every reason why `protocol` cannot
 * run on `data`; returns normally when it can.
 * @throws AppFailure — see `protocolProblems` for the list of checks.
 */
export function checkProtocol(data: DatasetData, protocol: Protocol): void {
  throwProblems(protocolProblems(data, protocol))
}
