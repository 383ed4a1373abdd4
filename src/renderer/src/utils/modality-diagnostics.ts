/** Pure helpers of the modality-diagnostics views: per-modality epoch curves, "mean ± std" text, diverging cell colours. */
import type { MeanStd } from '@shared/diagnostics'
import type { Curves, Point } from './curves'

/** Epoch extras written by the trainer's diagnostics: `unimodal.<m>.valAccuracy|valAuc` (heads) or `probe.<m>.*` (linear probes). */
const MODALITY_EXTRA = /^(unimodal|probe)\.(\d+)\.(valAccuracy|valAuc)$/

export const isModalityExtra = (name: string): boolean => MODALITY_EXTRA.test(name)

export interface ModalitySeries {
  name: string
  data: Point[]
  axis: 0 | 1
  dashed: boolean
}

/**
 * Curves of each modality alone from a job's extras: accuracy solid on the left axis, AUC dashed on
 * the right, named after the modality (`names[m]`, else "modality m") and the source (head or probe).
 */
export function modalityCurveSeries(curves: Curves | undefined, names: readonly string[] = []): ModalitySeries[] {
  if (!curves) return []
  const out: ModalitySeries[] = []
  for (const [key, data] of Object.entries(curves.extras)) {
    const m = MODALITY_EXTRA.exec(key)
    if (!m) continue
    const modality = names[Number(m[2])] ?? `modality ${m[2]}`
    const auc = m[3] === 'valAuc'
    out.push({ name: `${modality} ${auc ? 'AUC' : 'accuracy'} (${m[1] === 'probe' ? 'probe' : 'head'})`, data, axis: auc ? 1 : 0, dashed: auc })
  }
  return out.sort((a, b) => a.name.localeCompare(b.name))
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v)

/** "72.5 ± 3.1" in percent with one decimal, "—" when missing. */
export function pctMeanStd(m: MeanStd | undefined): string {
  if (!m || !finite(m.mean)) return '—'
  return `${(m.mean * 100).toFixed(1)} ± ${((finite(m.std) ? m.std : 0) * 100).toFixed(1)}`
}

/** A signed value in percentage points with one decimal ("+12.3", "−4.0"), "—" when missing. */
export function signedPoints(v: number | null | undefined): string {
  if (!finite(v)) return '—'
  const s = (v * 100).toFixed(1)
  return v > 0 ? `+${s}` : s.replace('-', '−')
}

/**
 * Diverging background for a signed contribution: blue for positive, vermilion for negative
 * (Okabe–Ito colours, colour-blind safe), opacity ∝ |v| / maxAbs; transparent when missing.
 */
export function divergingColor(v: number | null | undefined, maxAbs: number): string {
  if (!finite(v) || !(maxAbs > 0)) return 'transparent'
  const a = Math.min(1, Math.abs(v) / maxAbs) * 0.55
  return v >= 0 ? `rgba(0, 114, 178, ${a.toFixed(3)})` : `rgba(213, 94, 0, ${a.toFixed(3)})`
}
