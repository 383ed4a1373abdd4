/**
 * The main side's view of the registered methods: the catalog (ids, kinds, summaries, option
 * schemas) and the composition check run before an experiment starts.
 */
import { z } from 'zod'
import type { Arm, ModelConfig } from '../../../shared/experiment'
import { AppFailure } from '../../../shared/result'
import type { MethodCatalogEntry } from '../../../shared/runs'
import { checkRequirements, composeMethods } from '../engine/pipeline'
import type { MethodDefinition } from '../engine/method'
import { loadMethodRegistry } from '../methods/index'

let registryPromise: Promise<ReadonlyMap<string, MethodDefinition>> | undefined
export const methodRegistry = (): Promise<ReadonlyMap<string, MethodDefinition>> => (registryPromise ??= loadMethodRegistry())

export async function methodCatalog(): Promise<MethodCatalogEntry[]> {
  const registry = await methodRegistry()
  return [...registry.values()]
    .map((d) => ({
      id: d.id,
      title: d.title,
      kind: d.kind,
      summary: d.summary,
      paper: d.paper,
      stages: [...d.stages],
      options: z.toJSONSchema(d.options, { io: 'input', unrepresentable: 'any' }),
    }))
    .sort((a, b) => a.id.localeCompare(b.id))
}

/**
 * Throws the composition error of the first arm that cannot run; returns warnings per arm.
 * @param model when given, also checks the methods' model requirements (e.g. unimodal heads)
 */
export async function checkArms(arms: Arm[], model?: Pick<ModelConfig, 'unimodalHeads'>): Promise<string[]> {
  const registry = await methodRegistry()
  const warnings: string[] = []
  arms.forEach((arm, i) => {
    try {
      const { methods, warnings: w } = composeMethods(arm.methods, registry)
      if (model) checkRequirements(methods, model)
      for (const line of w) warnings.push(`arm "${arm.name}": ${line}`)
    } catch (e) {
      if (!(e instanceof AppFailure)) throw e
      throw AppFailure.of(e.error.code, `arms[${i}] ("${arm.name}"): ${e.error.message}`, { details: e.error.details, location: { field: `arms[${i}].methods` } })
    }
  })
  return warnings
}
