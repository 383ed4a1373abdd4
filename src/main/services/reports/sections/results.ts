/**
 * Results: the arms × metrics table (mean ± std, best in bold) with its aggregation rule, metric
 * bars, per-class recall, confusion matrices summed over jobs and ROC curves of pooled predictions.
 */
import type { HeadlineMetric, MeanStd } from '../../../../shared/runs'
import { confusionChart, rocChart } from '../charts/analysis-charts'
import { groupedBarsChart } from '../charts/bar-charts'
import { PALETTE } from '../charts/render-svg'
import { fixed, pct } from '../format'
import { chart, chartRow, h1, h2, note, para, rowsOf, table, type Cell } from '../layout'
import type { Content } from '../pdf'
import type { ReportData } from '../report-data'

export const RESULT_COLUMNS: [HeadlineMetric, string][] = [
  ['accuracy', 'ACC'],
  ['balancedAccuracy', 'bACC'],
  ['weightedF1', 'wF1'],
  ['macroF1', 'mF1'],
  ['auc', 'AUC'],
]

/** Cells of one column, the best mean (highest, or lowest with `lowerIsBetter`) in bold. */
export function boldBest(values: MeanStd[], format: (m: MeanStd) => string, lowerIsBetter = false): Cell[] {
  const means = values.map((m) => (m.n > 0 && Number.isFinite(m.mean) ? m.mean : NaN))
  const finite = means.filter((x) => !Number.isNaN(x))
  const best = finite.length > 1 ? (lowerIsBetter ? Math.min(...finite) : Math.max(...finite)) : NaN
  return values.map((m, i) => ({ text: format(m), num: true, bold: means[i] === best }))
}

/** Columns → rows. */
export function transpose<T>(columns: T[][]): T[][] {
  const n = columns[0]?.length ?? 0
  return Array.from({ length: n }, (_, r) => columns.map((c) => c[r]!))
}

export const armColor = (i: number): string => PALETTE[i % PALETTE.length]!

export function resultsSection(d: ReportData): Content[] {
  const arms = d.arms
  const jobsCol: Cell[] = arms.map((a) => ({ text: a.summary.failed ? `${a.summary.jobs} (+${a.summary.failed} failed)` : String(a.summary.jobs), num: true }))
  const metricCols = RESULT_COLUMNS.map(([k]) => boldBest(arms.map((a) => a.summary.metrics[k]), pct))
  const eceCol = boldBest(arms.map((a) => a.summary.metrics.ece), (m) => (m.n ? `${fixed(m.mean)} ± ${fixed(m.std)}` : '—'), true)
  const rows = transpose([arms.map((a) => ({ text: a.arm }) as Cell), jobsCol, ...metricCols, eceCol])
  const bars = groupedBarsChart({
    categories: RESULT_COLUMNS.map(([, l]) => l),
    series: arms.map((a) => ({ name: a.arm, values: RESULT_COLUMNS.map(([k]) => a.summary.metrics[k]) })),
    yName: 'percent',
    percent: true,
  })
  return [
    h1('Results'),
    table(['arm', 'jobs', ...RESULT_COLUMNS.map(([, l]) => `${l} (%)`), 'ECE'], rows),
    note(
      `Values: ${d.summary.aggregation}. ACC accuracy, bACC balanced accuracy, wF1/mF1 weighted/macro F1, AUC ROC AUC ` +
        `(macro one-vs-rest for more than two classes), ECE expected calibration error (lower is better). Best mean per column in bold.`,
    ),
    h2('Headline metrics per arm (bars: mean; whiskers: ± std over jobs)'),
    chart(bars),
    ...perClass(d),
    ...confusion(d),
    ...roc(d),
  ]
}

function perClass(d: ReportData): Content[] {
  if (!d.classNames.length) return []
  const cols = d.classNames.map((_, c) => boldBest(d.arms.map((a) => a.summary.perClassRecall[c]?.recall ?? { mean: NaN, std: NaN, n: 0 }), pct))
  return [
    h2('Recall per class (%)'),
    table(['arm', ...d.classNames], transpose([d.arms.map((a) => ({ text: a.arm }) as Cell), ...cols])),
    note('Recall of each class (sensitivity), mean ± std over jobs; the rare classes are where class-imbalance methods should help.'),
  ]
}

function confusion(d: ReportData): Content[] {
  if (!d.classNames.length || !d.arms.length) return []
  const items = d.arms.map((a) => ({ caption: `${a.arm} (${a.summary.jobs} jobs)`, chart: confusionChart(d.classNames, a.confusion) }))
  return [
    h2('Confusion matrices, summed over jobs'),
    note('Rows: true class; columns: predicted class; numbers: test predictions summed over seeds and folds; colour: share of the true class.'),
    ...rowsOf(items, 2).map((row) => chartRow(row, 2)),
  ]
}

function roc(d: ReportData): Content[] {
  const withCurves = d.arms.filter((a) => a.roc.some((c) => c.fpr.length > 0))
  if (!withCurves.length) return [h2('ROC curves'), para('No stored test predictions: ROC curves cannot be drawn.')]
  const aucText = (auc: number | null) => (auc === null ? 'AUC —' : `AUC ${fixed(auc)}`)
  const out: Content[] = [
    h2('ROC curves from the pooled test predictions'),
    note('Test predictions of every job of an arm pooled (seeds × folds), so the AUC here can differ from the mean of per-job AUCs in the table.'),
  ]
  if (d.classNames.length === 2) {
    const lines = d.arms.flatMap((a, i) => a.roc.filter((c) => c.fpr.length).map((c) => ({ name: `${a.arm} (${aucText(c.auc)})`, fpr: c.fpr, tpr: c.tpr, color: armColor(i) })))
    out.push(chart(rocChart(lines, 420, 360), 360))
    return out
  }
  const items = withCurves.map((a) => ({
    caption: `${a.arm}: one-vs-rest per class`,
    chart: rocChart(a.roc.filter((c) => c.fpr.length).map((c) => ({ name: `${c.className} (${aucText(c.auc)})`, fpr: c.fpr, tpr: c.tpr }))),
  }))
  out.push(...rowsOf(items, 2).map((row) => chartRow(row, 2)))
  return out
}
