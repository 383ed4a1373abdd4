/**
 * Grouped bar charts with ± std error bars for the report: headline metrics per arm, and a
 * fairness metric per group and arm. Bar widths are computed here, so the error bars sit exactly
 * on their bars.
 */
import type { CustomSeriesRenderItem } from 'echarts'
import type { MeanStd } from '../../../../shared/runs'
import { PALETTE, renderSvg, type ChartSvg, type ReportChartOption } from './render-svg'
import { textWidth } from './label-placement'

export interface BarSeries {
  name: string
  /** One value per category; undefined values draw no bar. */
  values: MeanStd[]
}

export interface GroupedBarsInput {
  categories: string[]
  series: BarSeries[]
  yName: string
  /** Values are proportions, shown in percent (0–100). */
  percent: boolean
  width?: number
  height?: number
  /** Colour offset into the palette (so arms keep their colour across charts). */
  colors?: string[]
}

const GRID = { left: 52, right: 16, top: 40, bottom: 40 }
const CATEGORY_GAP = 0.3
const BAR_GAP = 0.15
const MAX_BAR = 36

/** Bar width and the centre offset of each series inside a category band of `band` px. */
export function barLayout(band: number, count: number): { width: number; offsets: number[] } {
  const usable = band * (1 - CATEGORY_GAP)
  const width = Math.max(1, Math.min(MAX_BAR, usable / (count + (count - 1) * BAR_GAP)))
  const total = count * width + (count - 1) * BAR_GAP * width
  return { width, offsets: Array.from({ length: count }, (_, i) => -total / 2 + width / 2 + i * width * (1 + BAR_GAP)) }
}

function errorBars(offset: number, half: number): CustomSeriesRenderItem {
  return (_params, api) => {
    const x = api.value(0) as number
    const mean = api.value(1) as number
    const std = api.value(2) as number
    const hi = api.coord([x, mean + std])
    const lo = api.coord([x, mean - std])
    const cx = hi[0]! + offset
    const style = { stroke: '#1f2933', lineWidth: 1 }
    return {
      type: 'group',
      children: [
        { type: 'line', shape: { x1: cx, y1: hi[1]!, x2: cx, y2: lo[1]! }, style },
        { type: 'line', shape: { x1: cx - half, y1: hi[1]!, x2: cx + half, y2: hi[1]! }, style },
        { type: 'line', shape: { x1: cx - half, y1: lo[1]!, x2: cx + half, y2: lo[1]! }, style },
      ],
    }
  }
}

/** Rows ECharts' horizontal legend needs for these names (12 px text, 12 px icon, 5 + 10 px gaps). */
export function legendRows(names: string[], width: number): number {
  let rows = 1
  let x = 0
  for (const name of names) {
    const w = 12 + 5 + textWidth(name, 12) + 10
    if (x > 0 && x + w > width) {
      rows++
      x = 0
    }
    x += w
  }
  return rows
}

/** Bars per category and series with ± std whiskers; the legend names the series. */
export function groupedBarsChart(input: GroupedBarsInput): ChartSvg {
  const width = input.width ?? 680
  const height = input.height ?? 280
  const scale = input.percent ? 100 : 1
  const band = (width - GRID.left - GRID.right) / Math.max(1, input.categories.length)
  const layout = barLayout(band, Math.max(1, input.series.length))
  const colors = input.colors ?? PALETTE
  const value = (m: MeanStd | undefined): number | null => (m && m.n > 0 && Number.isFinite(m.mean) ? +(m.mean * scale).toFixed(3) : null)
  const top = Math.max(0, ...input.series.flatMap((s) => s.values.map((m) => (value(m) ?? 0) + (Number.isFinite(m.std) ? m.std * scale : 0))))
  // Category labels that would not fit side by side are tilted (and the grid makes room for them).
  const crowded = input.categories.reduce((sum, c) => sum + c.length * 6.5 + 12, 0) > width - GRID.left - GRID.right
  // A legend that wraps onto more rows pushes the plot down (it covered the top tick otherwise).
  const rows = legendRows(input.series.map((s) => s.name), width - 20)
  const grid = { ...GRID, top: GRID.top + (rows - 1) * 18, bottom: crowded ? GRID.bottom + 34 : GRID.bottom }
  const option: ReportChartOption = {
    color: colors,
    grid,
    legend: { top: 4, itemWidth: 12, itemHeight: 10, data: input.series.map((s) => s.name) },
    xAxis: { type: 'category', data: input.categories, axisTick: { show: false }, axisLabel: { interval: 0, rotate: crowded ? 35 : 0 } },
    yAxis: {
      type: 'value',
      name: input.yName,
      nameLocation: 'middle',
      nameGap: 36,
      min: 0,
      max: input.percent ? Math.min(100, Math.ceil(top / 20) * 20 || 100) : undefined,
    },
    series: [
      ...input.series.map((s) => ({
        type: 'bar' as const,
        name: s.name,
        barWidth: layout.width,
        barGap: `${BAR_GAP * 100}%`,
        data: s.values.map(value),
      })),
      ...input.series.map((s, i) => ({
        type: 'custom' as const,
        name: `${s.name} ± std`,
        renderItem: errorBars(layout.offsets[i] ?? 0, Math.max(2, layout.width * 0.25)),
        data: s.values.flatMap((m, k) => {
          const v = value(m)
          return v === null || !Number.isFinite(m.std) ? [] : [[k, v, m.std * scale]]
        }),
        z: 10,
      })),
    ],
  }
  return renderSvg(option, width, height)
}
