/** Prints a run summary as the arms × metrics table (plus fairness columns when attributes exist). */
import type { RunSummary } from '../../services/runs/summarize-run'
import { formatTable, pct, plain, type Printer } from '../output'

type MeanStdLike = { mean: number; std: number; n: number }

export function printRunSummary(out: Printer, s: RunSummary): void {
  out.line(`Run ${s.runId} · ${s.experimentName} · ${s.status} · backend ${s.backend ?? 'unknown'}`)
  out.line(
    formatTable(
      ['arm', 'jobs', 'ACC', 'bACC', 'wF1', 'mF1', 'AUC'],
      s.arms.map((a) => [
        a.arm,
        a.failed ? `${a.jobs} (+${a.failed} failed)` : String(a.jobs),
        pct(a.metrics.accuracy),
        pct(a.metrics.balancedAccuracy),
        pct(a.metrics.weightedF1),
        pct(a.metrics.macroF1),
        pct(a.metrics.auc),
      ]),
    ),
  )
  const attributes = s.arms[0]?.fairness.map((f) => f.attribute) ?? []
  for (const attribute of attributes) {
    out.line()
    const first = s.arms.map((a) => a.fairness.find((x) => x.attribute === attribute)).find((f) => f !== undefined)
    const op = first?.operatingPoint !== undefined ? `sens@spec${Math.round(first.operatingPoint * 100)} gap` : 'sens gap'
    out.line(`Fairness by ${attribute} (lower DPD/EOD/gaps are fairer; ES-AUC/ES-ACC higher is better)`)
    out.line(
      formatTable(
        ['arm', 'ES-AUC', 'ES-ACC', 'DPD', 'EOD', 'EOD mean', 'ACC gap', op, 'worst-group ACC'],
        s.arms.map((a) => {
          const f = a.fairness.find((x) => x.attribute === attribute)
          const opt = (m: MeanStdLike | undefined, fmt: (v: MeanStdLike) => string): string => (m ? fmt(m) : '—')
          return f
            ? [a.arm, pct(f.esAuc), pct(f.esAcc), plain(f.dpd), plain(f.eod), opt(f.eodMean, plain), opt(f.accuracyGap, plain), opt(f.sensitivityGap, plain), pct(f.worstGroupAccuracy)]
            : [a.arm, '—', '—', '—', '—', '—', '—', '—', '—']
        }),
      ),
    )
    const excluded = first?.excluded
    if (excluded && excluded.n > 0 && excluded.mean > 0) out.line(`Unknown ${attribute}: ${excluded.mean.toFixed(1)} test samples per job on average, kept for training, left out of these metrics.`)
    if (first?.smallGroups) out.line(`Small ${attribute} groups: ${first.smallGroups}.`)
  }
  const classes = s.arms[0]?.perClassRecall.map((c) => c.name) ?? []
  if (classes.length > 0) {
    out.line()
    out.line('Per-class recall')
    out.line(formatTable(['arm', ...classes], s.arms.map((a) => [a.arm, ...a.perClassRecall.map((c) => pct(c.recall))])))
  }
  out.line()
  out.line(`Values: ${s.aggregation}.`)
}
