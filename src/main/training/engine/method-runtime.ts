/**
 * The trainer's side of the method seam: creating instances from definitions, per-method epoch
 * contexts, read-only notifications in Composer's FILO order, and metric collection.
 */
import { formatZodError } from '../../../shared/experiment'
import { AppFailure } from '../../../shared/result'
import { createRng, deriveSeed } from '../../util/rng'
import { EXCLUSIVE_STAGES, type EpochContext, type MethodDefinition, type MethodEnv, type MethodInstance, type RunView, type TrainEvent } from './method'

/** A composed method as the trainer receives it: its definition and options (raw or already parsed). */
export interface MethodSpec {
  def: MethodDefinition
  options: unknown
}

/** A created method instance with its id. */
export interface ActiveMethod {
  id: string
  instance: MethodInstance
}

/** Which instance member implements each stage. */
export const STAGE_MEMBER = {
  planEpoch: 'planEpoch',
  transformBatch: 'transformBatch',
  buildHead: 'buildHead',
  loss: 'loss',
  extraLoss: 'extraLoss',
  modulateGradients: 'modulateGradients',
  observe: 'observe',
} as const satisfies Record<string, keyof MethodInstance>

/**
 * Parses each method's options with its schema and creates the instances, in the given order.
 * @throws AppFailure('VALIDATION') naming `methods[i].options.<field>` when options are invalid
 * @throws AppFailure('CONFLICT') when two instances implement an exclusive stage
 */
export function createMethods(specs: readonly MethodSpec[], env: MethodEnv): ActiveMethod[] {
  const active = specs.map(({ def, options }, i) => {
    const parsed = def.options.safeParse(options ?? {})
    if (!parsed.success) {
      const lines = formatZodError(parsed.error, `methods[${i}].options.`)
      throw AppFailure.of('VALIDATION', `Invalid options for method "${def.id}": ${lines.join('; ')}`, { details: lines })
    }
    return { id: def.id, instance: def.create(parsed.data, env) }
  })
  for (const stage of EXCLUSIVE_STAGES) {
    const owners = active.filter((m) => typeof m.instance[STAGE_MEMBER[stage as keyof typeof STAGE_MEMBER]] === 'function')
    if (owners.length > 1) {
      throw AppFailure.of('CONFLICT', `Methods ${owners.map((m) => `"${m.id}"`).join(' and ')} both implement the exclusive stage "${stage}".`)
    }
  }
  return active
}

/** A fresh context per method and epoch: each method draws from its own seeded stream. */
export function epochContexts(
  methods: readonly ActiveMethod[],
  base: Omit<EpochContext, 'rng'>,
  seed: number,
): EpochContext[] {
  return methods.map((m) => ({ ...base, rng: createRng(deriveSeed(seed, 'method', m.id, base.epoch)) }))
}

const AFTER_EVENTS: ReadonlySet<TrainEvent> = new Set(['batchEnd', 'epochEnd', 'fitEnd'])

/** Calls `observe` in pipeline order for start events and in reverse (FILO) for end events. */
export function notify(methods: readonly ActiveMethod[], event: TrainEvent, view: RunView): void {
  const ordered = AFTER_EVENTS.has(event) ? [...methods].reverse() : methods
  for (const m of ordered) m.instance.observe?.(event, view)
}

/** Every method's `metrics()` as `<method-id>.<name>`; non-finite values are kept (the log shows them). */
export function collectMetrics(methods: readonly ActiveMethod[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const m of methods) {
    const values = m.instance.metrics?.() ?? {}
    for (const [name, v] of Object.entries(values)) out[`${m.id}.${name}`] = v
  }
  return out
}

/** Calls every instance's `dispose`. */
export function disposeMethods(methods: readonly ActiveMethod[]): void {
  for (const m of methods) m.instance.dispose?.()
}
