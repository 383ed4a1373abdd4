/**
 * MOGONET folders: `1_tr.csv … M_tr.csv`, `1_te.csv … M_te.csv`, `labels_tr.csv`,
 * `labels_te.csv` and optional `k_featname.csv`. Headerless, comma-separated, row i of every
 * `_tr` file is the same sample (same for `_te`); numbers as numpy writes them (`%.18e`), labels
 * too. The shipped split is kept (train rows first, split 0; then test rows, split 1); ids are
 * `tr-<row>` / `te-<row>`.
 *
 * Modalities are discovered from the numbered files (any of `k_tr`, `k_te`, `k_featname`); every
 * missing file is named in one message.
 */
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import type { DatasetData, ModalityData } from '../../../../shared/dataset'
import type { MogonetImport } from '../../../../shared/import'
import { MissingTracker } from './build'
import { applyMissingPolicy, checkClassSizes } from './checks'
import { parseDelimited, type TextTable } from './delimited'
import { badInput, invalidSpec, plural, showValue } from './errors'
import { readTextFile } from './read-text'
import { MissingTokens, cellWhere } from './table'
import type { ImportOutput } from './tabular'

const NUMBERED = /^(\d+)_(tr|te|featname)\.csv$/

export async function importMogonet(spec: MogonetImport, baseDir: string): Promise<ImportOutput> {
  const folder = path.resolve(baseDir, spec.folder)
  let names: string[]
  try {
    if (!(await stat(folder)).isDirectory()) throw badInput({ file: folder }, 'this is a file; a MOGONET import needs the folder holding 1_tr.csv … labels_te.csv.')
    names = await readdir(folder)
  } catch (e) {
    if (e instanceof Error && e.name === 'AppFailure') throw e
    throw badInput({ file: folder }, 'MOGONET folder not found.')
  }
  const present = new Set(names)
  let m = spec.modalityNames?.length ?? 0
  for (const name of names) {
    const match = NUMBERED.exec(name)
    if (match && Number(match[1]) > m) m = Number(match[1])
  }
  if (m === 0) throw badInput({ file: folder }, 'no MOGONET data files here (expected 1_tr.csv, 1_te.csv, …, labels_tr.csv, labels_te.csv).')
  const required = ['labels_tr.csv', 'labels_te.csv']
  for (let k = 1; k <= m; k++) required.push(`${k}_tr.csv`, `${k}_te.csv`)
  const missingFiles = required.filter((f) => !present.has(f)).sort(mogonetOrder)
  if (missingFiles.length) {
    const paths = missingFiles.map((f) => path.join(folder, f))
    throw badInput(
      { file: folder },
      `the MOGONET folder is missing ${plural(missingFiles.length, 'file')}: ${missingFiles.join(', ')} (modalities 1–${m} need k_tr.csv and k_te.csv, plus labels_tr.csv and labels_te.csv).`,
      paths,
    )
  }
  if (spec.modalityNames && spec.modalityNames.length !== m)
    throw invalidSpec({ file: folder, field: 'modalityNames' }, `the folder has ${m} modalities (up to ${m}_tr.csv) but "modalityNames" gives ${spec.modalityNames.length} names.`)

  const tokens = new MissingTokens(spec.missingTokens)
  const read = async (name: string): Promise<TextTable> => {
    const file = path.join(folder, name)
    return parseDelimited(await readTextFile(file), { file, delimiter: ',', header: false, missing: tokens })
  }
  const [labTr, labTe] = await Promise.all([read('labels_tr.csv'), read('labels_te.csv')])
  const parts = await Promise.all(
    Array.from({ length: m }, async (_, k) => {
      const [tr, te] = await Promise.all([read(`${k + 1}_tr.csv`), read(`${k + 1}_te.csv`)])
      const featFile = `${k + 1}_featname.csv`
      const featnames = present.has(featFile) ? await readFeatureNames(path.join(folder, featFile)) : undefined
      return { tr, te, featnames, featFile: path.join(folder, featFile) }
    }),
  )

  // Row counts must agree within each part (all disagreements in one message).
  const mismatches: string[] = []
  for (const [labels, kind] of [
    [labTr, 'tr'],
    [labTe, 'te'],
  ] as const) {
    parts.forEach((p, k) => {
      const t = kind === 'tr' ? p.tr : p.te
      if (t.rowCount !== labels.rowCount) mismatches.push(`${k + 1}_${kind}.csv has ${plural(t.rowCount, 'row')} but labels_${kind}.csv has ${labels.rowCount}`)
    })
  }
  if (mismatches.length)
    throw badInput({ file: folder }, `row counts disagree between the MOGONET files (row i of each file must be the same sample): ${mismatches.join('; ')}.`, mismatches)
  for (const t of [labTr, labTe]) if (t.columns.length !== 1) throw badInput({ file: t.file, row: 1 }, `a labels file has one value per row; this one has ${t.columns.length} columns.`)

  const nTr = labTr.rowCount
  const nTe = labTe.rowCount
  const n = nTr + nTe
  const rawLabels = new Int32Array(n)
  let maxLabel = 0
  for (const [t, offset] of [
    [labTr, 0],
    [labTe, nTr],
  ] as const) {
    for (let r = 0; r < t.rowCount; r++) {
      if (t.isMissing(r, 0)) throw badInput(cellWhere(t, r, 0), 'missing label; every sample needs a class.')
      const v = t.numberAt(r, 0)
      if (!Number.isInteger(v) || v < 0) throw badInput(cellWhere(t, r, 0), `label ${showValue(t.cell(r, 0))} is not a class number (0, 1, 2, …).`)
      rawLabels[offset + r] = v
      if (v > maxLabel) maxLabel = v
    }
  }
  if (spec.classNames && spec.classNames.length <= maxLabel)
    throw invalidSpec({ file: folder, field: 'classNames' }, `the labels go up to ${maxLabel} but "classNames" names only ${spec.classNames.length} classes.`)
  const classNames = spec.classNames ?? Array.from({ length: maxLabel + 1 }, (_, k) => String(k))
  if (maxLabel === 0 || new Set(rawLabels).size < 2)
    throw badInput({ file: path.join(folder, 'labels_tr.csv') }, `all ${n} labels (train and test) are the same class (${maxLabel}); a classifier needs at least two classes.`)

  const missing = new MissingTracker()
  const modalities: ModalityData[] = parts.map((p, k) => {
    const d = p.tr.columns.length
    if (p.te.columns.length !== d)
      throw badInput({ file: p.te.file, row: 1 }, `${plural(p.te.columns.length, 'column')}, but ${k + 1}_tr.csv has ${d}; train and test matrices of a modality need the same features.`)
    if (p.featnames && p.featnames.length !== d)
      throw badInput({ file: p.featFile }, `${plural(p.featnames.length, 'feature name')} for ${plural(d, 'column')} in ${k + 1}_tr.csv.`)
    const values = new Float32Array(n * d)
    for (const [t, offset] of [
      [p.tr, 0],
      [p.te, nTr],
    ] as const) {
      for (let r = 0; r < t.rowCount; r++) {
        const base = (offset + r) * d
        for (let c = 0; c < d; c++) {
          const v = t.numberAt(r, c)
          values[base + c] = v
          if (v !== v) missing.add(1, () => cellWhere(t, r, c))
        }
      }
    }
    return {
      name: spec.modalityNames?.[k] ?? `modality${k + 1}`,
      featureNames: p.featnames ?? Array.from({ length: d }, (_, j) => `f${j + 1}`),
      values,
    }
  })

  const warnings: string[] = []
  const split = new Uint8Array(n)
  split.fill(1, nTr)
  const data: DatasetData = {
    ids: [...Array.from({ length: nTr }, (_, i) => `tr-${i + 1}`), ...Array.from({ length: nTe }, (_, i) => `te-${i + 1}`)],
    classNames,
    labels: rawLabels,
    modalities,
    attributes: [],
    split,
  }
  applyMissingPolicy(spec, missing, warnings)
  checkClassSizes(data, 2)
  return { data, warnings }
}

/** One name per line, no header (a trailing newline and `\r` are fine). */
async function readFeatureNames(file: string): Promise<string[]> {
  const lines = (await readTextFile(file)).split(/\r?\n|\r/)
  while (lines.length && lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** labels first, then by modality number, `tr` before `te`. */
function mogonetOrder(a: string, b: string): number {
  const key = (f: string): [number, number] => {
    const match = /^(\d+)_(tr|te)/.exec(f)
    if (!match) return [0, f.endsWith('tr.csv') ? 0 : 1]
    return [Number(match[1]), match[2] === 'tr' ? 0 : 1]
  }
  const [a1, a2] = key(a)
  const [b1, b2] = key(b)
  return a1 - b1 || a2 - b2
}
