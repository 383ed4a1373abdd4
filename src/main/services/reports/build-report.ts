/**
 * The run report as PDF bytes: one code path for the app, the CLI and the tests (pdfmake with
 * ECharts server-side SVG charts, Roboto embedded, no network).
 */
import type { Workspace } from '../workspace'
import { DEFAULT_STYLE, keepHeadingsWithContent, PAGE_MARGINS, STYLES } from './layout'
import { renderPdf, type Content, type DocDefinition } from './pdf'
import { collectReportData, type ReportData, type ReportDataOptions } from './report-data'
import { internalsSection, limitationsSection } from './sections/closing'
import { datasetCard, findingsBlock, titleBlock } from './sections/cover'
import { fairnessSection } from './sections/fairness'
import { configAppendix, protocolSection } from './sections/protocol'
import { resultsSection } from './sections/results'
import { statisticsSection } from './sections/statistics'

export interface BuildReportOptions extends ReportDataOptions {
  /**
   * Renders the collected data to PDF bytes somewhere else (the background worker thread of the
   * server and the app); default `renderReportPdf` in this thread (CLI, tests).
   */
  render?: (data: ReportData) => Promise<Uint8Array>
}

/** The document definition of a report (exported for tests of the layout). */
export function reportDocument(d: ReportData): DocDefinition {
  const content: Content[] = [
    ...titleBlock(d),
    ...findingsBlock(d),
    ...datasetCard(d),
    ...protocolSection(d),
    ...resultsSection(d),
    ...statisticsSection(d),
    ...fairnessSection(d),
    ...internalsSection(d),
    ...limitationsSection(d),
    ...configAppendix(d),
  ]
  return {
    info: { title: `Equimodal report: ${d.run.experimentName}`, subject: `Run ${d.run.runId}`, creator: 'Equimodal', producer: 'Equimodal (pdfmake)' },
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    styles: STYLES,
    defaultStyle: DEFAULT_STYLE,
    pageBreakBefore: keepHeadingsWithContent,
    footer: (page, pages) => ({
      columns: [
        { text: `Equimodal · run ${d.run.runId}`, alignment: 'left' },
        { text: `page ${page} of ${pages}`, alignment: 'right' },
      ],
      fontSize: 7,
      color: '#829ab1',
      margin: [40, 16, 40, 0],
    }),
    content,
  }
}

/**
 * Builds the PDF report of `runId`. `opts.comparison` takes a `RunComparison` computed elsewhere
 * (e.g. the compare view's, with its own reference arm and test); without it `compareRun`'s
 * defaults are used.
 * @throws AppFailure `NOT_FOUND` for an unknown run.
 */
export async function buildRunReport(ws: Workspace, runId: string, opts: BuildReportOptions = {}): Promise<Buffer> {
  const data = await collectReportData(ws, runId, opts)
  if (!opts.render) return renderReportPdf(data)
  const bytes = await opts.render(data)
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** The PDF bytes of collected report data: layout, charts (ECharts SVG) and pdfmake rendering, all CPU. */
export function renderReportPdf(data: ReportData): Promise<Buffer> {
  return renderPdf(reportDocument(data))
}
