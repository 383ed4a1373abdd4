/**
 * Runs: the list of past runs, live progress of active ones from `runs:*` events, their jobs,
 * per-job curves (buffered outside reactivity, published at most 10 times a second), cancel and resume.
 */
import type { EventPayload } from '@shared/ipc/contract'
import type { JobListEntry } from '@shared/ipc/views'
import type { RunListEntry } from '@shared/runs'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, markRaw, ref } from 'vue'
import { api } from '@renderer/services/api'
import { reportError } from '@renderer/services/report-error'
import { appendEpoch, curvesFromEpochs, emptyCurves, type Curves } from '@renderer/utils/curves'
import { plannedJobs } from '@renderer/utils/experiment-config'
import { keyStringOf, type LiveJob, type RunProgress } from '@renderer/utils/run-progress'
import { throttle } from '@renderer/utils/throttle'
import { useNotificationsStore } from './notifications'

/** Live curves are published at most this often (10 updates/s). */
export const CURVE_INTERVAL_MS = 100

export const curveId = (runId: string, job: string): string => `${runId}\n${job}`

export const useRunsStore = defineStore('runs', () => {
  const list = ref<RunListEntry[]>([])
  const loading = ref(false)
  /** Progress of runs seen live in this session (active ones and those that ended while the app was open). */
  const progress = ref<Record<string, RunProgress>>({})
  /** Committed jobs per run (`runs:jobs`). */
  const jobs = ref<Record<string, JobListEntry[]>>({})
  /** Planned job count per past run (from its stored config). */
  const totals = ref<Record<string, number>>({})
  const selectedRunId = ref<string | null>(null)
  const selectedJob = ref<string | null>(null)
  /** Bumped when buffered curves were published; charts redraw on it. */
  const curveTick = ref(0)

  const curves = markRaw(new Map<string, Curves>())
  const pendingEpochs = new Map<string, { runId: string; key: EventPayload<'runs:progress'>['key']; epoch: number; totalEpochs: number }>()
  const publish = throttle(() => {
    for (const [, p] of pendingEpochs) {
      const job = ensureJob(p.runId, p.key)
      job.epoch = p.epoch
      job.totalEpochs = p.totalEpochs
    }
    pendingEpochs.clear()
    curveTick.value++
  }, CURVE_INTERVAL_MS)

  const sortedList = computed(() => [...list.value].sort((a, b) => b.createdAt.localeCompare(a.createdAt)))
  const activeIds = computed(() => Object.values(progress.value).filter((p) => p.active).map((p) => p.runId))

  function ensureRun(runId: string, experimentName = ''): RunProgress {
    let p = progress.value[runId]
    if (!p) {
      const known = list.value.find((r) => r.runId === runId)
      progress.value[runId] = { runId, experimentName: experimentName || known?.experimentName || runId, totalJobs: 0, toRun: 0, finished: 0, backend: null, startedAt: Date.now(), endedAt: null, active: true, error: null, jobs: {} }
      p = progress.value[runId]!
    }
    return p
  }

  function ensureJob(runId: string, key: LiveJob['key']): LiveJob {
    const run = ensureRun(runId)
    const ks = keyStringOf(key)
    return (run.jobs[ks] ??= { key, keyString: ks, status: 'running', epoch: 0, totalEpochs: 0 })
  }

  let subscribed = false
  function subscribe(): void {
    if (subscribed) return
    subscribed = true
    api.on('runs:started', (e) => {
      const p = ensureRun(e.runId, e.experimentName)
      if (e.experimentName) p.experimentName = e.experimentName
      Object.assign(p, { totalJobs: e.totalJobs, toRun: e.totalJobs - e.skipped, finished: 0, active: true, endedAt: null, error: null, startedAt: Date.now() })
      const notes = useNotificationsStore()
      for (const w of e.warnings) notes.notify({ level: 'warning', message: w, title: p.experimentName })
    })
    api.on('runs:backend', (e) => {
      ensureRun(e.runId).backend = e.backend
    })
    api.on('runs:progress', (e) => {
      const id = curveId(e.runId, keyStringOf(e.key))
      let c = curves.get(id)
      if (!c) curves.set(id, (c = emptyCurves()))
      appendEpoch(c, e)
      pendingEpochs.set(id, { runId: e.runId, key: e.key, epoch: e.epoch, totalEpochs: e.totalEpochs })
      if (selectedRunId.value === e.runId && selectedJob.value === null) selectedJob.value = keyStringOf(e.key)
      publish.request()
    })
    api.on('runs:job-finished', (e) => {
      publish.flush()
      const job = ensureJob(e.runId, e.key)
      job.status = e.status
      if (e.reason !== undefined) job.reason = e.reason
      if (e.accuracy !== undefined) job.accuracy = e.accuracy
      const p = ensureRun(e.runId)
      p.finished = e.finished
      p.toRun = e.toRun
    })
    api.on('runs:finished', (e) => {
      publish.flush()
      const p = ensureRun(e.runId)
      p.active = false
      p.endedAt = Date.now()
      for (const f of e.outcome?.failures ?? []) {
        const job = p.jobs[f.key]
        if (job) Object.assign(job, { status: 'failed', reason: f.reason })
      }
      // Jobs still training when the run ended were dropped (cancel, interrupt): not running any more.
      for (const job of Object.values(p.jobs)) if (job.status === 'running') job.status = 'stopped'

      const notes = useNotificationsStore()
      if (e.error) {
        p.error = e.error
        notes.notify({ level: 'error', title: `Run "${p.experimentName}" stopped`, message: e.error })
      } else if (e.outcome) {
        const o = e.outcome
        const how = o.status === 'completed' ? 'finished' : 'was interrupted'
        notes.notify({ level: o.jobsFailed ? 'warning' : 'info', message: `Run "${p.experimentName}" ${how}: ${o.jobsDone} jobs done, ${o.jobsFailed} failed.` })
      }
      void load()
      if (selectedRunId.value === e.runId) void loadJobs(e.runId)
    })
  }

  /** Subscribes to run events once, then loads the active runs and the list. */
  async function init(): Promise<void> {
    subscribe()
    try {
      for (const a of await api.invoke('runs:active', {})) {
        const p = ensureRun(a.runId, a.experimentName)
        const started = Date.parse(a.startedAt)
        Object.assign(p, { totalJobs: a.totalJobs, toRun: a.toRun, finished: a.finished, backend: a.backend, active: true, startedAt: Number.isNaN(started) ? Date.now() : started })
      }
    } catch (e) {
      reportError(e, 'Could not read the active runs')
    }
    await load()
  }

  async function load(): Promise<void> {
    loading.value = true
    try {
      list.value = await api.invoke('runs:list', {})
      // Runs first seen through a progress event carry their id as a name until the list names them.
      for (const r of list.value) {
        const p = progress.value[r.runId]
        if (p && p.experimentName === r.runId && r.experimentName) p.experimentName = r.experimentName
      }
    } catch (e) {
      reportError(e, 'Could not list the runs')
    } finally {
      loading.value = false
    }
    void loadTotals()
  }

  /** Done/total of recent past runs: committed jobs and the planned count of their stored config. */
  async function loadTotals(limit = 20): Promise<void> {
    const todo = sortedList.value.filter((r) => !progress.value[r.runId]?.active && totals.value[r.runId] === undefined).slice(0, limit)
    for (const r of todo) {
      try {
        const [{ config }] = await Promise.all([api.invoke('runs:config', { runId: r.runId }), loadJobs(r.runId, true)])
        const cfg = config as Parameters<typeof plannedJobs>[0]
        totals.value[r.runId] = cfg && Array.isArray(cfg.arms) && Array.isArray(cfg.seeds) && cfg.protocol ? plannedJobs(cfg) : (jobs.value[r.runId]?.length ?? 0)
      } catch {
        totals.value[r.runId] = jobs.value[r.runId]?.length ?? 0
      }
    }
  }

  async function loadJobs(runId: string, quiet = false): Promise<void> {
    try {
      jobs.value[runId] = await api.invoke('runs:jobs', { runId })
    } catch (e) {
      if (!quiet) reportError(e, 'Could not load the jobs of the run')
    }
  }

  /** Called by the experiment store after `runs:launch`: tracks and selects the new run. */
  function launched(runId: string, experimentName: string): void {
    subscribe()
    const p = ensureRun(runId, experimentName)
    if (experimentName) p.experimentName = experimentName
    selectRun(runId)
    void load()
  }

  function selectRun(runId: string | null): void {
    if (selectedRunId.value !== runId) selectedJob.value = null
    selectedRunId.value = runId
    if (runId) void loadJobs(runId, true)
  }

  /** Shows a job's curves: live ones while it runs, else its stored epochs (with method internals). */
  async function selectJob(job: string): Promise<void> {
    const runId = selectedRunId.value
    selectedJob.value = job
    if (!runId) return
    const live = progress.value[runId]?.jobs[job]
    if (live?.status === 'running') return
    try {
      const entries = await api.invoke('runs:epochs', { runId, job })
      curves.set(curveId(runId, job), curvesFromEpochs(entries))
      curveTick.value++
    } catch (e) {
      reportError(e, 'Could not load the epochs of the job')
    }
  }

  /** The buffered curves of a job (read after `curveTick` changes). */
  const curvesOf = (runId: string, job: string): Curves | undefined => curves.get(curveId(runId, job))

  async function cancel(runId: string): Promise<void> {
    try {
      const { cancelled } = await api.invoke('runs:cancel', { runId })
      if (!cancelled) useNotificationsStore().notify({ level: 'warning', message: 'The run was not running any more.' })
    } catch (e) {
      reportError(e, 'Could not cancel the run')
    }
  }

  /** Launches the run's stored config again: jobs already committed are skipped. */
  async function resume(runId: string): Promise<string | null> {
    try {
      const { config } = await api.invoke('runs:config', { runId })
      const { runId: id } = await api.invoke('runs:launch', { config })
      const name = list.value.find((r) => r.runId === runId)?.experimentName ?? ''
      launched(id, name)
      return id
    } catch (e) {
      reportError(e, 'Could not resume the run')
      return null
    }
  }

  return { list, sortedList, loading, progress, jobs, totals, selectedRunId, selectedJob, curveTick, activeIds, init, load, loadJobs, launched, selectRun, selectJob, curvesOf, cancel, resume }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useRunsStore, import.meta.hot))
