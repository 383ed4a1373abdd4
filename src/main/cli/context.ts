/**
 * What every command gets: parsed flags, a printer, and the service context through which it calls
 * the same contract channels as the app (workspace opened lazily, push events to local listeners).
 */
import type { EventChannel, EventPayload, InvokeChannel, InvokeInput, InvokeOutput } from '../../shared/ipc/contract'
import type { Backend } from '../../shared/experiment'
import { callServiceOrThrow, type ServiceContext } from '../services/service-api'
import { openWorkspace, resolveWorkspaceDir, type Workspace } from '../services/workspace'
import type { Printer } from './output'

export interface CliFlags {
  workspace?: string
  json: boolean
  backend: Backend
  fresh: boolean
  name?: string
  pool?: number
  pdf?: string
  /** export: folder for the exported files. */
  out?: string
  mogonet?: string
  /** serve: port, host, non-loopback binding allowed, open a browser. */
  port?: string
  host?: string
  allowRemote?: boolean
  open?: boolean
}

type Listener = (payload: never) => void

export class CliContext implements ServiceContext {
  private ws: Workspace | undefined
  private readonly listeners = new Map<EventChannel, Set<Listener>>()
  readonly workspaceDir: string
  signal?: AbortSignal

  constructor(
    readonly flags: CliFlags,
    readonly out: Printer,
    readonly positionals: string[],
  ) {
    this.workspaceDir = resolveWorkspaceDir({ flag: flags.workspace, env: process.env })
  }

  async workspace(): Promise<Workspace> {
    this.ws ??= await openWorkspace(this.workspaceDir)
    return this.ws
  }

  call<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<InvokeOutput<C>> {
    return callServiceOrThrow(channel, input, this)
  }

  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners.get(event) ?? []) (l as (p: EventPayload<E>) => void)(payload)
  }

  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set<Listener>()
    set.add(listener as Listener)
    this.listeners.set(event, set)
    return () => set.delete(listener as Listener)
  }

  async close(): Promise<void> {
    await this.ws?.close()
    this.ws = undefined
  }
}
