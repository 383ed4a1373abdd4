/**
 * `equimodal diagnostics <run-id>`: modality diagnostics per arm — each modality alone (unimodal
 * head or linear probe), Shapley values and shares, robustness, and the per-group Shapley matrix.
 */
import type { ArmDiagnostics, MeanStd } from '../../../shared/diagnostics'
import { AppFailure } from '../../../shared/result'
import type { CliContext } from '../context'
import { EXIT } from '../exit-codes'
import { formatTable } from '../output'

const pct = (m: MeanStd | undefined): string => (m?.mean == null ? '—' : `${(m.mean * 100).toFixed(1)} ± ${((m.std ?? 0) * 100).toFixed(1)}`)
const pts = (v: number | null | undefined): string => (v == null || !Number.isFinite(v) ? '—' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}`)

function armTables(a: ArmDiagnostics): string[] {
  const head = ['modality', `alone ACC % (${a.unimodalSource})`, 'alone AUC %', 'φ ACC (pts)', 'φ P(true) (pts)', 'share', 'ACC dropped %', ...a.robustness.noiseLevels.map((s) => `σ=${s} %`)]
  const rows = a.modalities.map((m, k) => [
    m,
    pct(a.unimodalAccuracy[k]),
    pct(a.unimodalAuc[k]),
    pct(a.shapleyAccuracy[k]),
    pct(a.shapleyTrueClassProb[k]),
    a.shapleyShare[k] == null ? '—' : `${((a.shapleyShare[k] ?? 0) * 100).toFixed(0)}%`,
    pct(a.robustness.perModality[k]?.dropped),
    ...(a.robustness.perModality[k]?.noised ?? []).map(pct),
  ])
  const out = [`${a.arm} (${a.jobs} jobs; clean test ACC ${pct(a.robustness.baseline)} %)`, formatTable(head, rows)]
  for (const attr of a.perGroup) {
    out.push(
      `  φ on P(true class) per ${attr.attribute} group, pooled over jobs (pts; "alone" = unimodal ACC %):`,
      formatTable(
        ['group', 'n', ...a.modalities.flatMap((m) => [`φ ${m}`, `alone ${m}`])],
        attr.groups.map((g) => [g.group, String(g.n), ...a.modalities.flatMap((_, k) => [pts(g.trueClassProb[k]), pts(g.unimodalAccuracy[k]).replace('+', '')])]),
      ),
    )
  }
  return out
}

export async function diagnosticsCommand(ctx: CliContext): Promise<number> {
  const runId = ctx.positionals[0]
  if (!runId) throw AppFailure.of('VALIDATION', 'Usage: equimodal diagnostics <run-id> (see `equimodal results` for the runs).', { location: { field: 'run-id' } })
  const d = await ctx.call('runs:diagnostics', { runId })
  ctx.out.result(d, () => {
    if (d.arms.length === 0) return ctx.out.line('No modality diagnostics stored for this run.')
    for (const a of d.arms) for (const line of armTables(a)) ctx.out.line(line)
    if (d.jobsWithout) ctx.out.line(`${d.jobsWithout} done job(s) have no diagnostics.`)
  })
  return EXIT.ok
}
