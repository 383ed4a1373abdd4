/**
 * Statistics: every arm against the reference arm (paired over identical seed × fold jobs), from
 * `compareRun` (src/main/services/runs/compare-run.ts) or the comparison handed to the report,
 * with the test named, α, Holm-adjusted p-values, win/tie/loss and verdicts.
 */
import type { ArmMetricStats, BreakdownComparison, ComparedMetric, MetricComparison, RunComparisonWithBreakdowns } from '../../../../shared/statistics'
import { DASH, fixed, pValue } from '../format'
import { h1, h2, note, para, table, type CellInput } from '../layout'
import type { Content } from '../pdf'
import type { ReportData } from '../report-data'

/** Metrics shown as plain numbers; the others are proportions shown in percent. */
const PLAIN: readonly ComparedMetric[] = ['ece', 'dpd', 'eod']

const VERDICT: Record<string, { text: string; color: string }> = {
  better: { text: 'better', color: '#1b7f3b' },
  worse: { text: 'worse', color: '#b42318' },
  'no-difference': { text: 'no difference', color: '#52606d' },
}

function formatter(metric: ComparedMetric): (x: number | null) => string {
  if (PLAIN.includes(metric)) return (x) => fixed(x)
  return (x) => (x === null ? DASH : (x * 100).toFixed(1))
}

/** Every compared quantity lies in [0, 1]; a t interval past it is printed clipped (the legend says so). */
const clip = (x: number): number => Math.min(1, Math.max(0, x))

const HEADER = ['mean ± std', '95 % CI (t)', 'Δ vs ref.', 'p', 'p (Holm)', 'W/T/L', 'verdict']
const WIDTHS = ['*', 62, 62, 40, 34, 38, 36, 52]

/** One metric: a small table of its own (kept on one page), the metric named in the header. */
function metricTable(m: MetricComparison, reference: string): Content {
  const f = formatter(m.metric)
  const unit = PLAIN.includes(m.metric) ? '' : ' (%)'
  const rows: CellInput[][] = []
  for (const a of m.arms) {
    const v = a.vsReference
    const ci = a.ciT ? `${f(clip(a.ciT[0]))} to ${f(clip(a.ciT[1]))}` : DASH
    const mean = a.mean === null ? DASH : `${f(a.mean)} ± ${f(a.std ?? 0)}`
    if (!v || a.arm === reference) {
      rows.push([`${a.arm} (reference)`, mean, ci, DASH, DASH, DASH, DASH, DASH])
      continue
    }
    const verdict = VERDICT[v.verdict] ?? { text: v.verdict, color: '#1f2933' }
    const diffText = v.meanDiff === null ? DASH : f(v.meanDiff)
    // "-0.0" reads as a loss: a difference that rounds to zero is shown unsigned.
    const diff = v.meanDiff === null ? DASH : Number(diffText) === 0 ? diffText.replace(/^-/, '') : `${v.meanDiff > 0 ? '+' : ''}${diffText}`
    rows.push([
      a.arm,
      mean,
      ci,
      { text: diff, num: true },
      pValue(v.p),
      pValue(v.pHolm),
      { text: `${v.wins}/${v.ties}/${v.losses}`, num: true },
      { text: verdict.text, color: verdict.color, bold: v.verdict !== 'no-difference' },
    ])
  }
  const title = `${m.label}${unit}, ${m.higherIsBetter ? 'higher' : 'lower'} is better`
  return { stack: [table([title, ...HEADER], rows, WIDTHS)], unbreakable: true }
}

/** "averaged over folds: Accuracy, …" for each aggregation rule of the metrics. */
function rulesText(c: RunComparisonWithBreakdowns): string {
  const byRule = new Map<string, string[]>()
  for (const m of c.metrics) byRule.set(m.rule, [...(byRule.get(m.rule) ?? []), m.label])
  return [...byRule.entries()].map(([rule, labels]) => `${rule} (${labels.join(', ')})`).join('; ')
}

/** One breakdown cell: "74.9 ± 6.5", the clipped 95 % CI under it, "(+)"/"(−)" when significantly better/worse. */
function breakdownCell(a: ArmMetricStats | undefined): CellInput {
  if (!a || a.mean === null) return DASH
  const p = (x: number) => (x * 100).toFixed(1)
  const ci = a.ciT ? `\n[${p(clip(a.ciT[0]))}, ${p(clip(a.ciT[1]))}]` : ''
  const v = a.vsReference?.verdict
  const mark = v === 'better' ? ' (+)' : v === 'worse' ? ' (−)' : ''
  const style = v === 'better' || v === 'worse' ? { color: VERDICT[v]!.color, bold: true } : {}
  return { text: `${p(a.mean)} ± ${p(a.std ?? 0)}${mark}${ci}`, num: true, ...style }
}

/** Arms × (classes or groups): per-class recall or per-group accuracy with CIs and verdicts against the reference. */
function breakdownTable(title: string, rows: BreakdownComparison[], arms: string[], reference: string): Content {
  const body: CellInput[][] = arms.map((arm) => [arm === reference ? `${arm} (reference)` : arm, ...rows.map((r) => breakdownCell(r.arms.find((a) => a.arm === arm)))])
  return { stack: [table([title, ...rows.map((r) => r.name)], body)], unbreakable: true }
}

/** Per-class recall and per-group accuracy against the reference (when the comparison has them). */
function breakdownSection(c: RunComparisonWithBreakdowns): Content[] {
  const rows = c.breakdowns ?? []
  const classes = rows.filter((r) => r.kind === 'class-recall')
  const attributes = [...new Set(rows.filter((r) => r.kind === 'group-accuracy').map((r) => r.attribute!))]
  if (!classes.length && !attributes.length) return []
  return [
    h2('Per class and per group'),
    para(
      `Recall of every class (the minority classes are what imbalance methods are for) and accuracy of every group, in percent, ` +
        `with the 95 % t interval below; (+) / (−): significantly better / worse than ${c.reference} (same test and Holm correction as above, across the arms of each column).`,
    ),
    ...(classes.length ? [breakdownTable('Recall (%) by class', classes, c.arms, c.reference)] : []),
    ...attributes.map((attr) =>
      breakdownTable(
        `Accuracy (%) by ${attr}`,
        rows.filter((r) => r.kind === 'group-accuracy' && r.attribute === attr),
        c.arms,
        c.reference,
      ),
    ),
  ]
}

/** The comparison table and its legend; `comparison` null gives the reason instead. */
export function statisticsSection(d: ReportData): Content[] {
  const c: RunComparisonWithBreakdowns | null = d.comparison
  if (!c) return [h1('Statistics'), para(d.comparisonNote ?? 'No comparison statistics are available for this run.')]
  const test = c.testNames[c.test]
  return [
    h1('Statistics', true),
    para(
      `Every arm is compared with the reference arm ${c.reference} over the jobs with identical seed and fold (paired). ` +
        `Test: ${test}. Correction: ${c.testNames.correction}. Significance level α = ${c.alpha}; ` +
        `a verdict "better" or "worse" needs a Holm-adjusted p below α, in the direction of the metric. ` +
        `n_test/n_train of the corrected t-test: ${c.protocol.ratioSource}.`,
    ),
    ...c.metrics.map((m) => metricTable(m, c.reference)),
    note(
      `${c.aggregation}. Rule per metric: ${rulesText(c)}; ROC curves and confusion matrices use the pooled test predictions instead. ` +
        `Δ: mean paired difference arm − reference. W/T/L: jobs where the arm wins, ties or loses against the reference. ` +
        `Intervals are shown clipped to the range of the metric. Fairness gaps (DPD, EOD) are lower-is-better; ES-AUC and worst-group accuracy higher-is-better.`,
    ),
    ...breakdownSection(c),
    ...(c.warnings.length ? [note(`Warnings: ${c.warnings.join(' ')}`)] : []),
  ]
}
