/**
 * The batched expert mixture (fair-moe/experts.ts) against the per-expert form it replaced,
 * Σ_e w_e · (relu(X·W1_e + b1_e)·W2_e + b2_e) evaluated expert by expert, on fixed weights.
 */
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../../src/main/training/engine/backend'
import { mixExperts, type ExpertMlp } from '../../../../src/main/training/methods/fair-moe/experts'

beforeAll(async () => {
  await initBackend('wasm')
})

/** Deterministic values in [-1, 1) (a fixed sine sequence, no RNG). */
const fixed = (n: number, k: number): Float32Array => Float32Array.from({ length: n }, (_, i) => Math.sin(1.3 * i + 0.7 * k))

describe('mixExperts', () => {
  it('equals the per-expert weighted sum to 1e-5, values and gradients', () => {
    const [N, D, H, E] = [5, 4, 3, 3]
    const experts: ExpertMlp[] = Array.from({ length: E }, (_, e) => ({
      fc1: { W: tf.variable(tf.tensor2d(fixed(D * H, 4 * e), [D, H])), b: tf.variable(tf.tensor1d(fixed(H, 4 * e + 1))) },
      fc2: { W: tf.variable(tf.tensor2d(fixed(H * D, 4 * e + 2), [H, D])), b: tf.variable(tf.tensor1d(fixed(D, 4 * e + 3))) },
    }))
    const X = tf.tensor2d(fixed(N * D, 99), [N, D])
    // Weights with zeros (unrouted experts), as the routing mask gives.
    const w = tf.tensor2d(Float32Array.from(fixed(N * E, 50), (v, i) => (i % 4 === 0 ? 0 : Math.abs(v))), [N, E])
    const perExpert = (): tf.Tensor2D =>
      tf.addN(experts.map((ex, e) => tf.mul(tf.slice(w, [0, e], [N, 1]), tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(X, ex.fc1.W as tf.Tensor2D), ex.fc1.b)), ex.fc2.W as tf.Tensor2D), ex.fc2.b)))) as tf.Tensor2D
    const a = mixExperts(X, experts, w).arraySync().flat()
    const b = perExpert().arraySync().flat()
    a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThan(1e-5))
    const vars = experts.flatMap((ex) => [ex.fc1.W, ex.fc1.b, ex.fc2.W, ex.fc2.b])
    const ga = tf.variableGrads(() => tf.sum(tf.square(mixExperts(X, experts, w))) as tf.Scalar, vars).grads
    const gb = tf.variableGrads(() => tf.sum(tf.square(perExpert())) as tf.Scalar, vars).grads
    for (const v of vars) {
      const x = ga[v.name]!.dataSync()
      const y = gb[v.name]!.dataSync()
      x.forEach((g, i) => expect(Math.abs(g - y[i]!)).toBeLessThan(1e-5))
    }
  })
})
