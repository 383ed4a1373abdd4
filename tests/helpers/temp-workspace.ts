/** A throw-away workspace folder with the demo dataset stored, for integration tests. */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { summarizeDataset } from '../../src/shared/dataset'
import type { ExperimentConfigInput } from '../../src/shared/experiment'
import { generateDemoDataset } from '../../src/main/data/synthetic'
import { openWorkspace, saveDataset, type Workspace } from '../../src/main/services/workspace'

export const repoRoot = path.resolve(import.meta.dirname, '../..')

export function tempDir(prefix = 'equimodal-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export async function workspaceWithDemo(dir: string, samples = 240): Promise<Workspace> {
  const ws = await openWorkspace(dir)
  const data = generateDemoDataset({ seed: 5, samples })
  await saveDataset(ws, summarizeDataset(data, { id: 'tiny', name: 'tiny', source: 'test', format: 'synthetic' }), data)
  return ws
}

/** A small, fast experiment on the `tiny` dataset. */
export function tinyExperiment(overrides: Partial<ExperimentConfigInput> = {}): ExperimentConfigInput {
  return {
    version: 1,
    name: 'tiny',
    dataset: 'tiny',
    protocol: { kind: 'kfold', folds: 3 },
    seeds: [1],
    model: { hidden: [16], dropout: 0 },
    training: { epochs: 6, batchSize: 32, patience: 0 },
    arms: [
      { name: 'baseline', methods: [] },
      { name: 'wce', methods: [{ method: 'weighted-ce', options: {} }] },
    ],
    ...overrides,
  }
}
