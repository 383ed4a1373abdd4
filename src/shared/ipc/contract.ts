/** The typed IPC contract: one zod schema pair per invoke channel and one schema per push event; types are derived. */
import { z } from 'zod'
import { DatasetMeta } from '../dataset'
import { RunDiagnostics } from '../diagnostics'
import { Backend } from '../experiment'
import { MethodCatalogEntry, RunListEntry, RunOutcome, RunSummary } from '../runs'
import { CompareDatasetsRequest, CompareRunRequest, DatasetsComparison, RunComparisonWithBreakdowns } from '../statistics'
import type { EventChannel, InvokeChannel } from './channels'
import { ActiveRun, ArmRoc, ConfigCheck, DatasetDetail, EpochEntry, FilePreview, JobListEntry, PreviewRequest } from './views'

export const AppInfo = z.object({
  version: z.string(),
  /** Compute backend in use once training has started (e.g. `wasm`), null before. */
  backend: z.string().nullable(),
  /** Absolute path of the open workspace folder, null when none is open yet. */
  workspace: z.string().nullable(),
})
export type AppInfo = z.infer<typeof AppInfo>

export const AppNotice = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
})
export type AppNotice = z.infer<typeof AppNotice>

/** Event-loop delay of the serving process (main side), for the UI-responsiveness benchmark. */
export const Diagnostics = z.object({
  /** Largest event-loop delay seen, in ms. */
  eventLoopMaxMs: z.number(),
  /** 99th percentile of the event-loop delay, in ms. */
  eventLoopP99Ms: z.number(),
  /** How long the statistics cover (since the monitor started or was last reset), in ms. */
  sinceMs: z.number(),
})
export type Diagnostics = z.infer<typeof Diagnostics>

interface ChannelSchemas {
  input: z.ZodType
  output: z.ZodType
}

/** `satisfies` keeps this map and `invokeChannels` in channels.ts listing exactly the same names. */
const none = z.object({}).strict()
const byId = z.strictObject({ id: z.string().min(1) })
const byRun = z.strictObject({ runId: z.string().min(1) })
const JobKeySchema = z.object({ arm: z.string(), seed: z.number().int(), fold: z.number().int() })

export const ImportRequest = z.strictObject({
  /** An import spec (validated against `ImportSpec` by the service, so its messages name the field). */
  spec: z.unknown(),
  /** Overrides the spec's name. */
  name: z.string().min(1).optional(),
  /** Folder that relative paths in the spec are resolved against. */
  baseDir: z.string().optional(),
})
export const ImportResponse = z.object({ meta: DatasetMeta, warnings: z.array(z.string()) })

export const StartRunRequest = z.strictObject({
  /** An experiment config (validated against `ExperimentConfig` by the service, so its messages name the field). */
  config: z.unknown(),
  backend: Backend.optional(),
  poolSize: z.number().int().min(1).optional(),
  fresh: z.boolean().optional(),
})

export const JobProgressEvent = z.object({
  runId: z.string(),
  key: JobKeySchema,
  epoch: z.number().int(),
  totalEpochs: z.number().int(),
  trainLoss: z.number(),
  valLoss: z.number(),
  valAccuracy: z.number(),
  /** Per-modality extras of the epoch (`unimodal.<m>.*`, `probe.<m>.*`) for live charts. */
  extras: z.record(z.string(), z.number()).optional(),
})
export const JobFinishedEvent = z.object({
  runId: z.string(),
  key: JobKeySchema,
  status: z.enum(['done', 'failed']),
  reason: z.string().optional(),
  accuracy: z.number().optional(),
  finished: z.number().int(),
  toRun: z.number().int(),
})
export const RunStartedEvent = z.object({
  runId: z.string(),
  /** The experiment's name (so a window that did not start the run can show it). */
  experimentName: z.string().optional(),
  resumed: z.boolean(),
  totalJobs: z.number().int(),
  skipped: z.number().int(),
  poolSize: z.number().int(),
  warnings: z.array(z.string()),
})
export const RunBackendEvent = z.object({ runId: z.string(), backend: z.string(), detail: z.string() })

export const invoke = {
  'app:info': { input: none, output: AppInfo },
  'datasets:list': { input: none, output: z.array(DatasetMeta) },
  'datasets:get': { input: byId, output: DatasetMeta },
  'datasets:import': { input: ImportRequest, output: ImportResponse },
  'datasets:delete': { input: byId, output: z.object({ deleted: z.string() }) },
  /** Stores the built-in synthetic demo dataset (once) and returns it. */
  'datasets:demo': { input: none, output: DatasetMeta },
  'methods:catalog': { input: none, output: z.array(MethodCatalogEntry) },
  'runs:start': { input: StartRunRequest, output: RunOutcome },
  'runs:list': { input: none, output: z.array(RunListEntry) },
  'runs:summary': { input: byRun, output: RunSummary },
  /** First rows of a file with inferred column kinds (import wizard). */
  'datasets:preview': { input: PreviewRequest, output: FilePreview },
  'datasets:detail': { input: byId, output: DatasetDetail },
  /** Validates a config and its method compositions without running it (explains conflicts before start). */
  'experiments:check': { input: z.strictObject({ config: z.unknown() }), output: ConfigCheck },
  /** Starts a run in the background and answers at once; progress arrives as runs:* events. */
  'runs:launch': { input: StartRunRequest, output: z.object({ runId: z.string() }) },
  'runs:cancel': { input: byRun, output: z.object({ cancelled: z.boolean() }) },
  'runs:active': { input: none, output: z.array(ActiveRun) },
  'runs:config': { input: byRun, output: z.object({ config: z.unknown() }) },
  'runs:jobs': { input: byRun, output: z.array(JobListEntry) },
  'runs:epochs': { input: z.strictObject({ runId: z.string().min(1), job: z.string().min(1) }), output: z.array(EpochEntry) },
  'runs:roc': { input: byRun, output: z.array(ArmRoc) },
  /** Arms vs a reference arm: mean, std, CIs, paired tests (corrected t / Wilcoxon), Holm, win/tie/loss, verdicts. */
  'runs:compare': { input: CompareRunRequest, output: RunComparisonWithBreakdowns },
  /** Modality diagnostics per arm: unimodal accuracy/AUC, Shapley contributions (overall, per class, per group), robustness. */
  'runs:diagnostics': { input: byRun, output: RunDiagnostics },
  /** Event-loop delay statistics since the last reset; `reset: true` starts a new window after reading. */
  'app:diagnostics': { input: z.strictObject({ reset: z.boolean().optional() }), output: Diagnostics },
  /** Arms shared by several runs (one per dataset) ranked per run: Friedman, Iman–Davenport, Nemenyi CD (the CD diagram). */
  'runs:compare-datasets': { input: CompareDatasetsRequest, output: DatasetsComparison },
  /** Writes the run's PDF report (the code path of `equimodal report`) to <workspace>/reports/<run>.pdf; answers its path. */
  'reports:create': { input: CompareRunRequest, output: z.object({ path: z.string() }) },
  /** Writes every number of the run (CSV, Parquet, LaTeX; `equimodal export`) to <workspace>/reports/<run>-export/. */
  'exports:create': { input: CompareRunRequest, output: z.object({ dir: z.string(), files: z.array(z.string()) }) },
} as const satisfies Record<InvokeChannel, ChannelSchemas>

export const events = {
  'app:notice': AppNotice,
  'runs:started': RunStartedEvent,
  'runs:backend': RunBackendEvent,
  'runs:progress': JobProgressEvent,
  'runs:job-finished': JobFinishedEvent,
  'runs:finished': z.object({ runId: z.string(), outcome: RunOutcome.nullable(), error: z.string().optional() }),
} as const satisfies Record<EventChannel, z.ZodType>

export type { EventChannel, InvokeChannel }
export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invoke)[C]['input']>
export type InvokeOutput<C extends InvokeChannel> = z.output<(typeof invoke)[C]['output']>
export type InvokeParsedInput<C extends InvokeChannel> = z.output<(typeof invoke)[C]['input']>
export type EventPayload<E extends EventChannel> = z.output<(typeof events)[E]>
