/**
 * The method registry: every `./<method-id>/index.ts` default-exports a `defineMethod(...)`.
 * Under Vite/vitest the folders are found by `import.meta.glob`; under plain Node (tsx: CLI and
 * trainer processes) by scanning this directory. Adding a method = adding a folder.
 */
/// <reference types="vite/client" />
import { readdirSync } from 'node:fs'
import type { MethodDefinition } from '../engine/method'

type MethodModule = { default?: MethodDefinition }

/** Modules found by Vite's glob transform, or undefined when not running under Vite. */
function viteModules(): Record<string, MethodModule> | undefined {
  // Vite rewrites the call below into static imports; in plain Node `import.meta.glob` does not exist.
  if (typeof import.meta.glob !== 'function') return undefined
  return import.meta.glob<MethodModule>('./*/index.ts', { eager: true })
}

/** Modules of every `<folder>/index.ts` next to this file, loaded with dynamic import (plain Node). */
export async function scanMethodModules(dir: URL = new URL('./', import.meta.url)): Promise<Record<string, MethodModule>> {
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
  const out: Record<string, MethodModule> = {}
  for (const folder of folders) {
    const entry = new URL(`./${folder}/index.ts`, dir)
    const present = readdirSync(new URL(`./${folder}/`, dir)).includes('index.ts')
    if (present) out[`./${folder}/index.ts`] = (await import(/* @vite-ignore */ entry.href)) as MethodModule
  }
  return out
}

/**
 * Builds the id → definition map from the modules' default exports.
 * @throws Error when a module has no default export, or two methods share an id, or an id differs from its folder
 */
export function registryFromModules(modules: Record<string, MethodModule>): ReadonlyMap<string, MethodDefinition> {
  const registry = new Map<string, MethodDefinition>()
  for (const [path, mod] of Object.entries(modules).sort(([a], [b]) => a.localeCompare(b))) {
    const def = mod.default
    if (!def || typeof def.create !== 'function') throw new Error(`${path} must default-export defineMethod({...})`)
    const folder = path.split('/')[1]
    if (folder !== def.id) throw new Error(`${path} defines method id "${def.id}"; the folder must be named after the id`)
    if (registry.has(def.id)) throw new Error(`duplicate method id "${def.id}" (${path})`)
    registry.set(def.id, def)
  }
  return registry
}

/** Every registered method by id. */
export async function loadMethodRegistry(): Promise<ReadonlyMap<string, MethodDefinition>> {
  return registryFromModules(viteModules() ?? (await scanMethodModules()))
}
