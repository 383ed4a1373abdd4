/**
 * The experiment config being edited (the same JSON the CLI runs): arms and their method
 * compositions, a debounced `experiments:check` after every change, save/load, and start.
 */
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { ApiError, api } from '@renderer/services/api'
import { reportError } from '@renderer/services/report-error'
import { defaultsOf } from '@renderer/utils/json-schema'
import { debounce } from '@renderer/utils/throttle'
import { experimentJson, newExperiment, parseExperimentJson, plannedJobs, uniqueName, type ExperimentDraft } from '@renderer/utils/experiment-config'
import { useMethodsStore } from './methods'
import { useRunsStore } from './runs'

export type CheckState =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'ok'; jobs: number; warnings: string[] }
  | { state: 'error'; code: string; message: string; details: string[] }

/** Wait after the last edit before asking main to check the config. */
export const CHECK_DEBOUNCE_MS = 350

export const useExperimentStore = defineStore('experiment', () => {
  const config = ref<ExperimentDraft>(newExperiment(''))
  const check = ref<CheckState>({ state: 'idle' })
  const starting = ref(false)
  /** The config JSON the current `check` answers (or is answering); differs from `json` while a check is due. */
  const checkedJson = ref<string | null>(null)
  let checkSeq = 0

  const json = computed(() => experimentJson(config.value))
  /** True while the shown check does not answer the current config yet (debounce or request in flight). */
  const checkPending = computed(() => check.value.state === 'checking' || check.value.state === 'idle' || checkedJson.value !== json.value)

  const jobs = computed(() => plannedJobs(config.value))
  /** Starting is refused while the last check found an error in the current config. */
  const canStart = computed(() => !starting.value && check.value.state !== 'error' && config.value.dataset !== '')

  /** Asks main to validate the config and its method compositions now; the last answer wins. */
  async function runCheck(): Promise<void> {
    const seq = ++checkSeq
    checkedJson.value = json.value
    if (!config.value.dataset) {
      check.value = { state: 'error', code: 'VALIDATION', message: 'Choose a dataset.', details: [] }
      return
    }
    check.value = { state: 'checking' }
    try {
      const result = await api.invoke('experiments:check', { config: config.value })
      if (seq === checkSeq) check.value = { state: 'ok', jobs: result.jobs, warnings: result.warnings }
    } catch (e) {
      if (seq !== checkSeq) return
      const err = ApiError.from(e)
      check.value = { state: 'error', code: err.code, message: err.message, details: err.details ?? [] }
    }
  }
  const scheduleCheck = debounce(() => void runCheck(), CHECK_DEBOUNCE_MS)
  watch(config, () => scheduleCheck(), { deep: true })

  /** Picks `id` as the dataset when none is chosen yet (or the chosen one is gone). */
  function ensureDataset(known: readonly { id: string; name: string }[]): void {
    const current = config.value.dataset
    const match = known.find((d) => d.id === current || d.name === current)
    if (match) {
      if (match.id !== current) config.value.dataset = match.id
      return
    }
    const first = known[0]
    if (first) config.value.dataset = first.id
  }

  function addArm(): void {
    const taken = config.value.arms.map((a) => a.name)
    config.value.arms.push({ name: uniqueName(`arm-${config.value.arms.length + 1}`, taken), methods: [] })
  }

  function removeArm(index: number): void {
    config.value.arms.splice(index, 1)
  }

  /** Adds a method to an arm with the defaults of its option schema (the papers' settings). */
  function addMethod(armIndex: number, methodId: string): void {
    const arm = config.value.arms[armIndex]
    if (!arm) return
    const entry = useMethodsStore().byId.get(methodId)
    arm.methods.push({ method: methodId, options: entry ? defaultsOf(entry.options) : {} })
  }

  function removeMethod(armIndex: number, methodIndex: number): void {
    config.value.arms[armIndex]?.methods.splice(methodIndex, 1)
  }

  function setMethodOptions(armIndex: number, methodIndex: number, options: Record<string, unknown>): void {
    const ref = config.value.arms[armIndex]?.methods[methodIndex]
    if (ref) ref.options = options
  }

  /** Replaces the config with a JSON document (as saved here or written for the CLI); false when invalid. */
  function loadJson(text: string, fileName = 'the file'): boolean {
    const parsed = parseExperimentJson(text)
    if (!parsed.ok) {
      reportError(new ApiError({ code: 'VALIDATION', message: `${fileName} is not a valid experiment config:\n${parsed.lines.join('\n')}`, details: parsed.lines }), 'Load config')
      return false
    }
    config.value = parsed.config
    return true
  }

  /** Starts a fresh config on the same dataset. */
  function reset(): void {
    config.value = newExperiment(config.value.dataset)
  }

  /** Launches the run in the background (`runs:launch`); returns its id, or null when refused. */
  async function start(): Promise<string | null> {
    starting.value = true
    scheduleCheck.cancel()
    try {
      const { runId } = await api.invoke('runs:launch', { config: config.value })
      useRunsStore().launched(runId, config.value.name)
      return runId
    } catch (e) {
      const err = reportError(e, 'Could not start the experiment')
      check.value = { state: 'error', code: err.code, message: err.message, details: err.details ?? [] }
      return null
    } finally {
      starting.value = false
    }
  }

  return { config, check, checkPending, starting, jobs, canStart, json, runCheck, ensureDataset, addArm, removeArm, addMethod, removeMethod, setMethodOptions, loadJson, reset, start }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useExperimentStore, import.meta.hot))
