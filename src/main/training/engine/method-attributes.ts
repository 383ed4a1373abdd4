/** Shared by group-fairness methods: resolving the `attribute` option against the method environment. */
import { AppFailure } from '../../../shared/result'
import type { MethodEnv } from './method'

/**
 * Index of the attribute named `name` (the first attribute when `name` is absent) in `env.attributes`.
 * @throws AppFailure('VALIDATION') naming `options.attribute` when the dataset has no attribute or none of that name
 */
export function attributeIndex(env: MethodEnv, name: string | undefined, method: string): number {
  if (env.attributes.length === 0) {
    throw AppFailure.of('VALIDATION', `${method} needs a sensitive attribute, but this dataset has none.`, { location: { field: 'options.attribute' } })
  }
  if (name === undefined) return 0
  const k = env.attributes.findIndex((a) => a.name === name)
  if (k < 0) {
    throw AppFailure.of('VALIDATION', `${method}: no attribute "${name}" (attributes: ${env.attributes.map((a) => a.name).join(', ')}).`, {
      location: { field: 'options.attribute' },
    })
  }
  return k
}
