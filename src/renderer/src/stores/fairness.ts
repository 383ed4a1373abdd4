/**
 * Per-epoch logs for the group-fairness views (validation group gap over epochs, Fair-MoE expert
 * usage by group): fetched per job with `runs:epochs`, at most `MAX_JOBS_PER_ARM` jobs per arm.
 */
import type { JobListEntry } from '@shared/ipc/views'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { JobEpochs } from '@renderer/components/fairness/fairness-view'
import { api } from '@renderer/services/api'
import { reportError } from '@renderer/services/report-error'

export const MAX_JOBS_PER_ARM = 5

export const useFairnessStore = defineStore('fairness', () => {
  const runId = ref<string | null>(null)
  const logs = shallowRef<JobEpochs[]>([])
  const loading = ref(false)
  let seq = 0

  /** Loads the epoch logs of `jobs` of run `id` (the last call wins); variant arms have none of their own. */
  async function load(id: string | null, jobs: readonly JobListEntry[]): Promise<void> {
    const mine = ++seq
    runId.value = id
    logs.value = []
    if (!id) return
    const picked: JobListEntry[] = []
    const perArm = new Map<string, number>()
    for (const j of jobs) {
      if (j.status !== 'done') continue
      const n = perArm.get(j.key.arm) ?? 0
      if (n >= MAX_JOBS_PER_ARM) continue
      perArm.set(j.key.arm, n + 1)
      picked.push(j)
    }
    loading.value = true
    try {
      const out = await Promise.all(picked.map(async (j) => ({ arm: j.key.arm, epochs: await api.invoke('runs:epochs', { runId: id, job: j.keyString }) })))
      if (mine === seq) logs.value = out.filter((l) => l.epochs.length > 0)
    } catch (e) {
      if (mine === seq) reportError(e, 'Could not load the epoch logs')
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  return { runId, logs, loading, load }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useFairnessStore, import.meta.hot))
