/** Method internals per arm (from the jobs' epoch `extras`) and the limitations of the run. */
import type { MeanStd } from '../../../../shared/runs'
import { MAX_INTERNALS } from '../internals'
import { limitations } from '../limitations'
import { DASH } from '../format'
import { bullets, h1, h2, note, para, table } from '../layout'
import type { Content } from '../pdf'
import type { ReportData } from '../report-data'

/** A compact number: integers as they are, else 3 significant digits. */
export function compact(x: number): string {
  if (!Number.isFinite(x)) return DASH
  if (Number.isInteger(x)) return String(x)
  return Math.abs(x) >= 1000 ? x.toFixed(0) : String(+x.toPrecision(3))
}

/** Mean ± std; a std that is only floating-point noise (below 1e-9 of the mean) is left out. */
const meanText = (m: MeanStd): string =>
  m.n === 0 ? DASH : m.n > 1 && m.std > 1e-9 * Math.max(1, Math.abs(m.mean)) ? `${compact(m.mean)} ± ${compact(m.std)}` : compact(m.mean)

export function internalsSection(d: ReportData): Content[] {
  const armsWith = d.arms.filter((a) => a.internals.length > 0)
  const out: Content[] = [h1('Method internals')]
  if (!armsWith.length) return [...out, para('No job logged method internals (epoch extras), so there is nothing to summarise.')]
  out.push(
    para(
      'What each arm\'s methods logged per epoch (e.g. class weights, samples kept per class, schedule values), as the value at the first and at the ' +
        'last epoch, mean ± std over the arm\'s jobs, and the range over all epochs. A trailing class index is shown as the class name.',
    ),
  )
  for (const a of armsWith) {
    const shown = a.internals.slice(0, MAX_INTERNALS)
    out.push(h2(`${a.arm}${a.methods.length ? ` (${a.methods.map((m) => m.method).join(' + ')})` : ''}`))
    out.push(
      table(
        ['logged value', 'jobs', 'first epoch', 'last epoch', 'range'],
        shown.map((s) => [s.label, String(s.jobs), meanText(s.first), meanText(s.last), s.min === s.max ? compact(s.min) : `${compact(s.min)} to ${compact(s.max)}`]),
        ['*', 30, 80, 80, 90],
      ),
    )
    if (a.internals.length > shown.length) out.push(note(`${a.internals.length - shown.length} more logged values are in the CSV/Parquet export.`))
  }
  return out
}

export function limitationsSection(d: ReportData): Content[] {
  const items = limitations(d)
  return [
    h1('Limitations'),
    para('What this run\'s protocol and data cannot support, found from the data itself:'),
    items.length ? bullets(items) : para('None found by the automatic checks.'),
  ]
}
