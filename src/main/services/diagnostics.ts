/**
 * Event-loop delay of this (serving) process, from `perf_hooks.monitorEventLoopDelay`: how long the
 * main side kept the loop busy, which is what a WebSocket/IPC client feels as UI lag.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import type { Diagnostics } from '../../shared/ipc/contract'

/** Sampling period of the monitor, in ms (delays are measured with this granularity). */
const RESOLUTION_MS = 10

let histogram: IntervalHistogram | undefined
let since = 0

/** Starts the monitor (idempotent; its timer does not keep the process alive); the server calls it at start. */
export function startEventLoopMonitor(): void {
  if (histogram) return
  histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  histogram.enable()
  since = performance.now()
}

/** The histogram records the time between ticks (the period included): the delay is what exceeds the period. */
const delayMs = (ns: number): number => (Number.isFinite(ns) ? Math.max(0, ns / 1e6 - RESOLUTION_MS) : 0)

/** Statistics since the monitor started or was last reset; with `reset`, a new window starts after reading. */
export function eventLoopDiagnostics(reset = false): Diagnostics {
  startEventLoopMonitor()
  const h = histogram!
  const now = performance.now()
  const out: Diagnostics = {
    eventLoopMaxMs: h.count > 0 ? delayMs(h.max) : 0,
    eventLoopP99Ms: h.count > 0 ? delayMs(h.percentile(99)) : 0,
    sinceMs: now - since,
  }
  if (reset) {
    h.reset()
    since = now
  }
  return out
}
