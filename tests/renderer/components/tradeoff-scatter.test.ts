/** Trade-off scatter: labels of points that would overlap are hidden (legend and tooltip still name them). */
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import TradeoffScatterChart from '@renderer/components/charts/TradeoffScatterChart.vue'

const labels = (html: string, names: string[]) => names.filter((n) => new RegExp(`<text[^>]*>${n}</text>`).test(html))

describe('TradeoffScatterChart', () => {
  it('labels distant points and hides the label of a point on top of another', () => {
    const apart = mount(TradeoffScatterChart, { props: { xName: 'EOD', points: [{ arm: 'armA', x: 0.01, y: 0.6 }, { arm: 'armB', x: 0.3, y: 0.9 }] } })
    // Legend entries are <text> too, so count occurrences: legend + point label = 2 per arm.
    const count = (html: string, n: string) => (html.match(new RegExp(`<text[^>]*>${n}</text>`, 'g')) ?? []).length
    const a = apart.find('svg').html()
    expect(labels(a, ['armA', 'armB'])).toEqual(['armA', 'armB'])
    expect(count(a, 'armA') + count(a, 'armB')).toBe(4)
    apart.unmount()
    const same = mount(TradeoffScatterChart, { props: { xName: 'EOD', points: [{ arm: 'armA', x: 0.1, y: 0.7 }, { arm: 'armB', x: 0.1, y: 0.7 }, { arm: 'armC', x: 0.3, y: 0.9 }] } })
    const s = same.find('svg').html()
    // Two legend texts each for A/B/C = 3, labels: C plus one of A/B = 2.
    expect(count(s, 'armA') + count(s, 'armB') + count(s, 'armC')).toBe(5)
    same.unmount()
  })
})
