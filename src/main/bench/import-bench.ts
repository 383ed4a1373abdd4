/**
 * Import-speed benchmark: writes a temporary BRCA-sized numeric CSV (875 samples × 2500
 * features, plus an id and a label column; ~21 MB, values with 6 decimals), imports it through
 * the normal `csv` path (three modalities by column range) and reports the median of 3 runs.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { ImportSpecInput } from '../../shared/import'
import { importDataset } from '../services/datasets/import'
import { createRng } from '../util/rng'

const ROWS = 875
const FEATURES = 2500

/** The CSV text: `id,label,g1..g2500`, values ~N(0, 1) written with 6 decimals. */
export function benchCsv(rows = ROWS, features = FEATURES, seed = 7): string {
  const rng = createRng(seed)
  const lines: string[] = [['id', 'label', ...Array.from({ length: features }, (_, j) => `g${j + 1}`)].join(',')]
  const cells = new Array<string>(features + 2)
  for (let i = 0; i < rows; i++) {
    cells[0] = `S${String(i + 1).padStart(4, '0')}`
    cells[1] = String(i % 5)
    for (let j = 0; j < features; j++) cells[j + 2] = (rng.normal() * 2).toFixed(6)
    lines.push(cells.join(','))
  }
  return `${lines.join('\n')}\n`
}

export async function benchImport(): Promise<{ name: string; value: number; unit: string }[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'equimodal-bench-'))
  try {
    const file = path.join(dir, 'bench.csv')
    await writeFile(file, benchCsv())
    const bytes = (await stat(file)).size
    const spec: ImportSpecInput = {
      format: 'csv',
      name: 'bench',
      file,
      idColumn: 'id',
      labelColumn: 'label',
      modalities: [
        { name: 'a', range: { from: 'g1', to: 'g1000' } },
        { name: 'b', range: { from: 'g1001', to: 'g2000' } },
        { name: 'c', range: { from: 'g2001', to: `g${FEATURES}` } },
      ],
    }
    const times: number[] = []
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now()
      const { data } = await importDataset(spec)
      times.push((performance.now() - t0) / 1000)
      if (data.ids.length !== ROWS) throw new Error(`benchmark import read ${data.ids.length} rows instead of ${ROWS}`)
    }
    const median = [...times].sort((a, b) => a - b)[1]!
    const mb = bytes / 1e6
    return [
      { name: `import ${ROWS}×${FEATURES} CSV (${mb.toFixed(1)} MB), median of 3`, value: median, unit: 's' },
      { name: `import ${ROWS}×${FEATURES} CSV, throughput`, value: mb / median, unit: 'MB/s' },
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
