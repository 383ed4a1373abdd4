/**
 * Sensitive attributes as the protocol sees them: the dataset's attributes plus optional
 * intersectional attributes (e.g. sex × race), with an optional small-group rule.
 *
 * - **Intersections** (`protocol.intersections`, e.g. [["sex", "race"]]) add one attribute per
 *   entry, named by joining the parts with "×" ("sex×race"). Its groups are the combinations that
 *   occur in the data, named "female×white"…, in order of the parts' group indices. A sample whose
 *   value of any part is unknown (-1) is unknown in the intersection.
 * - **Small groups** (`protocol.minGroupSize` = m > 0): on every attribute (intersections
 *   included), groups with fewer than m samples in the **whole dataset** are either merged into one
 *   group named "other (<m)" (`smallGroups: 'merge'`, the default) or made unknown
 *   (`'exclude'`): such samples stay in training and in the folds, and are left out of that
 *   attribute's fairness metrics (counted as `excluded`). Whole-dataset counts make the rule the
 *   same in every fold. Groups with no sample at all are dropped silently (they never enter metrics).
 *
 * Pure: returns a new `DatasetData` sharing the unchanged arrays.
 */
import type { AttributeData, DatasetData } from '../../shared/dataset'
import type { FairnessMetrics } from '../../shared/metrics'
import { AppFailure } from '../../shared/result'

export const INTERSECTION_SEPARATOR = '×'

export interface AttributeOptions {
  intersections?: string[][] | undefined
  minGroupSize?: number | undefined
  smallGroups?: 'merge' | 'exclude' | undefined
}

/** What the small-group rule did to one attribute (copied into its fairness metrics). */
export type SmallGroupNote = NonNullable<FairnessMetrics['smallGroups']>

export interface DerivedAttributes {
  data: DatasetData
  /** Per attribute name, present when the small-group rule changed it. */
  notes: Map<string, SmallGroupNote>
}

/** Problems with `protocol.intersections` (unknown names, an attribute twice), field-named. */
export function intersectionProblems(data: DatasetData, options: AttributeOptions): { field: string; message: string }[] {
  const known = new Set(data.attributes.map((a) => a.name))
  const problems: { field: string; message: string }[] = []
  options.intersections?.forEach((parts, i) => {
    parts.forEach((name, j) => {
      if (!known.has(name)) {
        problems.push({
          field: `protocol.intersections[${i}][${j}]`,
          message: `"${name}" is not an attribute of this dataset (attributes: ${[...known].map((n) => `"${n}"`).join(', ') || 'none'}).`,
        })
      }
    })
    if (new Set(parts).size !== parts.length) problems.push({ field: `protocol.intersections[${i}]`, message: `names an attribute twice (${parts.join(', ')}).` })
  })
  return problems
}

/** The intersection of `parts` (all of the same length). */
export function intersectAttributes(parts: readonly AttributeData[]): AttributeData {
  const n = parts[0]?.values.length ?? 0
  const codeOf = new Map<string, number>()
  const keys: number[][] = []
  const raw = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const combo = parts.map((a) => a.values[i] as number)
    if (combo.some((v) => v < 0)) {
      raw[i] = -1
      continue
    }
    const key = combo.join(',')
    let code = codeOf.get(key)
    if (code === undefined) {
      code = keys.length
      codeOf.set(key, code)
      keys.push(combo)
    }
    raw[i] = code
  }
  // Order groups lexicographically by the parts' group indices, so names do not depend on row order.
  const order = keys.map((_, c) => c).sort((p, q) => {
    const a = keys[p]!
    const b = keys[q]!
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! - b[k]!
    return 0
  })
  const rank = new Int32Array(keys.length)
  order.forEach((c, r) => (rank[c] = r))
  return {
    name: parts.map((a) => a.name).join(INTERSECTION_SEPARATOR),
    groups: order.map((c) => keys[c]!.map((v, k) => parts[k]!.groups[v] ?? String(v)).join(INTERSECTION_SEPARATOR)),
    values: Int32Array.from(raw, (v) => (v < 0 ? -1 : rank[v]!)),
  }
}

/** Applies the small-group rule to one attribute; returns it unchanged (and no note) when nothing is small. */
export function applyMinGroupSize(attr: AttributeData, minSize: number, rule: 'merge' | 'exclude'): { attribute: AttributeData; note?: SmallGroupNote } {
  const counts = attr.groups.map(() => 0)
  for (const v of attr.values) if (v >= 0) counts[v]!++
  const small = counts.flatMap((c, g) => (c > 0 && c < minSize ? [g] : []))
  const empty = counts.flatMap((c, g) => (c === 0 ? [g] : []))
  if (small.length === 0 && empty.length === 0) return { attribute: attr }
  const kept = counts.flatMap((c, g) => (c >= minSize ? [g] : []))
  const mergedName = `other (<${minSize})`
  const merging = rule === 'merge' && small.length > 0
  const groups = [...kept.map((g) => attr.groups[g]!), ...(merging ? [mergedName] : [])]
  const map = new Int32Array(attr.groups.length).fill(-1)
  kept.forEach((g, k) => (map[g] = k))
  if (merging) for (const g of small) map[g] = kept.length
  const attribute = { name: attr.name, groups, values: Int32Array.from(attr.values, (v) => (v < 0 ? -1 : map[v]!)) }
  if (small.length === 0) return { attribute }
  return {
    attribute,
    note: {
      minSize,
      rule,
      groups: small.map((g) => ({ name: attr.groups[g]!, count: counts[g]! })),
      ...(merging ? { mergedInto: mergedName } : {}),
    },
  }
}

/**
 * The dataset with intersectional attributes appended and the small-group rule applied.
 * @throws AppFailure('VALIDATION') naming `protocol.intersections[i][j]` for an unknown attribute
 */
export function deriveAttributes(data: DatasetData, options: AttributeOptions): DerivedAttributes {
  const problems = intersectionProblems(data, options)
  if (problems.length > 0) {
    const lines = problems.map((p) => `${p.field}: ${p.message}`)
    throw AppFailure.of('VALIDATION', `The protocol's intersections are invalid:\n  ${lines.join('\n  ')}`, { details: lines, location: { field: problems[0]!.field } })
  }
  const byName = new Map(data.attributes.map((a) => [a.name, a]))
  let attributes = [...data.attributes]
  for (const parts of options.intersections ?? []) {
    const derived = intersectAttributes(parts.map((p) => byName.get(p)!))
    if (!attributes.some((a) => a.name === derived.name)) attributes.push(derived)
  }
  const notes = new Map<string, SmallGroupNote>()
  const minSize = options.minGroupSize ?? 0
  if (minSize > 0) {
    attributes = attributes.map((a) => {
      const r = applyMinGroupSize(a, minSize, options.smallGroups ?? 'merge')
      if (r.note) notes.set(a.name, r.note)
      return r.attribute
    })
  }
  const unchanged = attributes.length === data.attributes.length && attributes.every((a, i) => a === data.attributes[i])
  return { data: unchanged ? data : { ...data, attributes }, notes }
}
