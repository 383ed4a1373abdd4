/** Modality diagnostics of runs (`runs:diagnostics`), loaded on demand and kept per run. */
import type { RunDiagnostics } from '@shared/diagnostics'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import { api } from '@renderer/services/api'
import { reportError } from '@renderer/services/report-error'

export const useDiagnosticsStore = defineStore('diagnostics', () => {
  const byRun = ref<Record<string, RunDiagnostics>>({})
  const loading = ref(false)

  /** Loads (or reloads) a run's diagnostics; errors go to the notification funnel. */
  async function load(runId: string): Promise<void> {
    loading.value = true
    try {
      byRun.value[runId] = await api.invoke('runs:diagnostics', { runId })
    } catch (e) {
      reportError(e, 'Could not load the modality diagnostics')
    } finally {
      loading.value = false
    }
  }

  return { byRun, loading, load }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useDiagnosticsStore, import.meta.hot))
