/** Number formatting shared by the views; `pct`/`plain` match the CLI's results table exactly. */
import type { MeanStd } from '@shared/runs'

/** "81.5 ± 2.1" in percent with one decimal, or "—" when there is no value (as the CLI prints it). */
export function pct(m: MeanStd | undefined | null): string {
  if (!m || m.n === 0 || !Number.isFinite(m.mean)) return '—'
  return `${(m.mean * 100).toFixed(1)} ± ${(m.std * 100).toFixed(1)}`
}

/** "0.123 ± 0.045", or "—" (DPD/EOD, as the CLI prints them). */
export function plain(m: MeanStd | undefined | null, digits = 3): string {
  if (!m || m.n === 0 || !Number.isFinite(m.mean)) return '—'
  return `${m.mean.toFixed(digits)} ± ${m.std.toFixed(digits)}`
}

/** A plain number with `digits` decimals, or "—". */
export function num(v: number | null | undefined, digits = 2): string {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '—'
}

/** "42s", "3m05s", "1h02m". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—'
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`
}

/** Local date and time, short. */
export function formatDate(iso: string): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  return new Date(t).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
}

/** "CamelCase" / "snake_case" field names as a label: "learningRate" → "Learning rate". */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** "1, 2.5,3" → [1, 2.5, 3]; null when any item is not a finite number. Empty text → []. */
export function parseNumberList(text: string): number[] | null {
  const items = text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean)
  const values = items.map(Number)
  return values.every((v) => Number.isFinite(v)) ? values : null
}
