/** A trailing throttle: `fn` runs at most once per `intervalMs`, with the latest state, never dropped. */
export interface Throttled {
  /** Asks for a run; it happens now if the last one was long enough ago, else at the end of the interval. */
  request(): void
  /** Runs a pending request now. */
  flush(): void
  cancel(): void
}

export function throttle(fn: () => void, intervalMs: number, now: () => number = () => Date.now()): Throttled {
  let last = -Infinity
  let timer: ReturnType<typeof setTimeout> | null = null
  const run = (): void => {
    timer = null
    last = now()
    fn()
  }
  return {
    request() {
      if (timer) return
      const wait = last + intervalMs - now()
      if (wait <= 0) run()
      else timer = setTimeout(run, wait)
    },
    flush() {
      if (!timer) return
      clearTimeout(timer)
      run()
    },
    cancel() {
      if (timer) clearTimeout(timer)
      timer = null
    },
  }
}

/** Calls `fn` once `delayMs` after the last call (config checks while typing). */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, delayMs: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null
  const debounced = (...args: A): void => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      fn(...args)
    }, delayMs)
  }
  debounced.cancel = () => {
    if (timer) clearTimeout(timer)
    timer = null
  }
  return debounced
}
