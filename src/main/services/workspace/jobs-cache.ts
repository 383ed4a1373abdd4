/**
 * The parsed job rows of recently read runs, per open workspace. A view of a run (summary, jobs,
 * ROC, comparison, report) reads all its jobs and parses each job's metrics JSON; the Compare view
 * alone asks for four such views at once. The cache parses a run's jobs once and hands the same
 * rows to every later reader until a job of the run is committed (`invalidateRunJobs`).
 *
 * Only this process writes the workspace (DuckDB's file lock) and every job write goes through
 * `commitJob`, which invalidates the run after its transaction, so a cached entry is never older
 * than the last committed job. The rows are frozen: a reader that changed one would change it for
 * every later reader.
 */
import type { Workspace } from './workspace'

/** Runs kept per workspace; the least recently read one is dropped first. */
export const CACHED_RUNS = 8

const caches = new WeakMap<Workspace, Map<string, Promise<readonly unknown[]>>>()

function cacheOf(ws: Workspace): Map<string, Promise<readonly unknown[]>> {
  let cache = caches.get(ws)
  if (!cache) caches.set(ws, (cache = new Map()))
  return cache
}

/**
 * The rows of `runId` from the cache, else from `load` (kept when it succeeds). Returns a new
 * array each call; its (frozen) rows are shared between calls.
 */
export async function cachedRunJobs<T extends object>(ws: Workspace, runId: string, load: () => Promise<T[]>): Promise<T[]> {
  const cache = cacheOf(ws)
  let entry = cache.get(runId) as Promise<readonly T[]> | undefined
  if (entry) cache.delete(runId) // re-inserted below: the Map's order is the recency order
  else {
    entry = load().then((rows) => Object.freeze(rows.map(deepFreeze)))
    void entry.catch(() => {
      if (cache.get(runId) === entry) cache.delete(runId)
    })
  }
  cache.set(runId, entry)
  for (const oldest of cache.keys()) {
    if (cache.size <= CACHED_RUNS) break
    cache.delete(oldest)
  }
  return [...(await entry)]
}

/** Drops the cached rows of `runId`: the next read parses them again. */
export function invalidateRunJobs(ws: Workspace, runId: string): void {
  caches.get(ws)?.delete(runId)
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value
  for (const v of Object.values(value)) deepFreeze(v)
  return Object.freeze(value)
}
