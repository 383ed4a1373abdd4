/**
 * The report's analysis charts: fairness–accuracy trade-off scatter, confusion matrix heatmap
 * (row-normalised colour, counts as labels) and ROC curves.
 */
import { labelOffsets, textWidth } from './label-placement'
import { PALETTE, renderSvg, type ChartSvg, type ReportChartOption } from './render-svg'

export interface TradeoffPoint {
  arm: string
  /** Fairness gap (lower is fairer), e.g. EOD. */
  gap: number
  /** Proportion, e.g. balanced accuracy. */
  score: number
  color: string
}

/** Marker size of the trade-off scatter (px). */
const SYMBOL_SIZE = 11

/** One labelled point per arm: x = gap, y = score in percent; the ideal corner is top-left. */
export function tradeoffChart(points: TradeoffPoint[], xName: string, yName: string, width = 440, height = 300): ChartSvg {
  const maxGap = Math.max(0, ...points.map((p) => p.gap)) * 1.25
  const step = maxGap > 0.5 ? 0.2 : maxGap > 0.2 ? 0.1 : 0.05
  const xMax = +Math.max(step, Math.ceil(maxGap / step - 1e-9) * step).toFixed(2)
  const ys = points.map((p) => +(p.score * 100).toFixed(2))
  const [yMin, yMax, yStep] = yRange(ys)
  const grid = { left: 56, right: 20, top: 24, bottom: 48 }
  // Pixel positions are known from the fixed axis ranges, so labels can be placed without overlap.
  const px = (gap: number) => grid.left + (gap / xMax) * (width - grid.left - grid.right)
  const py = (y: number) => grid.top + ((yMax - y) / (yMax - yMin)) * (height - grid.top - grid.bottom)
  const offsets = labelOffsets(points.map((p, i) => ({ x: px(p.gap), y: py(ys[i]!), width: textWidth(p.arm, 10) + 10, height: 12 })), 7, 12, SYMBOL_SIZE)
  const option: ReportChartOption = {
    grid,
    xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: 28, min: 0, max: xMax, interval: step },
    yAxis: { type: 'value', name: yName, nameLocation: 'middle', nameGap: 40, min: yMin, max: yMax, interval: yStep },
    series: points.map((p, i) => ({
      type: 'scatter' as const,
      name: p.arm,
      symbolSize: SYMBOL_SIZE,
      itemStyle: { color: p.color },
      label: { show: true, position: 'top' as const, offset: [0, offsets[i] ?? 0], formatter: `{dot|} ${p.arm}`, rich: { dot: { backgroundColor: p.color, width: 7, height: 7, borderRadius: 4 } }, fontSize: 10, color: '#1f2933' },
      // The coloured dot (a round box: the PDF font has no bullet glyph) ties a label to its point when the layout had to move it away.
      data: [[+p.gap.toFixed(4), ys[i]!]],
    })),
  }
  return renderSvg(option, width, height)
}

/** A y range on a round tick step (1, 2, 5 × 10^k; about 4–6 ticks) with room around the points. */
function yRange(ys: number[]): [number, number, number] {
  if (!ys.length) return [0, 100, 20]
  const lo = Math.min(...ys)
  const hi = Math.max(...ys)
  const pad = Math.max(1, (hi - lo) * 0.25)
  const raw = (hi - lo + 2 * pad) / 5
  const pow = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow
  return [Math.max(0, Math.floor((lo - pad) / step) * step), Math.min(100, Math.ceil((hi + pad) / step) * step), step]
}

/** Confusion matrix (true × predicted) as a heatmap; cell colour = share of the true class. */
export function confusionChart(classNames: string[], matrix: number[][], width = 300): ChartSvg {
  const c = classNames.length
  const height = Math.min(270, 110 + 32 * c)
  // Explicit label colours without a text border: svg-to-pdfkit ignores `paint-order`, so ECharts'
  // automatic contrast stroke would be painted over the digits.
  const data: { value: [number, number, number, number]; label: { color: string } }[] = []
  matrix.forEach((row, t) => {
    const total = row.reduce((a, b) => a + b, 0)
    row.forEach((count, p) => {
      const share = total ? count / total : 0
      data.push({ value: [p, c - 1 - t, count, share], label: { color: share > 0.55 ? '#ffffff' : '#1f2933' } })
    })
  })
  const short = (n: string) => (n.length > 10 ? `${n.slice(0, 9)}…` : n)
  const option: ReportChartOption = {
    grid: { left: 70, right: 10, top: 10, bottom: 52 },
    xAxis: { type: 'category', data: classNames.map(short), name: 'predicted', nameLocation: 'middle', nameGap: 34, axisLabel: { interval: 0, rotate: c > 4 ? 30 : 0, fontSize: 9 }, splitArea: { show: false } },
    yAxis: { type: 'category', data: [...classNames].reverse().map(short), name: 'true', nameLocation: 'middle', nameGap: 58, axisLabel: { interval: 0, fontSize: 9 } },
    visualMap: { show: false, min: 0, max: 1, dimension: 3, inRange: { color: ['#f4f7fb', '#0072B2'] } },
    series: [
      {
        type: 'heatmap',
        data,
        label: {
          show: true,
          fontSize: c > 6 ? 8 : 10,
          textBorderWidth: 0,
          formatter: (p) => String((p.value as number[])[2]),
        },
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
      },
    ],
  }
  return renderSvg(option, width, height)
}

export interface RocLine {
  name: string
  fpr: number[]
  tpr: number[]
  color?: string
}

/** ROC curves with the chance diagonal; the legend names each curve. */
export function rocChart(lines: RocLine[], width = 300, height = 300): ChartSvg {
  const option: ReportChartOption = {
    color: PALETTE,
    grid: { left: 44, right: 12, top: 12 + 16 * Math.ceil(lines.length / 2), bottom: 40 },
    legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 9 }, data: lines.map((l) => l.name) },
    xAxis: { type: 'value', min: 0, max: 1, name: 'false positive rate', nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'value', min: 0, max: 1, name: 'true positive rate', nameLocation: 'middle', nameGap: 30 },
    series: [
      {
        type: 'line',
        name: 'chance',
        data: [
          [0, 0],
          [1, 1],
        ],
        showSymbol: false,
        lineStyle: { type: 'dashed', color: '#9aa5b1', width: 1 },
        itemStyle: { color: '#9aa5b1' },
      },
      ...lines.map((l) => ({
        type: 'line' as const,
        name: l.name,
        showSymbol: false,
        lineStyle: { width: 1.5 },
        ...(l.color ? { itemStyle: { color: l.color }, lineStyle: { width: 1.5, color: l.color } } : {}),
        data: l.fpr.map((x, i) => [x, l.tpr[i] ?? 0]),
      })),
    ],
  }
  return renderSvg(option, width, height)
}
