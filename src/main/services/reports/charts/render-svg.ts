/**
 * ECharts server-side rendering to an SVG string (no DOM, no canvas): the report's charts, drawn
 * with the same SVG renderer as the app, animation off.
 */
import { BarChart, CustomChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts'
import type { BarSeriesOption, CustomSeriesOption, HeatmapSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts'
import { GridComponent, LegendComponent, VisualMapComponent } from 'echarts/components'
import type { GridComponentOption, LegendComponentOption, VisualMapComponentOption } from 'echarts/components'
import { init, use, type ComposeOption } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

use([BarChart, CustomChart, HeatmapChart, LineChart, ScatterChart, GridComponent, LegendComponent, VisualMapComponent, SVGRenderer])

export type ReportChartOption = ComposeOption<
  | BarSeriesOption
  | CustomSeriesOption
  | HeatmapSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | VisualMapComponentOption
>

/** A rendered chart: SVG text and the pixel size it was laid out at. */
export interface ChartSvg {
  svg: string
  width: number
  height: number
}

/** Series colours (colour-blind-safe, Okabe–Ito order), as in the app's charts. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000']

/** The text style every chart shares (Roboto is the font embedded in the PDF). */
export const TEXT = { color: '#3d4752', fontSize: 11, fontFamily: 'Roboto' }

/** Renders `option` at `width` × `height` px to an SVG string; the chart instance is disposed. */
export function renderSvg(option: ReportChartOption, width: number, height: number): ChartSvg {
  const chart = init(null, undefined, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({ animation: false, textStyle: TEXT, ...option })
    return { svg: chart.renderToSVGString(), width, height }
  } finally {
    chart.dispose()
  }
}
