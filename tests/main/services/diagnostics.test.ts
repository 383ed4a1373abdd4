/** app:diagnostics — event-loop delay of the serving process: a blocked loop shows up, and reset starts a new window. */
import { describe, expect, it } from 'vitest'
import { eventLoopDiagnostics } from '../../../src/main/services/diagnostics'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('eventLoopDiagnostics', () => {
  it('reports a blocked event loop, then forgets it after a reset', async () => {
    eventLoopDiagnostics(true)
    await sleep(50)
    const start = Date.now()
    while (Date.now() - start < 120) {
      // block the loop
    }
    await sleep(50)
    const blocked = eventLoopDiagnostics(true)
    expect(blocked.eventLoopMaxMs).toBeGreaterThan(80)
    expect(blocked.eventLoopP99Ms).toBeLessThanOrEqual(blocked.eventLoopMaxMs + 1e-9)
    expect(blocked.sinceMs).toBeGreaterThanOrEqual(200)

    await sleep(100)
    const calm = eventLoopDiagnostics()
    expect(calm.eventLoopMaxMs).toBeLessThan(blocked.eventLoopMaxMs)
    expect(calm.sinceMs).toBeLessThan(blocked.sinceMs + 100)
  })
})
