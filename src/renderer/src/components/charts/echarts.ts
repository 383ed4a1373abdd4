/** ECharts registration: only the pieces we use (tree-shaken), always with the SVG renderer. */
import { BarChart, CustomChart, LineChart, ScatterChart } from 'echarts/charts'
import type { BarSeriesOption, CustomSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import { init, use, type ComposeOption, type ECharts } from 'echarts/core'
import { LabelLayout } from 'echarts/features'
import { SVGRenderer } from 'echarts/renderers'

use([LineChart, BarChart, ScatterChart, CustomChart, GridComponent, LegendComponent, TooltipComponent, LabelLayout, SVGRenderer])

export type ChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | ScatterSeriesOption | CustomSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>
export type Chart = ECharts

/** Series colours (colour-blind-safe, Okabe–Ito order). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000']

/** The text style every chart shares. */
export const TEXT = { color: '#5f6b7a', fontSize: 11 }

/**
 * SVG keeps charts identical in the app, in happy-dom tests, in headless Chromium and in PDF reports.
 * An element without layout (tests, hidden panels) gets `fallbackWidth` × `height`.
 */
export function createChart(el: HTMLElement, height: number, fallbackWidth = 600): Chart {
  const sized = el.clientWidth > 0 && el.clientHeight > 0
  return init(el, undefined, sized ? { renderer: 'svg' } : { renderer: 'svg', width: fallbackWidth, height })
}
