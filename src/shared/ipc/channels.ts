/** Names of every IPC channel, zod-free, so the sandboxed preload can allow-list them without bundling schemas. */

/** Request/response channels (renderer → main, answered with a `Result`). */
export const invokeChannels = [
  'app:info',
  'datasets:list',
  'datasets:get',
  'datasets:import',
  'datasets:delete',
  'datasets:demo',
  'methods:catalog',
  'runs:start',
  'runs:list',
  'runs:summary',
  'datasets:preview',
  'datasets:detail',
  'experiments:check',
  'runs:launch',
  'runs:cancel',
  'runs:active',
  'runs:config',
  'runs:jobs',
  'runs:epochs',
  'runs:roc',
  'runs:compare',
  'runs:diagnostics',
  'app:diagnostics',
  'runs:compare-datasets',
  'reports:create',
  'exports:create',
] as const
export type InvokeChannel = (typeof invokeChannels)[number]

/** Push events (main → renderer). */
export const eventChannels = ['app:notice', 'runs:started', 'runs:backend', 'runs:progress', 'runs:job-finished', 'runs:finished'] as const
export type EventChannel = (typeof eventChannels)[number]

export const isInvokeChannel = (name: unknown): name is InvokeChannel => (invokeChannels as readonly unknown[]).includes(name)
export const isEventChannel = (name: unknown): name is EventChannel => (eventChannels as readonly unknown[]).includes(name)
