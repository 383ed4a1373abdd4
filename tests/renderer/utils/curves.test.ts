/** Live-curve helpers: series of very different magnitudes are split over two axes. */
import { describe, expect, it } from 'vitest'
import { splitByMagnitude } from '@renderer/utils/curves'

const s = (name: string, ...values: number[]) => ({ name, data: values.map((v, i) => [i + 1, v] as [number, number]) })

describe('splitByMagnitude', () => {
  it('puts a sample count on the right axis next to gaps in [0, 1]', () => {
    const out = splitByMagnitude([s('group.sex.accGap', 0.1, 0.2), s('plan.samples', 128, 128), s('group.sex.worstAcc', 0.3, 0.45)])
    expect(out.axes).toBe(2)
    expect(out.series.map((x) => [x.name, x.axis])).toEqual([
      ['group.sex.accGap', 0],
      ['plan.samples', 1],
      ['group.sex.worstAcc', 0],
    ])
  })

  it('keeps one axis for comparable magnitudes, a single series, or all-zero series', () => {
    expect(splitByMagnitude([s('a', 0.5, 1), s('b', 2, 3)]).axes).toBe(1)
    expect(splitByMagnitude([s('a', 500)]).axes).toBe(1)
    expect(splitByMagnitude([s('a', 0, 0), s('b', 100)]).series.map((x) => x.axis)).toEqual([0, 0])
    // Non-finite values are ignored when measuring.
    expect(splitByMagnitude([s('a', Number.NaN, 0.2), s('b', 50)]).axes).toBe(2)
  })
})
