/** The method catalog (`methods:catalog`): ids, kinds, summaries, papers and option schemas, loaded once. */
import type { MethodCatalogEntry } from '@shared/runs'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api } from '@renderer/services/api'
import { reportError } from '@renderer/services/report-error'

export const useMethodsStore = defineStore('methods', () => {
  const catalog = ref<MethodCatalogEntry[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  let inFlight: Promise<void> | null = null

  const byId = computed(() => new Map(catalog.value.map((m) => [m.id, m])))

  /** Loads the catalog (once, unless `force`). */
  function load(force = false): Promise<void> {
    if (loaded.value && !force) return Promise.resolve()
    inFlight ??= (async () => {
      loading.value = true
      try {
        catalog.value = await api.invoke('methods:catalog', {})
        loaded.value = true
      } catch (e) {
        reportError(e, 'Could not load the method catalog')
      } finally {
        loading.value = false
        inFlight = null
      }
    })()
    return inFlight
  }

  return { catalog, loaded, loading, byId, load }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useMethodsStore, import.meta.hot))
