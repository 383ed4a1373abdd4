/**
 * Seeded randomness. One master seed derives every split, shuffle and initialisation through
 * `deriveSeed(master, ...path)`, so a job's randomness depends only on its identity
 * (seed, fold, arm…), never on the order in which jobs run.
 */

/** 32-bit FNV-1a over a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** A seed for a named sub-stream of `master` (e.g. deriveSeed(7, 'fold', 2, 'init')). */
export function deriveSeed(master: number, ...path: (string | number)[]): number {
  return fnv1a(`${master >>> 0}/${path.join('/')}`)
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [0, n). */
  int(n: number): number
  /** Standard normal (Box–Muller). */
  normal(): number
  /** Fisher–Yates shuffle in place; returns the array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T
}

/** mulberry32: small, fast, good enough for shuffles and initialisation. */
export function createRng(seed: number): Rng {
  let s = seed >>> 0
  let spare: number | undefined
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      if (spare !== undefined) {
        const v = spare
        spare = undefined
        return v
      }
      let u = 0
      while (u === 0) u = next()
      const v = next()
      const r = Math.sqrt(-2 * Math.log(u))
      spare = r * Math.sin(2 * Math.PI * v)
      return r * Math.cos(2 * Math.PI * v)
    },
    shuffle: (a) => {
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1))
        const tmp = a[i]
        a[i] = a[j]
        a[j] = tmp
      }
      return a
    },
  }
}
