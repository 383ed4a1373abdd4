/**
 * The comparison table of a run (`compareRun`): every number as a long CSV table, and a LaTeX
 * booktabs snippet (arms × headline metrics and per-attribute EOD / worst-group accuracy, mean ± std,
 * best in bold, significance against the reference arm marked).
 */
import type { ComparedMetric, MetricComparison, RunComparison } from '../../../shared/statistics'
import { col, type Table, type Value } from './tables'

/** The comparison, one row per metric × arm, with the statistics against the reference. */
export function comparisonTable(c: RunComparison): Table {
  const rows: Value[][] = []
  for (const m of c.metrics)
    for (const a of m.arms) {
      const v = a.vsReference
      rows.push([
        c.runId,
        m.metric,
        m.attribute,
        m.label,
        m.higherIsBetter,
        a.arm,
        a.n,
        a.mean,
        a.std,
        a.ciT?.[0] ?? null,
        a.ciT?.[1] ?? null,
        a.ciBootstrap?.[0] ?? null,
        a.ciBootstrap?.[1] ?? null,
        c.reference,
        c.test,
        c.alpha,
        v?.n ?? null,
        v?.meanDiff ?? null,
        v?.t ?? null,
        v?.df ?? null,
        v?.pT ?? null,
        v?.wilcoxonStatistic ?? null,
        v?.pWilcoxon ?? null,
        v?.wilcoxonMethod ?? null,
        v?.p ?? null,
        v?.pHolm ?? null,
        v?.wins ?? null,
        v?.ties ?? null,
        v?.losses ?? null,
        v?.verdict ?? null,
      ])
    }
  const D = 'DOUBLE' as const
  const I = 'INTEGER' as const
  const S = 'VARCHAR' as const
  return {
    name: 'comparison',
    columns: [
      col('run_id', S), col('metric', S), col('attribute', S), col('label', S), col('higher_is_better', 'BOOLEAN'), col('arm', S), col('n', I),
      col('mean', D), col('std', D), col('ci_t_low', D), col('ci_t_high', D), col('ci_bootstrap_low', D), col('ci_bootstrap_high', D),
      col('reference', S), col('test', S), col('alpha', D), col('paired_n', I), col('mean_diff', D), col('t', D), col('df', I), col('p_t', D),
      col('wilcoxon_statistic', D), col('p_wilcoxon', D), col('wilcoxon_method', S), col('p', D), col('p_holm', D),
      col('wins', I), col('ties', I), col('losses', I), col('verdict', S),
    ],
    rows,
  }
}

/** Escapes LaTeX's special characters (underscores included). */
export function escapeLatex(s: string): string {
  return s.replace(/[\\{}$&#^_%~]/g, (ch) => {
    switch (ch) {
      case '\\':
        return '\\textbackslash{}'
      case '~':
        return '\\textasciitilde{}'
      case '^':
        return '\\textasciicircum{}'
      default:
        return `\\${ch}`
    }
  })
}

const SHORT: Partial<Record<ComparedMetric, string>> = { accuracy: 'ACC', balancedAccuracy: 'bACC', weightedF1: 'wF1', macroF1: 'mF1', auc: 'AUC', eod: 'EOD', worstGroupAccuracy: 'WGA' }
const PLAIN: readonly ComparedMetric[] = ['ece', 'dpd', 'eod']
const HEADLINE: readonly ComparedMetric[] = ['accuracy', 'balancedAccuracy', 'weightedF1', 'macroF1', 'auc']

function latexColumns(c: RunComparison): MetricComparison[] {
  const headline = HEADLINE.flatMap((h) => c.metrics.filter((m) => m.metric === h && m.attribute === null))
  const fairness = c.metrics.filter((m) => m.attribute !== null && (m.metric === 'eod' || m.metric === 'worstGroupAccuracy'))
  return [...headline, ...fairness]
}

function cellFor(m: MetricComparison, armIndex: number): string {
  const a = m.arms[armIndex]
  if (!a || a.mean === null) return '--'
  const scale = PLAIN.includes(m.metric) ? 1 : 100
  const digits = PLAIN.includes(m.metric) ? 3 : 1
  const means = m.arms.map((x) => x.mean).filter((x): x is number => x !== null)
  const best = m.higherIsBetter ? Math.max(...means) : Math.min(...means)
  const body = `${(a.mean * scale).toFixed(digits)} \\pm ${((a.std ?? 0) * scale).toFixed(digits)}`
  const bold = means.length > 1 && a.mean === best
  const v = a.vsReference?.verdict
  const mark = v === 'better' ? '^{\\uparrow}' : v === 'worse' ? '^{\\downarrow}' : ''
  return bold ? `$\\mathbf{${body}}${mark}$` : `$${body}${mark}$`
}

/** A booktabs `table` environment (needs \usepackage{booktabs}). */
export function comparisonLatex(c: RunComparison): string {
  const cols = latexColumns(c)
  const header = cols.map((m) => {
    const name = SHORT[m.metric] ?? m.label
    return escapeLatex(m.attribute ? `${name} (${m.attribute})` : name) + (PLAIN.includes(m.metric) ? '' : ' (\\%)')
  })
  const lines = c.arms.map((arm) => {
    const cells = cols.map((m) => cellFor(m, m.arms.findIndex((a) => a.arm === arm)))
    return `${escapeLatex(arm)}${arm === c.reference ? ' (ref.)' : ''} & ${cells.join(' & ')} \\\\`
  })
  const test = c.test === 'corrected-t' ? 'corrected resampled t-test (Nadeau \\& Bengio)' : 'Wilcoxon signed-rank test'
  const caption =
    `${escapeLatex(c.experimentName)}: mean $\\pm$ std over jobs (seeds $\\times$ folds), metrics computed per test fold and then averaged. ` +
    `Best mean per column in bold. $^{\\uparrow}$/$^{\\downarrow}$: significantly better/worse than ${escapeLatex(c.reference)} ` +
    `(paired ${test}, Holm-corrected, $\\alpha = ${c.alpha}$). EOD: equalized odds difference (lower is better); WGA: worst-group accuracy.`
  return [
    '% Generated by Equimodal; needs \\usepackage{booktabs}',
    '\\begin{table}[t]',
    '  \\centering',
    '  \\small',
    `  \\caption{${caption}}`,
    `  \\label{tab:${c.runId.replace(/[^A-Za-z0-9:-]/g, '-')}}`,
    `  \\begin{tabular}{l${'c'.repeat(cols.length)}}`,
    '    \\toprule',
    `    Arm & ${header.join(' & ')} \\\\`,
    '    \\midrule',
    ...lines.map((l) => `    ${l}`),
    '    \\bottomrule',
    '  \\end{tabular}',
    '\\end{table}',
    '',
  ].join('\n')
}
