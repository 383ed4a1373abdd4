/**
 * Group-distance benchmark: one value-and-gradient evaluation of the FairCLIP-style term
 * Σ_g D(batch scores, group-g scores) (engine/group-distance.ts) at a Diabetes-130-like shape
 * (`equimodal bench`: batch 128 — the Diabetes config trains with 256, where Sinkhorn takes ≈ 17 s
 * on wasm — 5 groups of unequal size, scores in [0, 1]), with the Sinkhorn solver (default
 * options of fairclip-distance: blur 0.01, 40 iterations) and the exact 1-D solver.
 * Prints milliseconds per evaluation (mean over the repetitions after a warm-up).
 */
import * as tf from '@tensorflow/tfjs'
import type { Backend } from '../../shared/experiment'
import { initBackend } from '../training/engine/backend'
import { groupScoreDistance, type GroupDistanceSolver } from '../training/engine/group-distance'
import { createRng } from '../util/rng'

export async function benchGroupDistance(backend: Backend = 'auto', batch = 256, repeats = 5): Promise<{ name: string; value: number; unit: string }[]> {
  const info = await initBackend(backend)
  const rng = createRng(3)
  // Group shares roughly as Diabetes-130's race column (one large group, several small ones).
  const shares = [0.75, 0.19, 0.03, 0.02, 0.01]
  const codes = Int32Array.from({ length: batch }, () => {
    let u = rng.next()
    for (let g = 0; g < shares.length; g++) if ((u -= shares[g]!) < 0) return g
    return shares.length - 1
  })
  const scores = Array.from({ length: batch }, () => rng.next())
  const time = (solver: GroupDistanceSolver): number => {
    const once = (): void =>
      tf.tidy(() => {
        const x = tf.tensor1d(scores)
        const g = tf.grad((s: tf.Tensor) => groupScoreDistance(s as tf.Tensor1D, codes, shares.length, { blur: 0.01, iterations: 40, scaling: 0.5, minGroupSize: 2, detachGroup: true, solver }).total!)(x)
        g.dataSync()
      })
    once()
    const start = performance.now()
    for (let r = 0; r < repeats; r++) once()
    return (performance.now() - start) / repeats
  }
  return (['sinkhorn', 'exact-1d'] as const).map((solver) => ({
    name: `group distance ${solver}, batch ${batch}, 5 groups, value+grad (${info.name})`,
    value: time(solver),
    unit: 'ms',
  }))
}
