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
