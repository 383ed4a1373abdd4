/**
 * Reads a method's options schema (zod 4 `z.toJSONSchema`, io "input") into form fields, and
 * validates/parses what the user types. Pure functions, so `SchemaForm.vue` stays a thin view.
 */
import { humanize, parseNumberList } from './format'

export interface NumberRule {
  integer: boolean
  min?: number
  max?: number
  exclusiveMin?: number
  exclusiveMax?: number
}

interface FieldBase {
  name: string
  label: string
  /** The schema's description, shown as help text. */
  help?: string
  required: boolean
  default?: unknown
}

export type SimpleField =
  | (FieldBase & { kind: 'number'; rule: NumberRule })
  | (FieldBase & { kind: 'boolean' })
  | (FieldBase & { kind: 'enum'; options: string[] })
  | (FieldBase & { kind: 'string' })
  | (FieldBase & { kind: 'number-array'; rule: NumberRule })
  /** Anything else: edited as JSON text. */
  | (FieldBase & { kind: 'json' })

/** `anyOf` of string enums and (at most) one other shape, e.g. `"none" | "balanced" | number[]`. */
export type ChoiceField = FieldBase & { kind: 'choice'; options: string[]; other: SimpleField | null }

export type FieldSpec = SimpleField | ChoiceField

type Json = Record<string, unknown>
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
/** A finite bound; zod's ±MAX_SAFE_INTEGER bounds of `.int()` are noise in a form and dropped. */
const numOrUndef = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < Number.MAX_SAFE_INTEGER ? v : undefined

function numberRule(s: Json): NumberRule {
  const rule: NumberRule = { integer: s.type === 'integer' }
  const min = numOrUndef(s.minimum)
  const max = numOrUndef(s.maximum)
  const emin = numOrUndef(s.exclusiveMinimum)
  const emax = numOrUndef(s.exclusiveMaximum)
  if (min !== undefined) rule.min = min
  if (max !== undefined) rule.max = max
  if (emin !== undefined) rule.exclusiveMin = emin
  if (emax !== undefined) rule.exclusiveMax = emax
  return rule
}

function typeOf(s: Json): string | undefined {
  if (typeof s.type === 'string') return s.type
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null') as string | undefined
  if (Array.isArray(s.enum)) return 'string'
  if ('const' in s && typeof s.const === 'string') return 'string'
  return undefined
}

function simpleField(base: FieldBase, s: Json): SimpleField {
  const type = typeOf(s)
  if (type === 'number' || type === 'integer') return { ...base, kind: 'number', rule: numberRule(s) }
  if (type === 'boolean') return { ...base, kind: 'boolean' }
  if (type === 'string' && Array.isArray(s.enum) && s.enum.every((v) => typeof v === 'string')) return { ...base, kind: 'enum', options: s.enum as string[] }
  if (type === 'string' && typeof s.const === 'string') return { ...base, kind: 'enum', options: [s.const] }
  if (type === 'string') return { ...base, kind: 'string' }
  if (type === 'array' && isObj(s.items)) {
    const it = typeOf(s.items)
    if (it === 'number' || it === 'integer') return { ...base, kind: 'number-array', rule: numberRule(s.items) }
  }
  return { ...base, kind: 'json' }
}

function field(name: string, s: Json, required: boolean): FieldSpec {
  const base: FieldBase = { name, label: humanize(name), required }
  if (typeof s.description === 'string') base.help = s.description
  if ('default' in s) base.default = s.default
  const variants = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : null)?.filter(isObj).filter((v) => v.type !== 'null')
  if (!variants) return simpleField(base, s)
  if (variants.length === 1) return simpleField(base, { ...variants[0], description: s.description })
  const options: string[] = []
  const others: Json[] = []
  for (const v of variants) {
    if (typeOf(v) === 'string' && Array.isArray(v.enum)) options.push(...(v.enum as unknown[]).filter((x): x is string => typeof x === 'string'))
    else if (typeof v.const === 'string') options.push(v.const)
    else others.push(v)
  }
  if (options.length === 0 || others.length > 1) return { ...base, kind: 'json' }
  return { ...base, kind: 'choice', options, other: others[0] ? simpleField({ ...base, required: false }, others[0]) : null }
}

/** The fields of an object schema, in declaration order. A non-object schema gives none. */
export function describeSchema(schema: unknown): FieldSpec[] {
  if (!isObj(schema) || !isObj(schema.properties)) return []
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [])
  return Object.entries(schema.properties)
    .filter((e): e is [string, Json] => isObj(e[1]))
    .map(([name, s]) => field(name, s, required.has(name)))
}

/** Every default of the schema, as the options object a new method starts with. */
export function defaultsOf(schema: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of describeSchema(schema)) if (f.default !== undefined) out[f.name] = structuredClone(f.default)
  return out
}

/** Why `v` breaks `rule`, or null. */
export function checkNumber(v: number, rule: NumberRule): string | null {
  if (!Number.isFinite(v)) return 'must be a number'
  if (rule.integer && !Number.isInteger(v)) return 'must be a whole number'
  if (rule.min !== undefined && v < rule.min) return `must be ≥ ${rule.min}`
  if (rule.max !== undefined && v > rule.max) return `must be ≤ ${rule.max}`
  if (rule.exclusiveMin !== undefined && v <= rule.exclusiveMin) return `must be > ${rule.exclusiveMin}`
  if (rule.exclusiveMax !== undefined && v >= rule.exclusiveMax) return `must be < ${rule.exclusiveMax}`
  return null
}

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string }

/**
 * Parses what the user typed for `f`: text for numbers, lists, strings and JSON, a boolean for
 * checkboxes, an option for enums. `{ ok: true, value: undefined }` means "leave the option out".
 */
export function parseInput(f: SimpleField, raw: string | boolean): Parsed {
  if (f.kind === 'boolean') return { ok: true, value: Boolean(raw) }
  const text = String(raw).trim()
  if (text === '') return f.required && f.default === undefined ? { ok: false, error: 'required' } : { ok: true, value: undefined }
  switch (f.kind) {
    case 'number': {
      const v = Number(text)
      const err = checkNumber(v, f.rule)
      return err ? { ok: false, error: err } : { ok: true, value: v }
    }
    case 'number-array': {
      const values = parseNumberList(text)
      if (!values) return { ok: false, error: 'must be numbers separated by commas' }
      for (const [i, v] of values.entries()) {
        const err = checkNumber(v, f.rule)
        if (err) return { ok: false, error: `item ${i + 1} ${err}` }
      }
      return { ok: true, value: values }
    }
    case 'enum':
      return f.options.includes(text) ? { ok: true, value: text } : { ok: false, error: `must be one of ${f.options.join(', ')}` }
    case 'string':
      return { ok: true, value: text }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(text) as unknown }
      } catch {
        return { ok: false, error: 'must be valid JSON' }
      }
  }
}

/** The text an input shows for a stored value. */
export function formatValue(f: SimpleField, v: unknown): string {
  if (v === undefined || v === null) return ''
  if (f.kind === 'number-array' && Array.isArray(v)) return v.join(', ')
  if (f.kind === 'json') return JSON.stringify(v)
  return String(v)
}
