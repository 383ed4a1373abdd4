/** The compare view's data: the selected run's summary (arms × metrics), its jobs (confusion, per-group metrics) and ROC curves. */
import type { ArmRoc, JobListEntry } from '@shared/ipc/views'
import type { RunSummary } from '@shared/runs'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { api } from '@renderer/services/api'
import { reportError } from '@renderer/services/report-error'
import { attributesOf, bestArms, groupAccuracy, sumConfusion, TABLE_METRICS, tradeoffPoints, type TradeoffAxis } from '@renderer/utils/compare-data'

export const useCompareStore = defineStore('compare', () => {
  const runId = ref<string | null>(null)
  /** Read-only server data: shallow refs, no deep reactivity over large metric objects. */
  const summary = shallowRef<RunSummary | null>(null)
  const jobs = shallowRef<JobListEntry[]>([])
  const roc = shallowRef<ArmRoc[]>([])
  const loading = ref(false)
  let seq = 0

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

  /** Loads summary, jobs and ROC of `id` (the last selection wins). */
  async function select(id: string | null): Promise<void> {
    const mine = ++seq
    runId.value = id
    summary.value = null
    jobs.value = []
    roc.value = []
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
  }

  return { runId, summary, jobs, roc, loading, arms, attributes, best, confusion, groupSeries, tradeoff, select }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useCompareStore, import.meta.hot))
