/**
 * The compare view's data: the selected run's summary (arms × metrics), its statistics against a
 * reference arm (`runs:compare`), its jobs (confusion, per-group metrics) and ROC curves; the
 * report and export of the run into the workspace's reports/ folder.
 */
import type { ArmRoc, JobListEntry } from '@shared/ipc/views'
import type { RunSummary } from '@shared/runs'
import type { DatasetsComparison, PairedTestName, RankedMetric, RunComparisonWithBreakdowns } from '@shared/statistics'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { api } from '@renderer/services/api'
import { reportError } from '@renderer/services/report-error'
import { attributesOf, bestArms, groupAccuracy, sumConfusion, TABLE_METRICS, tradeoffPoints, type TradeoffAxis } from '@renderer/utils/compare-data'
import { useNotificationsStore } from './notifications'

/** Significance levels offered for the verdicts. */
export const ALPHAS = [0.01, 0.05, 0.1] as const

export const useCompareStore = defineStore('compare', () => {
  const runId = ref<string | null>(null)
  /** Read-only server data: shallow refs, no deep reactivity over large metric objects. */
  const summary = shallowRef<RunSummary | null>(null)
  const comparison = shallowRef<RunComparisonWithBreakdowns | null>(null)
  const jobs = shallowRef<JobListEntry[]>([])
  const roc = shallowRef<ArmRoc[]>([])
  const loading = ref(false)
  /** Reference arm of the statistics (null: the run's first arm), significance level and test. */
  const reference = ref<string | null>(null)
  const alpha = ref<number>(0.05)
  const test = ref<PairedTestName>('corrected-t')
  const comparing = ref(false)
  /** Where the last report / export of this run was written (shown under the buttons). */
  const reportPath = ref<string | null>(null)
  const exportDir = ref<string | null>(null)
  const writing = ref<'report' | 'export' | null>(null)
  /** Across datasets: the runs chosen for the Friedman test / CD diagram, and its answer. */
  const datasetRuns = ref<string[]>([])
  const datasetMetric = ref<RankedMetric>('balancedAccuracy')
  const datasetAlpha = ref<0.05 | 0.1>(0.05)
  const acrossDatasets = shallowRef<DatasetsComparison | null>(null)
  let datasetsSeq = 0
  let seq = 0
  let compareSeq = 0

  const arms = computed(() => summary.value?.arms.map((a) => a.arm) ?? [])
  const attributes = computed(() => attributesOf(summary.value))
  /** Arms with the best mean per table metric. */
  const best = computed(() => {
    const out: Record<string, Set<string>> = {}
    if (summary.value) for (const m of TABLE_METRICS) out[m.key] = bestArms(summary.value, m.key)
    return out
  })
  const confusion = computed(() => arms.value.map((arm) => ({ arm, matrix: sumConfusion(jobs.value, arm) })))

  const groupSeries = (attribute: string) => groupAccuracy(jobs.value, arms.value, attribute)
  const tradeoff = (attribute: string, axis: TradeoffAxis) => (summary.value ? tradeoffPoints(summary.value, attribute, axis) : [])

  const settings = () => ({ ...(reference.value ? { reference: reference.value } : {}), alpha: alpha.value, test: test.value })

  /** (Re)computes the statistics of the selected run with the current reference, α and test (the last request wins). */
  async function loadComparison(): Promise<void> {
    const id = runId.value
    const mine = ++compareSeq
    if (!id || arms.value.length < 2) {
      comparison.value = null
      return
    }
    comparing.value = true
    try {
      const c = await api.invoke('runs:compare', { runId: id, ...settings() })
      if (mine === compareSeq && id === runId.value) comparison.value = c
    } catch (e) {
      if (mine === compareSeq) {
        comparison.value = null
        reportError(e, 'Could not compute the comparison statistics')
      }
    } finally {
      if (mine === compareSeq) comparing.value = false
    }
  }

  /** Loads summary, jobs, ROC and statistics of `id` (the last selection wins). */
  async function select(id: string | null): Promise<void> {
    const mine = ++seq
    runId.value = id
    summary.value = null
    comparison.value = null
    jobs.value = []
    roc.value = []
    reference.value = null
    reportPath.value = null
    exportDir.value = null
    if (!id) return
    loading.value = true
    try {
      const [s, j, r] = await Promise.all([
        api.invoke('runs:summary', { runId: id }),
        api.invoke('runs:jobs', { runId: id }),
        api.invoke('runs:roc', { runId: id }).catch((e: unknown) => {
          reportError(e, 'Could not load the ROC curves')
          return [] as ArmRoc[]
        }),
      ])
      if (mine !== seq) return
      summary.value = s
      jobs.value = j
      roc.value = r
    } catch (e) {
      if (mine === seq) reportError(e, 'Could not load the run results')
    } finally {
      if (mine === seq) loading.value = false
    }
    if (mine === seq && summary.value) await loadComparison()
  }

  /** Changes reference arm, α or test and recomputes the statistics. */
  async function configure(change: { reference?: string | null; alpha?: number; test?: PairedTestName }): Promise<void> {
    if (change.reference !== undefined) reference.value = change.reference
    if (change.alpha !== undefined) alpha.value = change.alpha
    if (change.test !== undefined) test.value = change.test
    await loadComparison()
  }

  /** Ranks the arms shared by the chosen runs (one per dataset): Friedman + Nemenyi; needs at least two runs. */
  async function compareDatasets(change: { runs?: string[]; metric?: RankedMetric; alpha?: 0.05 | 0.1 } = {}): Promise<void> {
    if (change.runs) datasetRuns.value = change.runs
    if (change.metric) datasetMetric.value = change.metric
    if (change.alpha) datasetAlpha.value = change.alpha
    const mine = ++datasetsSeq
    if (datasetRuns.value.length < 2) {
      acrossDatasets.value = null
      return
    }
    try {
      const c = await api.invoke('runs:compare-datasets', { runIds: datasetRuns.value, metric: datasetMetric.value, alpha: datasetAlpha.value })
      if (mine === datasetsSeq) acrossDatasets.value = c
    } catch (e) {
      if (mine === datasetsSeq) {
        acrossDatasets.value = null
        reportError(e, 'Could not compare the runs across datasets')
      }
    }
  }

  /** Writes the PDF report (same code path as `equimodal report`) with the view's statistics settings. */
  async function createReport(): Promise<string | null> {
    const id = runId.value
    if (!id || writing.value) return null
    writing.value = 'report'
    try {
      const { path } = await api.invoke('reports:create', { runId: id, ...settings() })
      if (id === runId.value) reportPath.value = path
      useNotificationsStore().notify({ level: 'info', title: 'Report written', message: path })
      return path
    } catch (e) {
      reportError(e, 'Could not write the report')
      return null
    } finally {
      writing.value = null
    }
  }

  /** Writes metrics, epochs and predictions (CSV, Parquet) and the comparison (CSV, LaTeX). */
  async function createExport(): Promise<string | null> {
    const id = runId.value
    if (!id || writing.value) return null
    writing.value = 'export'
    try {
      const { dir, files } = await api.invoke('exports:create', { runId: id, ...settings() })
      if (id === runId.value) exportDir.value = dir
      useNotificationsStore().notify({ level: 'info', title: 'Export written', message: `${files.length} files in ${dir}` })
      return dir
    } catch (e) {
      reportError(e, 'Could not export the run')
      return null
    } finally {
      writing.value = null
    }
  }

  return {
    runId,
    summary,
    comparison,
    jobs,
    roc,
    loading,
    reference,
    alpha,
    test,
    comparing,
    reportPath,
    exportDir,
    writing,
    arms,
    attributes,
    best,
    confusion,
    groupSeries,
    tradeoff,
    select,
    loadComparison,
    configure,
    createReport,
    createExport,
    datasetRuns,
    datasetMetric,
    datasetAlpha,
    acrossDatasets,
    compareDatasets,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useCompareStore, import.meta.hot))
