/**
 * The example import specs (examples/imports/*.json) on the real datasets in ../shared/datasets:
 * sample, class, feature and group counts as their READMEs state them. Skipped, with the reason
 * printed, when that folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { summarizeDataset, type DatasetData, type DatasetMeta } from '../../../../../src/shared/dataset'
import type { ImportSpecInput } from '../../../../../src/shared/import'
import { importDataset } from '../../../../../src/main/services/datasets/import'
import { failure, repoRoot } from './helpers'

const datasetsDir = path.resolve(repoRoot, '../shared/datasets')
const present = existsSync(datasetsDir)
if (!present) console.log(`Skipping the real-dataset import tests: ${datasetsDir} is absent.`)

const example = (name: string): ImportSpecInput => JSON.parse(readFileSync(path.join(repoRoot, 'examples/imports', `${name}.json`), 'utf8')) as ImportSpecInput

async function load(name: string): Promise<{ data: DatasetData; meta: DatasetMeta; warnings: string[] }> {
  const spec = example(name)
  const { data, warnings } = await importDataset(spec, repoRoot)
  return { data, warnings, meta: summarizeDataset(data, { id: name, name, source: name, format: spec.format }) }
}

const classes = (meta: DatasetMeta): Record<string, number> => Object.fromEntries(meta.classes.map((c) => [c.name, c.count]))
const features = (meta: DatasetMeta): Record<string, number> => Object.fromEntries(meta.modalities.map((m) => [m.name, m.features]))
const groups = (meta: DatasetMeta, attribute: string): Record<string, number> => {
  const a = meta.attributes.find((x) => x.name === attribute)!
  return { ...Object.fromEntries(a.groups.map((g) => [g.name, g.count])), ...(a.unknown ? { '(unknown)': a.unknown } : {}) }
}

describe.skipIf(!present)('example import specs on the real datasets', () => {
  it('mogonet-rosmap: 351 samples (NC 169 / AD 182), 3 × 200 features, split 245 / 106', async () => {
    const { meta, warnings } = await load('mogonet-rosmap')
    expect(warnings).toEqual([])
    expect(meta.samples).toBe(351)
    expect(classes(meta)).toEqual({ NC: 169, AD: 182 })
    expect(features(meta)).toEqual({ mRNA: 200, methylation: 200, miRNA: 200 })
    expect(meta.splitCounts).toEqual({ train: 245, test: 106 })
    expect(meta.modalities.every((m) => m.missing === 0)).toBe(true)
  })

  it('mogonet-brca-partial: refused, naming each of the 5 missing matrices', async () => {
    const err = await failure(importDataset(example('mogonet-brca-partial'), repoRoot), 'BAD_INPUT')
    expect(err.message).toMatch(/missing 5 files: 1_tr\.csv, 1_te\.csv, 2_tr\.csv, 2_te\.csv, 3_tr\.csv/)
    expect(err.details?.map((d) => path.basename(d))).toEqual(['1_tr.csv', '1_te.csv', '2_tr.csv', '2_te.csv', '3_tr.csv'])
  })

  it('tcga-lgg: 511 patients (alive 386 / deceased 125); sex and race are attributes, not features', async () => {
    const { data, meta } = await load('tcga-lgg')
    expect(meta.samples).toBe(511)
    expect(classes(meta)).toEqual({ alive: 386, deceased: 125 })
    // clinical: 13 columns minus gender_male, 4 race and 2 ethnicity indicators
    expect(features(meta)).toEqual({ mRNA: 200, miRNA: 100, methylation: 400, clinical: 6 })
    expect(groups(meta, 'sex')).toEqual({ female: 230, male: 281 })
    expect(groups(meta, 'race')).toEqual({ white: 471, 'black or african american': 21, asian: 8, other: 1, '(unknown)': 10 })
    const clinical = data.modalities.find((m) => m.name === 'clinical')!
    expect(clinical.featureNames.some((f) => /gender|race|ethnicity/.test(f))).toBe(false)
    expect(data.ids[0]).toBe('TCGA-CS-4938')
    expect(clinical.values[0]).toBe(Math.fround(-0.47619048))
    expect(meta.modalities.every((m) => m.missing === 0)).toBe(true)
  })

  it('tcga-kipan: 633 patients (early 417 / late 216); sex and race are attributes', async () => {
    const { meta } = await load('tcga-kipan')
    expect(meta.samples).toBe(633)
    expect(classes(meta)).toEqual({ early: 417, late: 216 })
    expect(features(meta)).toEqual({ mRNA: 200, miRNA: 100, clinical: 5 })
    expect(groups(meta, 'sex')).toEqual({ female: 207, male: 426 })
    expect(groups(meta, 'race')).toEqual({ white: 499, 'black or african american': 105, asian: 9, other: 2, '(unknown)': 18 })
  })

  it('diabetes-130: 101,766 encounters of 71,518 patients; readmitted NO / >30 / <30; demographics are not features', async () => {
    const { data, meta } = await load('diabetes-130')
    expect(meta.samples).toBe(101766)
    expect(meta.classes).toEqual([
      { name: 'NO', count: 54864 },
      { name: '>30', count: 35545 },
      { name: '<30', count: 11357 },
    ])
    expect(new Set(data.groups).size).toBe(71518)
    expect(groups(meta, 'race')).toEqual({ Caucasian: 76099, AfricanAmerican: 19210, Hispanic: 2037, Other: 1506, Asian: 641, '(unknown)': 2273 })
    // 'Unknown/Invalid' is declared a missing token in examples/imports/diabetes-130.json
    expect(groups(meta, 'gender')).toEqual({ Female: 54708, Male: 47055, '(unknown)': 3 })
    expect(Object.keys(groups(meta, 'age'))).toHaveLength(10)
    expect(groups(meta, 'age')['[70-80)']).toBe(26068)
    // admission: 8 + 26 + 17 type/disposition/source codes, time_in_hospital, 72 specialties + (missing);
    // labs: 2 counts + 4 + 4 levels; diagnoses: 3 × (20 codes + other + missing) + number_diagnoses;
    // medications: num_medications + 71 drug levels (23 drugs) + change 2 + diabetesMed 2
    expect(features(meta)).toEqual({ admission: 125, utilisation: 3, labs: 10, diagnoses: 67, medications: 76 })
    const names = data.modalities.flatMap((m) => m.featureNames)
    for (const demographic of ['race', 'gender', 'age', 'weight', 'payer_code', 'encounter_id', 'patient_nbr', 'readmitted'])
      expect(names.filter((f) => f === demographic || f.startsWith(`${demographic}=`)), demographic).toEqual([])
    expect(meta.modalities.every((m) => m.missing === 0)).toBe(true)
  })

  it('diabetes-130-readmit30: the binary readmission task (<30 days vs not) from labelClasses, same rows and features', async () => {
    const { data, meta, warnings } = await load('diabetes-130-readmit30')
    // Only the constant-feature note of the 3-class spec; nothing about labels.
    expect(warnings.filter((w) => /label/i.test(w))).toEqual([])
    expect(warnings).toHaveLength(1)
    // 54,864 NO + 35,545 >30 = 90,409 (the counts of the 3-class spec above; dataset README).
    expect(meta.classes).toEqual([
      { name: 'not <30', count: 90409 },
      { name: '<30', count: 11357 },
    ])
    expect(new Set(data.groups).size).toBe(71518)
    expect(features(meta)).toEqual({ admission: 125, utilisation: 3, labs: 10, diagnoses: 67, medications: 76 })
  })
})
