/** Run reports (PDF): one builder for the app, the CLI and the tests. */
export { buildRunReport, renderReportPdf, reportDocument, type BuildReportOptions } from './build-report'
export { collectReportData, type ReportData } from './report-data'
export { defaultReportPath, writeFileAtomic, writeRunReport } from './write-report'
