/**
 * Stratified assignment of samples to folds and to the validation part (no grouping).
 * Pure functions over label/stratum codes; randomness comes in as an `Rng`.
 */
import type { DatasetData } from '../../shared/dataset'
import type { Rng } from '../util/rng'

/**
 * Stratum code per sample: the label, or label × attribute group when `attribute` is given
 * (unknown attribute values, -1, form a stratum of their own within each label).
 *
 * Codes are dense (0..S-1) and ordered by the first appearance of the sample's **label**, then
 * by first appearance of the stratum within that label. With the label alone this is
 * scikit-learn's encoding in `StratifiedKFold` (classes in order of first appearance), so fold
 * sizes match it; with an attribute, the strata of one label stay contiguous, which keeps each
 * label balanced across folds (±1) as well as each stratum.
 */
export function strataCodes(data: DatasetData, attribute?: string): { codes: Int32Array; strata: number } {
  const n = data.labels.length
  const attr = attribute === undefined ? undefined : data.attributes.find((a) => a.name === attribute)
  const width = attr ? attr.groups.length + 1 : 1
  const raw = new Int32Array(n)
  const labelRank = new Map<number, number>()
  const stratumRank = new Map<number, number>()
  for (let i = 0; i < n; i++) {
    const y = data.labels[i] as number
    const a = attr ? (attr.values[i] as number) + 1 : 0
    const key = y * width + a
    raw[i] = key
    if (!labelRank.has(y)) labelRank.set(y, labelRank.size)
    if (!stratumRank.has(key)) stratumRank.set(key, stratumRank.size)
  }
  const keys = [...stratumRank.keys()].sort((p, q) => {
    const lp = labelRank.get(Math.floor(p / width)) as number
    const lq = labelRank.get(Math.floor(q / width)) as number
    return lp - lq || (stratumRank.get(p) as number) - (stratumRank.get(q) as number)
  })
  const dense = new Map(keys.map((k, i) => [k, i]))
  return { codes: Int32Array.from(raw, (k) => dense.get(k) as number), strata: keys.length }
}

/**
 * Test-fold index per sample, like scikit-learn's `StratifiedKFold(shuffle=True)`: samples are
 * ordered by stratum and dealt round-robin to the k folds (fold i gets positions i, i+k, …), which
 * fixes how many samples of each stratum each fold receives (±1 between folds, for each stratum
 * and overall); then, within each stratum, the fold labels are shuffled and handed to its samples
 * in row order.
 *
 * @param codes stratum per sample (dense, 0..strata-1, see `strataCodes`)
 * @example stratifiedFoldAssignment([0,0,0,0,0,1,1,1], 2, 3, rng) // fold sizes 3, 3, 2
 */
export function stratifiedFoldAssignment(codes: ArrayLike<number>, strata: number, k: number, rng: Rng): Int32Array {
  const n = codes.length
  const size = new Array<number>(strata).fill(0)
  for (let i = 0; i < n; i++) size[codes[i] as number]!++
  const assignment = new Int32Array(n)
  let start = 0
  const members: number[][] = Array.from({ length: strata }, () => [])
  for (let i = 0; i < n; i++) members[codes[i] as number]!.push(i)
  for (let s = 0; s < strata; s++) {
    const count = size[s] as number
    // Positions start..start+count-1 of the stratum-sorted order; position p goes to fold p mod k.
    const folds = new Int32Array(count)
    for (let p = 0; p < count; p++) folds[p] = (start + p) % k
    folds.sort()
    rng.shuffle(folds)
    const rows = members[s] as number[]
    for (let j = 0; j < count; j++) assignment[rows[j] as number] = folds[j] as number
    start += count
  }
  return assignment
}

/**
 * How many samples of each class go to the validation part: ⌊f·n_c⌋ per class, the rest of
 * round(f·n) handed out by largest remainder (ties: larger class, then lower index), then
 * clamped to [1, n_c − 1] for classes with ≥ 2 samples (so that both parts hold every class;
 * this can make the part a little larger than f·n on tiny data) and 0 for a class with one sample.
 *
 * @example allocateValidation([50, 30, 20], 0.2) // [10, 6, 4]
 */
export function allocateValidation(counts: readonly number[], fraction: number): number[] {
  const total = counts.reduce((s, c) => s + c, 0)
  const target = Math.round(fraction * total)
  const ideal = counts.map((c) => fraction * c)
  const alloc = ideal.map((v) => Math.floor(v + 1e-9))
  let rest = target - alloc.reduce((s, a) => s + a, 0)
  const order = counts
    .map((c, i) => ({ i, c, r: (ideal[i] as number) - (alloc[i] as number) }))
    .filter(({ c, i }) => (alloc[i] as number) < c)
    .sort((p, q) => q.r - p.r || q.c - p.c || p.i - q.i)
  for (const { i } of order) {
    if (rest <= 0) break
    alloc[i]!++
    rest--
  }
  return alloc.map((a, i) => {
    const c = counts[i] as number
    return c < 2 ? 0 : Math.min(Math.max(a, 1), c - 1)
  })
}

/**
 * Splits `rows` (a training part) into train and validation, stratified by label (see
 * `allocateValidation`), choosing the validation samples of each class at random.
 * Both outputs are sorted ascending.
 */
export function carveValidation(
  rows: Int32Array,
  labels: Int32Array,
  numClasses: number,
  fraction: number,
  rng: Rng,
): { train: Int32Array; val: Int32Array } {
  const byClass: number[][] = Array.from({ length: numClasses }, () => [])
  for (const r of rows) byClass[labels[r] as number]!.push(r)
  const alloc = allocateValidation(
    byClass.map((b) => b.length),
    fraction,
  )
  const train: number[] = []
  const val: number[] = []
  byClass.forEach((members, c) => {
    rng.shuffle(members)
    const v = alloc[c] as number
    for (let j = 0; j < members.length; j++) (j < v ? val : train).push(members[j] as number)
  })
  return { train: Int32Array.from(train).sort(), val: Int32Array.from(val).sort() }
}
