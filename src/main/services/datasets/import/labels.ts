/**
 * Class labels of an import: the label column read through `labelOrder` / `labelNames`, or through
 * `labelClasses` (several raw values merged into one class).
 */
import { badInput, invalidSpec, listSome, plural, showValue } from './errors'
import { lookupKey, naturalCompare, rowFor, type Bound } from './build'
import { cellWhere } from './table'

/** Class index per sample and class names. */
export function buildLabels(
  b: Bound,
  col: number,
  n: number,
  opts: { labelOrder?: string[]; labelNames?: Record<string, string>; labelClasses?: LabelClass[]; field: string },
  warnings: string[],
): { labels: Int32Array; classNames: string[] } {
  if (opts.labelClasses) {
    if (opts.labelOrder || opts.labelNames) throw invalidSpec({ field: 'labelClasses' }, 'use either "labelClasses" or "labelOrder"/"labelNames", not both.')
    return mergedLabels(b, col, n, opts.labelClasses, warnings)
  }
  const { table } = b
  const { raw, distinct } = readLabelValues(b, col, n)
  let order: string[]
  const indexOf = new Map<string, number>()
  if (opts.labelOrder) {
    order = opts.labelOrder
    const orderMap = Object.fromEntries(order.map((v, k) => [v, k]))
    for (const [v, r] of distinct) {
      const k = lookupKey(orderMap, v)
      if (k === undefined)
        throw badInput(cellWhere(table, r, col), `label ${showValue(v)} is not listed in "labelOrder" (${order.map((x) => showValue(x)).join(', ')}).`)
      indexOf.set(v, k)
    }
  } else {
    order = [...distinct.keys()].sort(naturalCompare)
    order.forEach((v, k) => indexOf.set(v, k))
  }
  if (distinct.size < 2) {
    const [only] = distinct.keys()
    throw badInput(
      { file: table.file, column: table.columns[col] },
      `the label column has a single class (${showValue(only ?? '')}, all ${plural(n, 'sample')}); a classifier needs at least two classes.`,
    )
  }
  const classNames = order.map((v) => (opts.labelNames ? (lookupKey(opts.labelNames, v) ?? v) : v))
  if (opts.labelNames) {
    const unused = Object.keys(opts.labelNames).filter((k) => !order.some((v) => lookupKey({ [k]: true }, v)))
    if (unused.length) warnings.push(`"labelNames" lists ${listSome(unused.map((k) => showValue(k)))}, which ${unused.length === 1 ? 'is' : 'are'} not a label value of the data.`)
  }
  const dup = classNames.find((name, k) => classNames.indexOf(name) !== k)
  if (dup !== undefined) throw invalidSpec({ field: 'labelNames' }, `two classes would both be named ${showValue(dup)}.`)
  const labels = new Int32Array(n)
  for (let i = 0; i < n; i++) labels[i] = indexOf.get(raw[i]!)!
  return { labels, classNames }
}

/** A class of `labelClasses`: its name and the raw label values it takes. */
export interface LabelClass {
  name: string
  values: string[]
}

/**
 * Every sample's raw label value and the first row holding each distinct value.
 * @throws AppFailure('BAD_INPUT') for a sample without a label row or with a missing label (file/row/column named)
 */
function readLabelValues(b: Bound, col: number, n: number): { raw: string[]; distinct: Map<string, number> } {
  const { table } = b
  const raw = new Array<string>(n)
  const distinct = new Map<string, number>()
  for (let i = 0; i < n; i++) {
    const r = rowFor(b, i)
    if (r < 0) throw badInput({ file: table.file }, `sample ${i + 1} has no label row.`)
    if (table.isMissing(r, col)) throw badInput(cellWhere(table, r, col), 'missing label; every sample needs a class (remove the row or fill in its label).')
    const v = table.cell(r, col)
    raw[i] = v
    if (!distinct.has(v)) distinct.set(v, r)
  }
  return { raw, distinct }
}

/** Labels through `labelClasses` (several raw values may make one class). */
function mergedLabels(b: Bound, col: number, n: number, classes: LabelClass[], warnings: string[]): { labels: Int32Array; classNames: string[] } {
  const { table } = b
  const classOf: Record<string, number> = {}
  classes.forEach((c, k) => {
    const before = classes.findIndex((o) => o.name === c.name)
    if (before !== k) throw invalidSpec({ field: `labelClasses[${k}].name` }, `two classes are named ${showValue(c.name)}.`)
    for (const v of c.values) {
      const other = lookupKey(classOf, v)
      if (other !== undefined) throw invalidSpec({ field: `labelClasses[${k}].values` }, `label value ${showValue(v)} is listed for both ${showValue(classes[other]!.name)} and ${showValue(c.name)}.`)
      classOf[v] = k
    }
  })
  const { raw, distinct } = readLabelValues(b, col, n)
  const indexOf = new Map<string, number>()
  for (const [v, r] of distinct) {
    const k = lookupKey(classOf, v)
    if (k === undefined) {
      const listed = classes.flatMap((c) => c.values).map((x) => showValue(x))
      throw badInput(cellWhere(table, r, col), `label ${showValue(v)} is not listed in "labelClasses" (${listed.join(', ')}).`)
    }
    indexOf.set(v, k)
  }
  const populated = new Set(indexOf.values())
  const empty = classes.filter((_, k) => !populated.has(k)).map((c) => showValue(c.name))
  if (empty.length) warnings.push(`"labelClasses": no sample has class ${listSome(empty)}.`)
  if (populated.size < 2)
    throw badInput({ file: table.file, column: table.columns[col] }, `"labelClasses" leaves a single class with samples (all ${plural(n, 'sample')}); a classifier needs at least two classes.`)
  return { labels: Int32Array.from(raw, (v) => indexOf.get(v)!), classNames: classes.map((c) => c.name) }
}
