/**
 * The import worker thread: reads and parses files for `datasets:preview` and `datasets:import`
 * off the main thread, so the server (or the Electron main process) keeps answering while a large
 * file is parsed. Source files are only read; the workspace is written by the main side alone.
 */
import { parentPort } from 'node:worker_threads'
import { AppFailure } from '../../../../shared/result'
import { importDataset, previewFile } from '../import'
import { transferablesOf, type WorkerAnswer, type WorkerTask } from './protocol'

const port = parentPort
if (!port) throw new Error('The import worker must run in a worker thread.')

port.on('message', (task: WorkerTask) => {
  void (async () => {
    let answer: WorkerAnswer
    try {
      const value = task.task === 'preview' ? await previewFile(task.file, task.rows, task.options) : await importDataset(task.spec as never, task.baseDir)
      answer = { id: task.id, ok: true, value }
    } catch (e) {
      answer = { id: task.id, ok: false, error: e instanceof AppFailure ? e.error : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } }
    }
    port.postMessage(answer, answer.ok ? transferablesOf(answer.value) : [])
  })()
})
