/** Datasets of the workspace: list, detail, file preview and import (errors kept for inline display), delete, demo. */
import type { DatasetMeta } from '@shared/dataset'
import type { ImportSpecInput } from '@shared/import'
import type { DatasetDetail, FilePreview } from '@shared/ipc/views'
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import { ApiError, api } from '@renderer/services/api'
import { reportError } from '@renderer/services/report-error'
import { useNotificationsStore } from './notifications'

export const useDatasetsStore = defineStore('datasets', () => {
  const list = ref<DatasetMeta[]>([])
  const loading = ref(false)
  /** Details by dataset id (crosstabs, feature statistics, imbalance). */
  const details = ref<Record<string, DatasetDetail>>({})
  const detailLoading = ref(false)

  /** Import wizard: the file preview and the last preview/import error (shown inline, not as a toast). */
  const preview = ref<FilePreview | null>(null)
  const previewing = ref(false)
  const importing = ref(false)
  const importError = ref<ApiError | null>(null)

  const busy = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    try {
      list.value = await api.invoke('datasets:list', {})
    } catch (e) {
      reportError(e, 'Could not list the datasets')
    } finally {
      loading.value = false
    }
  }

  async function loadDetail(id: string): Promise<DatasetDetail | null> {
    detailLoading.value = true
    try {
      const detail = await api.invoke('datasets:detail', { id })
      details.value = { ...details.value, [id]: detail }
      return detail
    } catch (e) {
      reportError(e, 'Could not load the dataset')
      return null
    } finally {
      detailLoading.value = false
    }
  }

  /** Reads the first rows of `path` with inferred column kinds; on failure `importError` explains why. */
  async function previewFile(path: string, options: { missingTokens?: string[] } = {}): Promise<FilePreview | null> {
    previewing.value = true
    importError.value = null
    preview.value = null
    try {
      preview.value = await api.invoke('datasets:preview', { path, rows: 20, ...options })
      return preview.value
    } catch (e) {
      importError.value = ApiError.from(e)
      return null
    } finally {
      previewing.value = false
    }
  }

  /** Imports a spec; on failure `importError` holds the message (naming row and column) and nothing is stored. */
  async function importDataset(spec: ImportSpecInput, baseDir?: string): Promise<DatasetMeta | null> {
    importing.value = true
    importError.value = null
    try {
      const { meta, warnings } = await api.invoke('datasets:import', { spec, ...(baseDir ? { baseDir } : {}) })
      const notes = useNotificationsStore()
      notes.notify({ level: 'info', message: `Imported "${meta.name}": ${meta.samples} samples, ${meta.classes.length} classes.` })
      for (const w of warnings) notes.notify({ level: 'warning', message: w, title: `Import of "${meta.name}"` })
      await load()
      return meta
    } catch (e) {
      importError.value = ApiError.from(e)
      return null
    } finally {
      importing.value = false
    }
  }

  function resetImport(): void {
    preview.value = null
    importError.value = null
  }

  async function remove(id: string): Promise<boolean> {
    busy.value = true
    try {
      await api.invoke('datasets:delete', { id })
      const { [id]: _gone, ...rest } = details.value
      details.value = rest
      list.value = list.value.filter((d) => d.id !== id)
      return true
    } catch (e) {
      reportError(e, 'Could not delete the dataset')
      return false
    } finally {
      busy.value = false
    }
  }

  /** Stores the built-in synthetic demo dataset (once) and refreshes the list. */
  async function addDemo(): Promise<DatasetMeta | null> {
    busy.value = true
    try {
      const meta = await api.invoke('datasets:demo', {})
      await load()
      return meta
    } catch (e) {
      reportError(e, 'Could not add the demo dataset')
      return null
    } finally {
      busy.value = false
    }
  }

  return { list, loading, details, detailLoading, preview, previewing, importing, importError, busy, load, loadDetail, previewFile, importDataset, resetImport, remove, addDemo }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useDatasetsStore, import.meta.hot))
