/**
 * The demo dataset the e2e tests import through the wizard, written as CSV, and what the UI must
 * show for it (class counts, sex × class crosstab), computed independently from the generator.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import type { DatasetData } from '../../src/shared/dataset'
import { generateDemoDataset, writeDemoCsv } from '../../src/main/data/synthetic'

export const DEMO_SEED = 7
export const DEMO_SAMPLES = 240

export interface DemoCsv {
  file: string
  data: DatasetData
  /** Header names, in file order. */
  header: string[]
}

export function writeDemoCsvFile(dir: string, name = 'demo.csv'): DemoCsv {
  const data = generateDemoDataset({ seed: DEMO_SEED, samples: DEMO_SAMPLES })
  const text = writeDemoCsv(data)
  const file = path.join(dir, name)
  writeFileSync(file, text)
  return { file, data, header: (text.slice(0, text.indexOf('\n')) || '').split(',') }
}

/**
 * The demo CSV with one cell replaced by `value`: `line` is the 1-based line of the file (the
 * header is line 1), `column` a header name. Returns the file path.
 */
export function writeCorruptedCsv(dir: string, line: number, column: string, value: string, name = 'bad.csv'): string {
  const data = generateDemoDataset({ seed: DEMO_SEED, samples: DEMO_SAMPLES })
  const lines = writeDemoCsv(data).split('\n')
  const header = (lines[0] ?? '').split(',')
  const col = header.indexOf(column)
  const cells = (lines[line - 1] ?? '').split(',')
  if (col < 0 || cells.length !== header.length) throw new Error(`cannot corrupt line ${line}, column ${column}`)
  cells[col] = value
  lines[line - 1] = cells.join(',')
  const file = path.join(dir, name)
  writeFileSync(file, lines.join('\n'))
  return file
}

/** Counts per class, in class order. */
export function classCounts(data: DatasetData): number[] {
  const counts = data.classNames.map(() => 0)
  for (const y of data.labels) counts[y]!++
  return counts
}

/** Attribute groups × classes counts of the first attribute. */
export function crosstab(data: DatasetData): { groups: string[]; counts: number[][] } {
  const attr = data.attributes[0]!
  const counts = attr.groups.map(() => data.classNames.map(() => 0))
  data.labels.forEach((y, i) => {
    const g = attr.values[i]!
    if (g >= 0) counts[g]![y]!++
  })
  return { groups: attr.groups, counts }
}
