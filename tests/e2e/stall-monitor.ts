/**
 * A page-side monitor of main-thread stalls, injected with `page.addInitScript` before the app's
 * own scripts: the longest 'longtask' entry (PerformanceObserver) and the longest gap between
 * animation frames. Written as script text because the Node tsconfig has no DOM types.
 */
import type { Page } from 'playwright-core'

export const STALL_MONITOR_SCRIPT = `(() => {
  const state = { longTasks: [], maxLongTaskMs: 0, maxRafGapMs: 0, frames: 0, since: performance.now() };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        state.longTasks.push({ at: Math.round(e.startTime), ms: Math.round(e.duration) });
        if (state.longTasks.length > 200) state.longTasks.shift();
        if (e.startTime >= state.since) state.maxLongTaskMs = Math.max(state.maxLongTaskMs, e.duration);
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { state.error = String(e); }
  let last = -1;
  const frame = (t) => {
    if (last >= 0 && last >= state.since) state.maxRafGapMs = Math.max(state.maxRafGapMs, t - last);
    last = t;
    state.frames++;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  Object.defineProperty(window, '__e2eStallsLongTasks', { value: () => state.longTasks.slice() });
  Object.defineProperty(window, '__e2eStalls', {
    value: {
      reset() { state.since = performance.now(); state.maxLongTaskMs = 0; state.maxRafGapMs = 0; state.frames = 0; last = -1; },
      read() { return { maxLongTaskMs: Math.round(state.maxLongTaskMs), maxRafGapMs: Math.round(state.maxRafGapMs), frames: state.frames, windowMs: Math.round(performance.now() - state.since), error: state.error ?? null }; },
    },
  });
})();`

export interface PageStalls {
  /** Longest long task (≥ 50 ms by definition; 0 when none) since the last reset. */
  maxLongTaskMs: number
  /** Longest gap between two animation frames since the last reset. */
  maxRafGapMs: number
  frames: number
  windowMs: number
  error: string | null
}

export async function resetPageStalls(page: Page): Promise<void> {
  await page.evaluate('window.__e2eStalls.reset()')
}

export async function readPageStalls(page: Page): Promise<PageStalls> {
  return (await page.evaluate('window.__e2eStalls.read()')) as PageStalls
}
