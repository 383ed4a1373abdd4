/**
 * Greedy placement of point labels in a scatter chart: each label sits centred above its point and,
 * when its box would overlap a label already placed, moves up (then down) in steps of one line until
 * it is free. ECharts' own `moveOverlap` does not shift labels in server-side rendering (checked with
 * ECharts 6.1), so the report computes the offsets itself from the known pixel layout.
 */

export interface LabelBox {
  /** Pixel position of the point. */
  x: number
  y: number
  /** Label width and height in px. */
  width: number
  height: number
}

/** Approximate width of `text` at `fontSize` px in Roboto (average glyph ≈ 0.55 em). */
export const textWidth = (text: string, fontSize: number): number => text.length * fontSize * 0.55

const overlaps = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }): boolean =>
  Math.abs(a.x - b.x) * 2 < a.w + b.w && Math.abs(a.y - b.y) * 2 < a.h + b.h

/**
 * Vertical offsets (px, negative = up, relative to the default "label above the point" position)
 * for each label, in input order; the labels are placed from the top of the chart down, avoiding
 * the labels already placed and, with `markerSize` > 0, every point's marker.
 */
export function labelOffsets(boxes: LabelBox[], gap = 7, maxTries = 12, markerSize = 0): number[] {
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[a]!.y - boxes[b]!.y || boxes[a]!.x - boxes[b]!.x)
  // The points' markers are obstacles too (markerSize 0: labels only).
  const placed: { x: number; y: number; w: number; h: number }[] = markerSize > 0 ? boxes.map((b) => ({ x: b.x, y: b.y, w: markerSize, h: markerSize })) : []
  const out = new Array<number>(boxes.length).fill(0)
  for (const i of order) {
    const b = boxes[i]!
    const base = b.y - gap - b.height / 2
    let chosen = 0
    for (let k = 0; k <= maxTries; k++) {
      // 0, −1, +1, −2, +2, … lines; "down" steps skip the point itself.
      const steps = k === 0 ? 0 : k % 2 === 1 ? -Math.ceil(k / 2) : Math.ceil(k / 2)
      const dy = steps * b.height + (steps > 0 ? 2 * gap + b.height : 0)
      const box = { x: b.x, y: base + dy, w: b.width, h: b.height }
      chosen = dy
      if (!placed.some((p) => overlaps(p, box))) break
    }
    placed.push({ x: b.x, y: base + chosen, w: b.width, h: b.height })
    out[i] = chosen
  }
  return out
}
