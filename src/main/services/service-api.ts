/**
 * The service side of the typed contract: one handler per invoke channel. Electron IPC, the
 * loopback server and the CLI all call these through `callService`, which validates the input
 * against the contract and returns errors as values.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { AppFailure, fail, toResult, type Result } from '../../shared/result'
import {
  invoke,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeInput,
  type InvokeOutput,
  type InvokeParsedInput,
} from '../../shared/ipc/contract'
import { formatZodError } from '../../shared/experiment'
import { methodCatalog } from '../training/host/method-catalog'
import type { SpawnTrainer } from '../training/host/trainer-child'
import { datasetDetail } from './datasets/dataset-detail'
import { importIntoWorkspace } from './datasets/dataset-service'
import { previewFile } from './datasets/import'
import type { BackgroundWorker } from './background/host'
import { ensureDemoDataset } from './demo'
import { eventLoopDiagnostics } from './diagnostics'
import { checkExperiment } from './experiments/check'
import { defaultExportDir, exportRun } from './exports'
import { defaultReportPath, writeRunReport } from './reports'
import { compareAcrossDatasets } from './runs/compare-datasets'
import { compareRun } from './runs/compare-run'
import { runDiagnostics } from './runs/run-diagnostics'
import { activeRuns, cancelRun, lastRunBackend, launchRun } from './runs/run-registry'
import { runConfig, runEpochs, runJobs, runRoc } from './runs/run-views'
import { summarizeRun } from './runs/summarize-run'
import { deleteDataset, getDatasetMeta, listDatasets, listRuns, type Workspace } from './workspace'

export interface ServiceContext {
  workspaceDir: string
  workspace(): Promise<Workspace>
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void
  /** Cancels the run in progress, if any (set by the CLI around runs:start; runs:cancel works too). */
  signal?: AbortSignal
  /** How trainer processes are started (default: child_process.fork; the app uses utilityProcess). */
  spawnTrainer?: SpawnTrainer
  /** Trainer processes of a run whose request names no pool size (default: one per core). */
  defaultPoolSize?: number
  /** Parses files for previews and imports and renders reports off the main thread (server mode, the app); absent: in this thread (CLI). */
  background?: BackgroundWorker
}

type Handlers = { [C in InvokeChannel]: (input: InvokeParsedInput<C>, ctx: ServiceContext) => Promise<InvokeOutput<C>> }

function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
}

const handlers: Handlers = {
  'app:info': async (_input, ctx) => ({ version: appVersion(), backend: lastRunBackend(), workspace: ctx.workspaceDir }),
  'datasets:list': async (_input, ctx) => listDatasets(await ctx.workspace()),
  'datasets:get': async ({ id }, ctx) => {
    const meta = await getDatasetMeta(await ctx.workspace(), id)
    if (!meta) throw AppFailure.of('NOT_FOUND', `No dataset "${id}" in the workspace.`, { location: { field: 'id' } })
    return meta
  },
  'datasets:import': async ({ spec, name, baseDir }, ctx) => importIntoWorkspace(await ctx.workspace(), spec, { name, baseDir, read: ctx.background?.import }),
  'datasets:delete': async ({ id }, ctx) => {
    const ws = await ctx.workspace()
    const meta = await getDatasetMeta(ws, id)
    if (!meta) throw AppFailure.of('NOT_FOUND', `No dataset "${id}" in the workspace.`, { location: { field: 'id' } })
    await deleteDataset(ws, meta.id)
    return { deleted: meta.id }
  },
  'datasets:demo': async (_input, ctx) => ensureDemoDataset(await ctx.workspace()),
  'methods:catalog': async () => methodCatalog(),
  /** The CLI's call: the same registry as runs:launch (one run per workspace), answered with the outcome at the end. */
  'runs:start': async (request, ctx) => (await launchRun(ctx, request)).done,
  'runs:list': async (_input, ctx) =>
    (await listRuns(await ctx.workspace())).map((r) => ({
      runId: r.runId,
      experimentName: r.experimentName,
      status: r.status,
      backend: r.backend,
      datasetId: r.datasetId,
      createdAt: r.createdAt,
    })),
  'runs:summary': async ({ runId }, ctx) => summarizeRun(await ctx.workspace(), runId),
  'datasets:preview': async ({ path: file, rows, delimiter, charset, missingTokens, header }, ctx) =>
    (ctx.background?.preview ?? previewFile)(path.resolve(file), rows, { delimiter, charset, missingTokens, header }),
  'datasets:detail': async ({ id }, ctx) => datasetDetail(await ctx.workspace(), id),
  'experiments:check': async ({ config }, ctx) => checkExperiment(await ctx.workspace(), config),
  'runs:launch': async (request, ctx) => ({ runId: (await launchRun(ctx, request)).runId }),
  'runs:cancel': async ({ runId }, ctx) => ({ cancelled: cancelRun(ctx, runId) }),
  'runs:active': async (_input, ctx) => activeRuns(ctx),
  'runs:config': async ({ runId }, ctx) => runConfig(await ctx.workspace(), runId),
  'runs:jobs': async ({ runId }, ctx) => runJobs(await ctx.workspace(), runId),
  'runs:epochs': async ({ runId, job }, ctx) => runEpochs(await ctx.workspace(), runId, job),
  'runs:roc': async ({ runId }, ctx) => runRoc(await ctx.workspace(), runId),
  'runs:compare': async ({ runId, ...opts }, ctx) => compareRun(await ctx.workspace(), runId, opts),
  'runs:diagnostics': async ({ runId }, ctx) => runDiagnostics(await ctx.workspace(), runId),
  'app:diagnostics': async ({ reset }) => eventLoopDiagnostics(reset),
  'runs:compare-datasets': async ({ runIds, ...opts }, ctx) => compareAcrossDatasets(await ctx.workspace(), runIds, opts),
  'reports:create': async ({ runId, ...compare }, ctx) => {
    const ws = await ctx.workspace()
    return { path: await writeRunReport(ws, runId, defaultReportPath(ws, runId), { compare, render: ctx.background?.renderReport }) }
  },
  'exports:create': async ({ runId, ...compare }, ctx) => {
    const ws = await ctx.workspace()
    const dir = defaultExportDir(ws, runId)
    return { dir, files: await exportRun(ws, runId, dir, { compare }) }
  },
}

/** Validates `input` against the contract and runs the channel's handler; never throws. */
export async function callService<C extends InvokeChannel>(channel: C, input: InvokeInput<C> | unknown, ctx: ServiceContext): Promise<Result<InvokeOutput<C>>> {
  const schema = invoke[channel]?.input
  if (!schema) return fail('VALIDATION', `Unknown channel "${String(channel)}".`)
  const parsed = schema.safeParse(input)
  if (!parsed.success) {
    const lines = formatZodError(parsed.error)
    return fail('VALIDATION', lines.join('; '), { details: lines })
  }
  const handler = handlers[channel] as (i: unknown, c: ServiceContext) => Promise<InvokeOutput<C>>
  return toResult(() => handler(parsed.data, ctx))
}

/** Like `callService` but throws the error as an `AppFailure` (for the CLI's straight-line code). */
export async function callServiceOrThrow<C extends InvokeChannel>(channel: C, input: InvokeInput<C>, ctx: ServiceContext): Promise<InvokeOutput<C>> {
  const result = await callService(channel, input, ctx)
  if (!result.ok) throw new AppFailure(result.error)
  return result.value
}
