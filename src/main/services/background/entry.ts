/**
 * The background worker thread: the CPU-heavy work of `datasets:preview`, `datasets:import`
 * (reading and parsing files) and `reports:create` (laying out the PDF and drawing its charts), off
 * the main thread, so the server (or the Electron main process) keeps answering meanwhile. Source
 * files are only read; the workspace is read and written by the main side alone.
 */
import { parentPort } from 'node:worker_threads'
import { AppFailure } from '../../../shared/result'
import { importDataset, previewFile } from '../datasets/import'
import { transferablesOf, type WorkerAnswer, type WorkerTask } from './protocol'

const port = parentPort
if (!port) throw new Error('The background worker must run in a worker thread.')

async function run(task: WorkerTask): Promise<WorkerAnswer & { ok: true }> {
  switch (task.task) {
    case 'preview':
      return { id: task.id, ok: true, value: await previewFile(task.file, task.rows, task.options) }
    case 'import':
      return { id: task.id, ok: true, value: await importDataset(task.spec as never, task.baseDir) }
    case 'report': {
      // Loaded on first use: pdfmake and ECharts are large, and most sessions never write a report.
      const { renderReportPdf } = await import('../reports/build-report')
      const pdf = await renderReportPdf(task.data)
      return { id: task.id, ok: true, value: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) }
    }
  }
}

port.on('message', (task: WorkerTask) => {
  void (async () => {
    let answer: WorkerAnswer
    try {
      answer = await run(task)
    } catch (e) {
      answer = { id: task.id, ok: false, error: e instanceof AppFailure ? e.error : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } }
    }
    port.postMessage(answer, answer.ok ? transferablesOf(answer.value) : [])
  })()
})
