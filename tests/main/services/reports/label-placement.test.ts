/** Label placement of the report's scatter: hand-built boxes, expected offsets worked out by hand. */
import { describe, expect, it } from 'vitest'
import { labelOffsets, textWidth } from '../../../../src/main/services/reports/charts/label-placement'

describe('labelOffsets', () => {
  it('leaves labels of distant points where they are', () => {
    expect(labelOffsets([{ x: 10, y: 100, width: 40, height: 12 }, { x: 200, y: 100, width: 40, height: 12 }])).toEqual([0, 0])
  })

  it('stacks labels of coincident points one line apart, first up, then below the point', () => {
    const box = { x: 100, y: 100, width: 40, height: 12 }
    // First stays above (0); second moves up one line (−12); third goes below the point:
    // one line down plus the point's own clearance (2·gap + height = 2·7 + 12 = 26) → 12 + 26 = 38.
    expect(labelOffsets([box, box, box])).toEqual([0, -12, 38])
  })

  it('moves only the label that overlaps, and keeps the order of the input', () => {
    // Point 1 (y = 80) is placed first, its label box centred at 80 − 7 − 6 = 67. Point 0 (y = 85)
    // starts at 72 (|Δy| = 5 < 12, |Δx| = 10 < 40: overlap); one line up, 60, still overlaps
    // (|60 − 67| = 7 < 12); one line below the point, 72 + 38 = 110, is free → offset 38.
    const out = labelOffsets([{ x: 110, y: 85, width: 40, height: 12 }, { x: 100, y: 80, width: 40, height: 12 }, { x: 300, y: 85, width: 40, height: 12 }])
    expect(out[1]).toBe(0)
    expect(out[2]).toBe(0)
    expect(out[0]).toBe(38)
  })

  it('estimates text width from the font size', () => {
    expect(textWidth('abcd', 10)).toBeCloseTo(22)
  })

  it('keeps labels off other points\' markers when markerSize is given', () => {
    // Point 1 (y 87) is placed first: label centre 87 − 7 − 6 = 74, clear of both markers
    // (|74 − 87| = 13 > (12 + 11)/2). Point 0's label at 100 − 13 = 87 would cover point 1's marker
    // (centre 87); one line up (75) hits point 1's label (|75 − 74| < 12); below its own point,
    // 87 + 38 = 125, is clear of everything → offsets [38, 0]. Without markers point 0 stays at 0.
    const boxes = [{ x: 100, y: 100, width: 40, height: 12 }, { x: 100, y: 87, width: 40, height: 12 }]
    expect(labelOffsets(boxes)[0]).toBe(0)
    expect(labelOffsets(boxes, 7, 12, 11)).toEqual([38, 0])
  })
})
