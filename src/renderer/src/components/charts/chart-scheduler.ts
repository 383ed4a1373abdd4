/**
 * Chart creation spread over tasks: creating an ECharts instance (measuring text, building the SVG)
 * costs tens of milliseconds, and a view mounting six charts at once would block the page for
 * hundreds. Mounted charts queue their creation here; the queue runs as many as fit in a short time
 * budget per task, then yields to the browser (input, painting, socket messages) and goes on.
 */

/** Work per task before yielding (ms): one long chart still runs whole; queued ones wait for the next task. */
export const CHART_TASK_BUDGET_MS = 12

type Mode = 'deferred' | 'sync'
let mode: Mode = 'deferred'
const queue: (() => void)[] = []
let scheduled = false

/**
 * 'sync' creates every chart at once (component tests, where there is no page to keep responsive);
 * 'deferred' (default) spreads creations over tasks.
 */
export function setChartScheduling(next: Mode): void {
  mode = next
  if (mode === 'sync') flushCharts()
}

/** Runs `create` now ('sync') or in a later task ('deferred'); the caller checks it is still mounted. */
export function scheduleChart(create: () => void): void {
  if (mode === 'sync') return create()
  queue.push(create)
  if (!scheduled) {
    scheduled = true
    setTimeout(drain, 0)
  }
}

function drain(): void {
  const start = performance.now()
  while (queue.length > 0) {
    queue.shift()!()
    if (performance.now() - start >= CHART_TASK_BUDGET_MS) break
  }
  if (queue.length > 0) setTimeout(drain, 0)
  else scheduled = false
}

/** Creates every queued chart now (tests). */
export function flushCharts(): void {
  while (queue.length > 0) queue.shift()!()
}

/** Charts waiting to be created. */
export const pendingCharts = (): number => queue.length
