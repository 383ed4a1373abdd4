/**
 * Fairness audit per sensitive attribute: ES-AUC, ES-ACC, DPD, EOD and worst-group accuracy per
 * arm, per-group metrics, a per-group chart, the fairness–accuracy trade-off and one plain
 * sentence per arm.
 */
import type { MeanStd } from '../../../../shared/runs'
import { tradeoffChart } from '../charts/analysis-charts'
import { groupedBarsChart } from '../charts/bar-charts'
import { fairnessSentence } from '../findings'
import { DASH, pct, plain } from '../format'
import { bullets, chartRow, h1, h2, h2NewPage, note, para, table, type Cell, type CellInput } from '../layout'
import type { Content } from '../pdf'
import type { ArmReport, ReportData } from '../report-data'
import { armColor, boldBest, transpose } from './results'

const NONE: MeanStd = { mean: NaN, std: NaN, n: 0 }

function summaryTable(arms: ArmReport[], attribute: string): Content {
  const f = (a: ArmReport) => a.summary.fairness.find((x) => x.attribute === attribute)
  const col = (pick: (a: ArmReport) => MeanStd | undefined, format: (m: MeanStd) => string, lower = false) =>
    boldBest(arms.map((a) => pick(a) ?? NONE), format, lower)
  const rows = transpose<Cell>([
    arms.map((a) => ({ text: a.arm })),
    col((a) => f(a)?.esAuc, pct),
    col((a) => f(a)?.esAcc, pct),
    col((a) => f(a)?.dpd, (m) => plain(m), true),
    col((a) => f(a)?.eod, (m) => plain(m), true),
    col((a) => f(a)?.worstGroupAccuracy, pct),
  ])
  return table(['arm', 'ES-AUC (%)', 'ES-ACC (%)', 'DPD', 'EOD', 'worst-group ACC (%)'], rows)
}

function groupTable(arms: ArmReport[], attribute: string): Content {
  const rows: CellInput[][] = []
  for (const a of arms) {
    const groups = a.groups.find((g) => g.attribute === attribute)?.groups ?? []
    groups.forEach((g, i) => {
      const n = g.count.n ? `${g.count.mean.toFixed(1)} (min ${g.minCount})` : DASH
      rows.push([i === 0 ? a.arm : '', g.group, { text: n, num: true }, pct(g.accuracy), pct(g.tpr), pct(g.fpr), pct(g.auc)])
    })
  }
  return table(['arm', 'group', 'test n per job', 'ACC (%)', 'TPR (%)', 'FPR (%)', 'AUC (%)'], rows)
}

function charts(arms: ArmReport[], attribute: string): Content {
  const groupNames: string[] = []
  for (const a of arms) for (const g of a.groups.find((x) => x.attribute === attribute)?.groups ?? []) if (!groupNames.includes(g.group)) groupNames.push(g.group)
  const groupBars = groupedBarsChart({
    categories: arms.map((a) => a.arm),
    series: groupNames.map((name) => ({
      name: `${attribute} = ${name}`,
      values: arms.map((a) => a.groups.find((x) => x.attribute === attribute)?.groups.find((g) => g.group === name)?.accuracy ?? NONE),
    })),
    yName: 'accuracy (%)',
    percent: true,
    width: 340,
    height: 260,
    colors: ['#56B4E9', '#D55E00', '#009E73', '#CC79A7', '#F0E442', '#0072B2', '#E69F00', '#000000'],
  })
  const points = arms.flatMap((a, i) => {
    const eod = a.summary.fairness.find((x) => x.attribute === attribute)?.eod
    const bacc = a.summary.metrics.balancedAccuracy
    return eod && eod.n && bacc.n ? [{ arm: a.arm, gap: eod.mean, score: bacc.mean, color: armColor(i) }] : []
  })
  const items = [{ caption: `Accuracy per ${attribute} group (± std)`, chart: groupBars }]
  if (points.length) items.push({ caption: `Trade-off: EOD by ${attribute} vs balanced accuracy`, chart: tradeoffChart(points, `EOD by ${attribute} (lower is fairer)`, 'balanced accuracy (%)', 340, 260) })
  return chartRow(items)
}

export function fairnessSection(d: ReportData): Content[] {
  if (!d.attributes.length) return [h1('Fairness audit', true), para('The dataset has no sensitive attribute, so no fairness audit is possible.')]
  const out: Content[] = [
    h1('Fairness audit', true),
    para(
      'Per sensitive attribute: ES-AUC and ES-ACC (equity-scaled AUC/accuracy, overall / (1 + Σ|group − overall|), higher is better), ' +
        'DPD (demographic parity difference) and EOD (equalized odds difference, fairlearn definitions; 0 = parity, lower is fairer), ' +
        'and the accuracy of the worst-served group. Each is computed per job on its test part, then averaged.',
    ),
  ]
  d.attributes.forEach((attribute, k) => {
    out.push(k > 0 ? h2NewPage(`Fairness by ${attribute}`) : h2(`Fairness by ${attribute}`))
    out.push(summaryTable(d.arms, attribute))
    out.push(bullets(d.arms.map((a) => fairnessSentence(a.arm, a.groups.find((g) => g.attribute === attribute) ?? { attribute, excluded: 0, groups: [] }, a.summary.fairness.find((f) => f.attribute === attribute)))))
    out.push(charts(d.arms, attribute))
    out.push(h2(`Metrics per ${attribute} group`))
    out.push(groupTable(d.arms, attribute))
    out.push(
      note(
        'Group metrics are means ± std over jobs; the sentences above use these group means, while the worst-group column of the first table ' +
          'averages the per-job minimum, so the two can differ slightly. For more than two classes, TPR and FPR are macro one-vs-rest averages.',
      ),
    )
  })
  return out
}
