/**
 * Composes an arm's method references into the ordered list the trainer runs: resolves ids, parses
 * options, orders by `order`, refuses exclusive-stage clashes and declared conflicts, warns about
 * stacked gradient methods, and records which method acts at which stage (the trace).
 */
import type { MethodRef } from '../../../shared/experiment'
import { formatZodError } from '../../../shared/experiment'
import { AppFailure } from '../../../shared/result'
import { EXCLUSIVE_STAGES, type MethodDefinition, type Stage } from './method'
import type { MethodSpec } from './method-runtime'

/** Stages in the order the trainer reaches them (see ../README.md). */
export const STAGE_ORDER: readonly Stage[] = ['planEpoch', 'transformBatch', 'buildHead', 'loss', 'extraLoss', 'modulateGradients', 'observe']

const STAGE_ROLE: Record<Stage, string> = {
  planEpoch: 'choose the samples of each epoch',
  transformBatch: 'rewrite each batch',
  buildHead: 'supply the fusion head',
  loss: 'replace the classification loss',
  extraLoss: 'add a loss term',
  modulateGradients: 'rescale the gradients',
  observe: 'observe training',
}

/** Which methods act at one stage, in the order they run there. */
export interface TraceEntry {
  stage: Stage
  methods: string[]
}

export interface Composition {
  /** Pipeline order, options parsed (defaults filled). */
  methods: MethodSpec[]
  warnings: string[]
  trace: TraceEntry[]
}

type AnyMethodRef = Pick<MethodRef, 'method'> & { options?: MethodRef['options'] }

function resolve(refs: readonly AnyMethodRef[], registry: ReadonlyMap<string, MethodDefinition>): MethodSpec[] {
  const known = [...registry.keys()].sort()
  const seen = new Map<string, number>()
  return refs.map((ref, i) => {
    const def = registry.get(ref.method)
    if (!def) {
      throw AppFailure.of('VALIDATION', `methods[${i}].method: unknown method "${ref.method}"; known methods: ${known.join(', ') || '(none)'}.`, {
        location: { field: `methods[${i}].method` },
      })
    }
    const first = seen.get(def.id)
    if (first !== undefined) {
      throw AppFailure.of('CONFLICT', `methods[${i}]: "${def.id}" is already selected as methods[${first}]; a method can appear once per arm.`, {
        location: { field: `methods[${i}].method` },
      })
    }
    seen.set(def.id, i)
    const parsed = def.options.safeParse(ref.options ?? {})
    if (!parsed.success) {
      const lines = formatZodError(parsed.error, `methods[${i}].options.`)
      const field = lines[0]?.split(':')[0] ?? `methods[${i}].options`
      throw AppFailure.of('VALIDATION', `Invalid options for method "${def.id}": ${lines.join('; ')}`, { location: { field }, details: lines })
    }
    return { def, options: parsed.data }
  })
}

function checkConflicts(specs: readonly MethodSpec[]): void {
  for (const stage of EXCLUSIVE_STAGES) {
    const owners = specs.filter((s) => s.def.stages.includes(stage)).map((s) => `"${s.def.id}"`)
    if (owners.length > 1) {
      throw AppFailure.of(
        'CONFLICT',
        `${owners.join(' and ')} cannot be combined: each would ${STAGE_ROLE[stage]} (stage "${stage}"), and only one method may own that stage. Keep one of them.`,
      )
    }
  }
  for (const a of specs) {
    for (const b of specs) {
      const reason = a.def.conflicts?.[b.def.id]
      if (reason) throw AppFailure.of('CONFLICT', `"${a.def.id}" cannot be combined with "${b.def.id}": ${reason}`)
    }
  }
}

/** Which method runs at which stage, in run order (observe on end events runs in reverse). */
export function traceOf(specs: readonly MethodSpec[]): TraceEntry[] {
  return STAGE_ORDER.map((stage) => ({ stage, methods: specs.filter((s) => s.def.stages.includes(stage)).map((s) => s.def.id) })).filter(
    (t) => t.methods.length > 0,
  )
}

/**
 * Resolves and checks an arm's methods.
 *
 * @param refs `{ method, options }` as in the experiment config
 * @param registry id → definition (methods/index.ts `loadMethodRegistry`)
 * @returns the methods in run order (stable sort by `order`, default 0), warnings, and the stage trace
 * @throws AppFailure('VALIDATION') for an unknown id (listing the known ids) or invalid options
 *   (naming `methods[i].options.<field>`)
 * @throws AppFailure('CONFLICT') for a repeated method, two owners of an exclusive stage, or a declared conflict
 */
export function composeMethods(refs: readonly AnyMethodRef[], registry: ReadonlyMap<string, MethodDefinition>): Composition {
  const specs = resolve(refs, registry)
  checkConflicts(specs)
  const methods = specs
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.def.order ?? 0) - (b.s.def.order ?? 0) || a.i - b.i)
    .map(({ s }) => s)
  const warnings: string[] = []
  const gradient = methods.filter((s) => s.def.stages.includes('modulateGradients')).map((s) => `"${s.def.id}"`)
  if (gradient.length > 1) {
    warnings.push(`${gradient.join(' and ')} ${gradient.length === 2 ? 'both' : 'all'} modulate gradients; their changes compound in this order (each sees the previous one's gradients).`)
  }
  return { methods, warnings, trace: traceOf(methods) }
}

/** Model settings a method may require (`MethodDefinition.requires`), with the config field that provides each. */
const REQUIREMENT_FIELD = { unimodalHeads: 'model.unimodalHeads' } as const

/**
 * Checks that the model config provides what every method requires.
 * @throws AppFailure('CONFLICT') naming the method, the missing model setting and the method's reason
 */
export function checkRequirements(specs: readonly Pick<MethodSpec, 'def'>[], model: { unimodalHeads?: boolean }): void {
  for (const s of specs) {
    const reason = s.def.requires?.unimodalHeads
    if (reason && !model.unimodalHeads) {
      throw AppFailure.of(
        'CONFLICT',
        `"${s.def.id}" requires per-modality classifier heads: set ${REQUIREMENT_FIELD.unimodalHeads} to true (it applies to every arm, so the arms stay comparable). Reason: ${reason}`,
        { location: { field: REQUIREMENT_FIELD.unimodalHeads } },
      )
    }
  }
}
