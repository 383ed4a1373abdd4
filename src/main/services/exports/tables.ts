/**
 * The export tables of a run, as typed columns and rows: per-job metrics in long form (one row per
 * job × metric) and wide form (one row per job), per-epoch logs, and test predictions (one row per
 * job × test sample with the class probabilities p_0…p_{C-1}).
 */
import type { EvaluationReport } from '../../../shared/metrics'
import type { EpochLog } from '../../../shared/training/job'
import type { JobRow, PredictionRow } from '../workspace'

export type ColumnType = 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN'
export type Value = string | number | boolean | null
export interface Column {
  name: string
  type: ColumnType
}
export interface Table {
  name: string
  columns: Column[]
  rows: Value[][]
}

export const col = (name: string, type: ColumnType): Column => ({ name, type })
const JOB_COLUMNS = [col('run_id', 'VARCHAR'), col('arm', 'VARCHAR'), col('seed', 'INTEGER'), col('fold', 'INTEGER')]
const num = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null)

/** One metric value of a job, with where it applies. */
interface MetricEntry {
  scope: 'overall' | 'class' | 'confusion' | 'attribute' | 'group'
  className: string | null
  predictedClass: string | null
  attribute: string | null
  group: string | null
  metric: string
  value: number | null
}

function entries(r: EvaluationReport): MetricEntry[] {
  const base = { className: null, predictedClass: null, attribute: null, group: null }
  const c = r.classification
  const out: MetricEntry[] = (
    [
      ['accuracy', c.accuracy],
      ['balanced_accuracy', c.balancedAccuracy],
      ['weighted_f1', c.weightedF1],
      ['macro_f1', c.macroF1],
      ['auc', c.auc],
      ['ece', c.ece],
    ] as const
  ).map(([metric, value]) => ({ ...base, scope: 'overall', metric, value: num(value) }))
  for (const pc of c.perClass)
    for (const metric of ['precision', 'recall', 'f1', 'support'] as const) out.push({ ...base, scope: 'class', className: pc.name, metric, value: num(pc[metric]) })
  const names = c.perClass.map((p) => p.name)
  c.confusion.forEach((row, t) =>
    row.forEach((v, p) => out.push({ ...base, scope: 'confusion', className: names[t] ?? String(t), predictedClass: names[p] ?? String(p), metric: 'count', value: v })),
  )
  for (const f of r.fairness) {
    const attr = { ...base, attribute: f.attribute }
    ;(
      [
        ['es_auc', f.esAuc],
        ['es_acc', f.esAcc],
        ['dpd', f.dpd],
        ['eod', f.eod],
        ['worst_group_accuracy', f.worstGroupAccuracy],
        ['excluded', f.excluded],
      ] as const
    ).forEach(([metric, value]) => out.push({ ...attr, scope: 'attribute', metric, value: num(value) }))
    for (const g of f.groups)
      (
        [
          ['count', g.count],
          ['accuracy', g.accuracy],
          ['auc', g.auc],
          ['tpr', g.tpr],
          ['fpr', g.fpr],
          ['selection_rate', g.selectionRate],
        ] as const
      ).forEach(([metric, value]) => out.push({ ...attr, scope: 'group', group: g.group, metric, value: num(value) }))
  }
  return out
}

/** Column name of a metric in the wide table: "recall[class-A]", "dpd[sex]", "accuracy[sex=F]". */
function wideName(e: MetricEntry): string | null {
  switch (e.scope) {
    case 'overall':
      return e.metric
    case 'class':
      return `${e.metric}[${e.className}]`
    case 'attribute':
      return `${e.metric}[${e.attribute}]`
    case 'group':
      return `${e.metric}[${e.attribute}=${e.group}]`
    case 'confusion':
      return null
  }
}

export function metricsLong(runId: string, jobs: JobRow[]): Table {
  const rows: Value[][] = []
  for (const j of jobs) {
    if (j.status !== 'done' || !j.metrics) continue
    for (const e of entries(j.metrics)) rows.push([runId, j.arm, j.seed, j.fold, e.scope, e.className, e.predictedClass, e.attribute, e.group, e.metric, e.value])
  }
  return {
    name: 'metrics_long',
    columns: [
      ...JOB_COLUMNS,
      col('scope', 'VARCHAR'),
      col('class', 'VARCHAR'),
      col('predicted_class', 'VARCHAR'),
      col('attribute', 'VARCHAR'),
      col('group', 'VARCHAR'),
      col('metric', 'VARCHAR'),
      col('value', 'DOUBLE'),
    ],
    rows,
  }
}

export function metricsWide(runId: string, jobs: JobRow[]): Table {
  const names: string[] = []
  const perJob = jobs.map((j) => {
    const values = new Map<string, number | null>()
    for (const e of j.metrics ? entries(j.metrics) : []) {
      const name = wideName(e)
      if (name === null) continue
      if (!names.includes(name)) names.push(name)
      values.set(name, e.value)
    }
    return values
  })
  const meta = [col('status', 'VARCHAR'), col('error', 'VARCHAR'), col('backend', 'VARCHAR'), col('best_epoch', 'INTEGER'), col('stopped_early', 'BOOLEAN'), col('epochs', 'INTEGER'), col('duration_ms', 'DOUBLE')]
  return {
    name: 'metrics_wide',
    columns: [...JOB_COLUMNS, ...meta, ...names.map((n) => col(n, 'DOUBLE'))],
    rows: jobs.map((j, i) => [
      runId,
      j.arm,
      j.seed,
      j.fold,
      j.status,
      j.error,
      j.backend,
      j.bestEpoch,
      j.stoppedEarly,
      j.epochs,
      num(j.durationMs),
      ...names.map((n) => perJob[i]!.get(n) ?? null),
    ]),
  }
}

export function epochsTable(runId: string, logs: { job: JobRow; epochs: EpochLog[] }[]): Table {
  const extras: string[] = []
  for (const { epochs } of logs) for (const e of epochs) for (const k of Object.keys(e.extras)) if (!extras.includes(k)) extras.push(k)
  const rows: Value[][] = []
  for (const { job, epochs } of logs)
    for (const e of epochs)
      rows.push([runId, job.arm, job.seed, job.fold, e.epoch, num(e.trainLoss), num(e.valLoss), num(e.valAccuracy), num(e.valMacroF1), ...extras.map((k) => num(e.extras[k]))])
  return {
    name: 'epochs',
    columns: [
      ...JOB_COLUMNS,
      col('epoch', 'INTEGER'),
      col('train_loss', 'DOUBLE'),
      col('val_loss', 'DOUBLE'),
      col('val_accuracy', 'DOUBLE'),
      col('val_macro_f1', 'DOUBLE'),
      ...extras.map((k) => col(`extra:${k}`, 'DOUBLE')),
    ],
    rows,
  }
}

/** Argmax of a probability row (first of ties); null for an empty row. */
export function argmax(p: readonly number[]): number | null {
  let best: number | null = null
  p.forEach((v, i) => {
    if (best === null || v > p[best]!) best = i
  })
  return best
}

export function predictionsTable(runId: string, preds: { job: JobRow; rows: PredictionRow[] }[], classes: number): Table {
  const rows: Value[][] = []
  for (const { job, rows: ps } of preds)
    for (const p of ps)
      rows.push([runId, job.arm, job.seed, job.fold, p.sampleId, p.row, p.yTrue, argmax(p.probs), ...Array.from({ length: classes }, (_, c) => num(p.probs[c]))])
  return {
    name: 'predictions',
    columns: [
      ...JOB_COLUMNS,
      col('sample_id', 'VARCHAR'),
      col('dataset_row', 'INTEGER'),
      col('y_true', 'INTEGER'),
      col('y_pred', 'INTEGER'),
      ...Array.from({ length: classes }, (_, c) => col(`p_${c}`, 'DOUBLE')),
    ],
    rows,
  }
}
