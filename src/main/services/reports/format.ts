/** Number formatting of the report, identical to the CLI's tables ("71.5 ± 1.8" in percent, "0.123 ± 0.045" plain). */
import type { MeanStd } from '../../../shared/runs'

/** Shown where a value is undefined. */
export const DASH = '—'

const defined = (m: MeanStd): boolean => m.n > 0 && Number.isFinite(m.mean)

/** "81.5 ± 2.1": mean ± std in percent, or "—" when there is no value (as `pct` of the CLI). */
export function pct(m: MeanStd): string {
  if (!defined(m)) return DASH
  return `${(m.mean * 100).toFixed(1)} ± ${(m.std * 100).toFixed(1)}`
}

/** "0.123 ± 0.045", or "—" (as `plain` of the CLI). */
export function plain(m: MeanStd, digits = 3): string {
  if (!defined(m)) return DASH
  return `${m.mean.toFixed(digits)} ± ${m.std.toFixed(digits)}`
}

/** A single proportion in percent with one decimal ("58.6 %"), or "—". */
export function pct1(x: number | null | undefined): string {
  return typeof x === 'number' && Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : DASH
}

/** A number with `digits` decimals, or "—". */
export function fixed(x: number | null | undefined, digits = 3): string {
  return typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : DASH
}

/** A p-value: "< 0.001" below that, else three decimals; "—" when undefined. */
export function pValue(p: number | null | undefined): string {
  if (typeof p !== 'number' || !Number.isFinite(p)) return DASH
  return p < 0.001 ? '< 0.001' : p.toFixed(3)
}

/** "2026-01-31 14:05 UTC" from an ISO timestamp (falls back to the input). */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return DASH
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`
}

/** "1 seed", "3 seeds". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`
}
