/**
 * The built-in demo dataset (DESIGN §2): a deterministic synthetic multimodal classification
 * problem with the three imbalances the workbench is about.
 *
 * - **Class imbalance**: 5 classes 'class-A'…'class-E' with long-tailed proportions
 *   0.42 / 0.25 / 0.16 / 0.10 / 0.07 (exact counts by largest remainder, at least 2 per class).
 * - **Modality imbalance**, three modalities of different informativeness:
 *   - `omics` (60 features, strong): a block of 10 shifted features per class for A, B, C; D and E
 *     share one block (omics alone barely tells D from E), plus 20 noise features and 3 shared
 *     nuisance factors (a "batch effect" correlating all features).
 *   - `imaging` (32 features, moderate, complementary): one block of 6 features each for D and
 *     E (what separates the two rare classes), a weak ordinal trend over A→C on 8 more, 12 noise.
 *   - `clinical` (12 features on raw clinical scales — age in years, blood pressure in mmHg… —
 *     weak): small class shifts on age, CRP, albumin, creatinine; haemoglobin and creatinine
 *     also depend on sex (as in real labs).
 * - **Group imbalance**: attribute `sex` with groups 'F' (30 % of every class, the minority) and
 *   'M'. For F, the class signal of omics and imaging is weaker (× 0.75), their noise larger
 *   (sd 1.5 vs 1) and a quarter of the omics features carry a group-specific offset (covariate
 *   shift), so models trained mostly on M serve F worse (lower accuracy/AUC).
 * - **Optional base-rate difference** (`groupPrevalenceShift` s ∈ [−1, 1], default 0 = off): F's
 *   share of the majority class A becomes 0.3·(1 − s) and of every other class 0.3·(1 + s). s > 0:
 *   F has fewer class-A and more rare-class patients; s < 0: F has more class-A and fewer
 *   rare-class patients (the rare conditions are recorded less often in the harder group, as with
 *   under-diagnosis). Either way label and sex are no longer independent. No extra random draws:
 *   s = 0 gives exactly the default dataset.
 *
 * Sample order is shuffled; ids are 'demo-0001'…. No missing values, no split, no groups.
 * Everything derives from `seed` through `createRng(deriveSeed(seed, 'demo', …))`.
 */
import type { DatasetData, ModalityData } from '../../shared/dataset'
import { createRng, deriveSeed } from '../util/rng'

export const demoDatasetInfo = {
  name: 'demo',
  description:
    'Synthetic demo: 5 long-tailed classes (42/25/16/10/7 %), modalities clinical (12, weak), omics (60, strong) and imaging (32, moderate; separates the two rarest classes), attribute sex (F 30 %, harder: noisier, shifted features).',
} as const

export const DEMO_CLASS_PROPORTIONS = [0.42, 0.25, 0.16, 0.1, 0.07] as const
/** Share of the minority (harder) group 'F' in every class. */
export const DEMO_MINORITY_SHARE = 0.3

const CLASS_NAMES = ['class-A', 'class-B', 'class-C', 'class-D', 'class-E']
const SEX_GROUPS = ['F', 'M']
const F = 0

/** Clinical features: name, mean, sd, class shift per class index (in sd units), sex shift (F − M, sd units). */
const CLINICAL: [string, number, number, number[], number][] = [
  ['age', 58, 12, [0, 0.15, 0.3, 0.45, 0.6], 0],
  ['bmi', 27, 4.5, [0, 0, 0, 0, 0], -0.2],
  ['sbp', 132, 16, [0, 0.1, 0.1, 0.2, 0.2], -0.2],
  ['dbp', 81, 10, [0, 0, 0.1, 0.1, 0.1], -0.1],
  ['heart_rate', 74, 11, [0, 0, 0, 0, 0], 0.2],
  ['glucose', 104, 22, [0, 0, 0.15, 0, 0.15], 0],
  ['creatinine', 0.95, 0.25, [0, 0.1, 0.3, 0.5, 0.5], -0.8],
  ['albumin', 4.1, 0.4, [0, -0.2, -0.3, -0.4, -0.5], 0],
  ['crp', 6, 3.5, [0, 0.2, 0.4, 0.4, 0.7], 0],
  ['wbc', 7.2, 1.9, [0, 0, 0, 0.2, 0.2], 0],
  ['haemoglobin', 13.8, 1.4, [0, 0, -0.1, -0.2, -0.2], -1.0],
  ['platelets', 250, 60, [0, 0, 0, 0, 0], 0.2],
]

const OMICS_D = 60
const IMAGING_D = 32
const NUISANCE = 3

/** Exact class counts by largest remainder over `proportions`, at least 2 per class. */
function classSizes(samples: number, proportions: readonly number[]): number[] {
  const ideal = proportions.map((p) => p * samples)
  const sizes = ideal.map((v) => Math.max(2, Math.floor(v)))
  let rest = samples - sizes.reduce((s, c) => s + c, 0)
  const order = ideal.map((v, i) => ({ i, r: v - Math.floor(v) })).sort((p, q) => q.r - p.r || p.i - q.i)
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) sizes[(order[k] as { i: number }).i]!++
  // The minimum of 2 can overshoot on tiny data: take the excess from the largest class.
  for (; rest < 0; rest++) sizes[sizes.indexOf(Math.max(...sizes))]!--
  return sizes
}

/** Class mean (before scaling) of omics feature j for class c. */
function omicsSignal(c: number, j: number): number {
  const block = Math.floor(j / 10)
  if (block > 3) return 0
  if (c <= 2) return block === c ? 1 : 0
  // D and E share block 3; a faint difference on its first 4 features.
  if (block !== 3) return 0
  return j < 34 ? (c === 3 ? 0.2 : -0.2) + 1 : 1
}

/** Class mean of imaging feature j for class c. */
function imagingSignal(c: number, j: number): number {
  if (j < 6) return c === 3 ? 1.1 : 0
  if (j < 12) return c === 4 ? 1.1 : 0
  if (j < 20) return c <= 2 ? 0.35 * (c - 1) : 0
  return 0
}

/**
 * Generates the demo dataset (see the module comment).
 * @param opts.seed master seed (default 2025); opts.samples number of samples (default 600, ≥ 20)
 * @param opts.groupPrevalenceShift base-rate difference of group F (see the module comment; default 0)
 * @throws Error when `samples` < 20 or `groupPrevalenceShift` is outside [−1, 1]
 */
export function generateDemoDataset(opts: { seed?: number; samples?: number; groupPrevalenceShift?: number } = {}): DatasetData {
  const seed = opts.seed ?? 2025
  const n = opts.samples ?? 600
  const prevalenceShift = opts.groupPrevalenceShift ?? 0
  if (!Number.isInteger(n) || n < 20) throw new Error(`generateDemoDataset: samples must be an integer ≥ 20 (got ${n})`)
  if (!(prevalenceShift >= -1 && prevalenceShift <= 1))
    throw new Error(`generateDemoDataset: groupPrevalenceShift must be in [-1, 1] (got ${prevalenceShift})`)
  const structure = createRng(deriveSeed(seed, 'demo', 'structure'))
  const rng = createRng(deriveSeed(seed, 'demo', 'samples'))

  // Labels and sex: exact class counts, 30 % F within each class (shifted by groupPrevalenceShift), then a shuffled order.
  const sizes = classSizes(n, DEMO_CLASS_PROPORTIONS)
  const rows: { y: number; sex: number }[] = []
  sizes.forEach((size, c) => {
    const share = DEMO_MINORITY_SHARE * (c === 0 ? 1 - prevalenceShift : 1 + prevalenceShift)
    const minority = Math.round(share * size)
    for (let i = 0; i < size; i++) rows.push({ y: c, sex: i < minority ? F : 1 })
  })
  rng.shuffle(rows)

  // Fixed structure: nuisance loadings and the F-group covariate shift.
  const loadings = Array.from({ length: OMICS_D * NUISANCE }, () => 0.5 * structure.normal())
  const shift = Array.from({ length: OMICS_D }, () => (structure.next() < 0.25 ? 0.6 * (structure.next() < 0.5 ? -1 : 1) : 0))
  const omicsAmp = 0.75
  const imagingAmp = 0.8

  const clinical = new Float32Array(n * CLINICAL.length)
  const omics = new Float32Array(n * OMICS_D)
  const imaging = new Float32Array(n * IMAGING_D)
  rows.forEach(({ y, sex }, i) => {
    const hard = sex === F
    const gain = hard ? 0.75 : 1
    const noise = hard ? 1.4 : 1
    CLINICAL.forEach(([, mean, sd, classShift, sexShift], j) => {
      const z = (classShift[y] as number) + (hard ? sexShift : 0) + rng.normal()
      clinical[i * CLINICAL.length + j] = mean + sd * z
    })
    const h = Array.from({ length: NUISANCE }, () => rng.normal())
    for (let j = 0; j < OMICS_D; j++) {
      let v = gain * omicsAmp * omicsSignal(y, j) + noise * rng.normal()
      for (let k = 0; k < NUISANCE; k++) v += (loadings[j * NUISANCE + k] as number) * (h[k] as number)
      if (hard) v += shift[j] as number
      omics[i * OMICS_D + j] = v
    }
    for (let j = 0; j < IMAGING_D; j++) {
      imaging[i * IMAGING_D + j] = 2 + gain * imagingAmp * imagingSignal(y, j) + noise * rng.normal()
    }
  })

  const names = (prefix: string, d: number, width: number): string[] =>
    Array.from({ length: d }, (_, j) => `${prefix}${String(j + 1).padStart(width, '0')}`)
  const modalities: ModalityData[] = [
    { name: 'clinical', featureNames: CLINICAL.map(([name]) => name), values: clinical },
    { name: 'omics', featureNames: names('gene_', OMICS_D, 3), values: omics },
    { name: 'imaging', featureNames: names('img_', IMAGING_D, 2), values: imaging },
  ]
  const width = Math.max(4, String(n).length)
  return {
    ids: rows.map((_, i) => `demo-${String(i + 1).padStart(width, '0')}`),
    classNames: [...CLASS_NAMES],
    labels: Int32Array.from(rows, (r) => r.y),
    modalities,
    attributes: [{ name: 'sex', groups: [...SEX_GROUPS], values: Int32Array.from(rows, (r) => r.sex) }],
  }
}

/** Shortest decimal text that reads back as the same float32 value. */
function float32Text(v: number): string {
  if (Number.isNaN(v)) return ''
  if (Number.isInteger(v)) return String(v)
  for (let p = 6; p < 9; p++) {
    const s = v.toPrecision(p)
    if (Math.fround(Number(s)) === v) return String(Number(s))
  }
  return String(v)
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * The dataset as CSV text, for exercising the CSV importer and the UI with the same data:
 * header `id,label,<attribute…>,[split,][group,]<modality>__<feature>…` (for the demo:
 * `id,label,sex,clinical__age,…`), one line per sample, labels and attribute groups as names,
 * unknown attribute values and missing features as empty fields, split as 'train'/'test'.
 * Feature values are written with the fewest digits that read back as the same float32.
 */
export function writeDemoCsv(data: DatasetData): string {
  const header = ['id', 'label', ...data.attributes.map((a) => a.name)]
  if (data.split) header.push('split')
  if (data.groups) header.push('group')
  for (const m of data.modalities) for (const f of m.featureNames) header.push(`${m.name}__${f}`)
  const lines = [header.map(csvField).join(',')]
  for (let i = 0; i < data.ids.length; i++) {
    const cells = [data.ids[i] as string, data.classNames[data.labels[i] as number] as string]
    for (const a of data.attributes) {
      const v = a.values[i] as number
      cells.push(v < 0 ? '' : (a.groups[v] as string))
    }
    if (data.split) cells.push(data.split[i] === 0 ? 'train' : 'test')
    if (data.groups) cells.push(data.groups[i] as string)
    for (const m of data.modalities) {
      const d = m.featureNames.length
      for (let j = 0; j < d; j++) cells.push(float32Text(m.values[i * d + j] as number))
    }
    lines.push(cells.map(csvField).join(','))
  }
  return `${lines.join('\n')}\n`
}
