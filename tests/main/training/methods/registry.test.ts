/** The method registry: the Vite glob path (vitest) and the directory-scan path (plain Node/tsx) find the same methods. */
import { describe, expect, it } from 'vitest'
import { loadMethodRegistry, registryFromModules, scanMethodModules } from '../../../../src/main/training/methods/index'
import type { MethodDefinition } from '../../../../src/main/training/engine/method'

const EXPECTED = ['focal-loss', 'random-undersampling', 'weighted-ce']

describe('method registry', () => {
  it('loads every method folder by id', async () => {
    const registry = await loadMethodRegistry()
    expect([...registry.keys()].sort()).toEqual(expect.arrayContaining(EXPECTED))
    for (const [id, def] of registry) expect(def.id).toBe(id)
  })

  it('finds the same ids by scanning the directory (the tsx fallback)', async () => {
    const scanned = registryFromModules(await scanMethodModules())
    const globbed = await loadMethodRegistry()
    expect([...scanned.keys()].sort()).toEqual([...globbed.keys()].sort())
  })

  it('refuses a module whose id differs from its folder, and a missing default export', () => {
    const def = { id: 'a', create: () => ({}) } as unknown as MethodDefinition
    expect(() => registryFromModules({ './b/index.ts': { default: def } })).toThrow(/folder must be named after the id/)
    expect(() => registryFromModules({ './a/index.ts': {} })).toThrow(/must default-export/)
    expect(registryFromModules({ './a/index.ts': { default: def } }).get('a')).toBe(def)
  })
})
