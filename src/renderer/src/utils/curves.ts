/** Per-job training curves as plain arrays of [epoch, value] points (kept out of Vue's reactivity; charts read them). */
export type Point = [number, number]

export interface Curves {
  trainLoss: Point[]
  valLoss: Point[]
  valAccuracy: Point[]
  /** Method internals by name (epoch `extras`), e.g. `wce.weight.0`. */
  extras: Record<string, Point[]>
}

export interface EpochPoint {
  epoch: number
  trainLoss: number
  valLoss: number
  valAccuracy: number
  extras?: Record<string, number>
}

export const emptyCurves = (): Curves => ({ trainLoss: [], valLoss: [], valAccuracy: [], extras: {} })

function put(series: Point[], epoch: number, value: number): void {
  const last = series[series.length - 1]
  if (last && last[0] >= epoch) {
    // A resumed or repeated epoch replaces what was there from that epoch on.
    const at = series.findIndex((p) => p[0] >= epoch)
    series.length = at
  }
  series.push([epoch, value])
}

export function appendEpoch(c: Curves, e: EpochPoint): void {
  put(c.trainLoss, e.epoch, e.trainLoss)
  put(c.valLoss, e.epoch, e.valLoss)
  put(c.valAccuracy, e.epoch, e.valAccuracy)
  for (const [name, v] of Object.entries(e.extras ?? {})) put((c.extras[name] ??= []), e.epoch, v)
}

export function curvesFromEpochs(entries: readonly EpochPoint[]): Curves {
  const c = emptyCurves()
  for (const e of [...entries].sort((a, b) => a.epoch - b.epoch)) appendEpoch(c, e)
  return c
}

/**
 * Series of very different magnitudes (a loss-sized ratio next to a sample count) on one axis flatten
 * the small ones to a line at 0: when the largest values differ by more than `ratio`, the large
 * series go to a second (right) axis. Returns the series with their axis and the axis count.
 */
export function splitByMagnitude<S extends { data: readonly (readonly [number, number])[] }>(series: S[], ratio = 20): { series: (S & { axis: 0 | 1 })[]; axes: 1 | 2 } {
  const peak = series.map((s) => s.data.reduce((m, p) => (Number.isFinite(p[1]) ? Math.max(m, Math.abs(p[1])) : m), 0))
  const positive = peak.filter((p) => p > 0)
  const hi = Math.max(0, ...positive)
  const lo = Math.min(Infinity, ...positive)
  if (positive.length < 2 || hi / lo <= ratio) return { series: series.map((s) => ({ ...s, axis: 0 as const })), axes: 1 }
  const cut = Math.sqrt(hi * lo)
  return { series: series.map((s, i) => ({ ...s, axis: (peak[i]! > cut ? 1 : 0) as 0 | 1 })), axes: 2 }
}
