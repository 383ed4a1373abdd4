/**
 * Test reference: exact W₂² between uniform empirical measures on x and y, read off the
 * piecewise-constant quantile functions at the midpoint of every interval between the merged
 * breakpoints i/n and j/m. For 1-D measures W₂² = ∫₀¹ (F⁻¹(t) − G⁻¹(t))² dt (quantile coupling;
 * Villani, *Optimal Transport*, Remark 2.19; Peyré & Cuturi, *Computational Optimal Transport*,
 * Remark 2.30), i.e. the sorted-sample formula mean_i (x₍ᵢ₎ − y₍ᵢ₎)² for equal sizes.
 * Shared by the Sinkhorn tests and the exact-1d solver tests (checked by hand in sinkhorn.test.ts).
 */
export function exactW2sq(x: number[], y: number[]): number {
  const xs = [...x].sort((a, b) => a - b)
  const ys = [...y].sort((a, b) => a - b)
  const cuts = [...new Set([...xs.map((_, i) => (i + 1) / xs.length), ...ys.map((_, j) => (j + 1) / ys.length)])].sort((a, b) => a - b)
  let prev = 0
  let sum = 0
  for (const t of cuts) {
    const mid = (prev + t) / 2
    const qx = xs[Math.min(xs.length - 1, Math.floor(mid * xs.length))]!
    const qy = ys[Math.min(ys.length - 1, Math.floor(mid * ys.length))]!
    sum += (t - prev) * (qx - qy) ** 2
    prev = t
  }
  return sum
}
