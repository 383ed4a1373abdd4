/** Coalition values, Shapley per sample set and robustness curves of hand-made predictors (values computed by hand). */
import { describe, expect, it } from 'vitest'
import { coalitionOutcomes, coalitionValues, columnStats, robustnessCurves, shapleyOn, type Predictor } from '../../../../src/main/training/engine/diagnostics/contributions'

// Test samples (x0, x1, y): s0 (1, 1, 1), s1 (1, −1, 1), s2 (−1, 1, 0), s3 (−1, −1, 0); one feature per modality.
const x = [Float32Array.of(1, 1, -1, -1), Float32Array.of(1, -1, 1, -1)]
const y = Int32Array.of(1, 1, 0, 0)
const zero = [Float32Array.of(0), Float32Array.of(0)]

/** Two classes with P(1) = f(x0, x1). */
const binary =
  (f: (a: number, b: number) => number): Predictor =>
  (xs, n) => {
    const out = new Float32Array(n * 2)
    for (let i = 0; i < n; i++) {
      const p = f(xs[0]![i]!, xs[1]![i]!)
      out[i * 2] = 1 - p
      out[i * 2 + 1] = p
    }
    return out
  }

describe('coalitions and Shapley values of a predictor', () => {
  it('additive predictor P(1) = 0.5 + 0.3·x0 + 0.1·x1: φ by hand, overall and per group', () => {
    const o = coalitionOutcomes(binary((a, b) => 0.5 + 0.3 * a + 0.1 * b), x, y, zero, 2)
    const all = [0, 1, 2, 3]
    // True-class probabilities: N: .9 .7 .7 .9 → 0.8; ∅: 0.5; {0}: .8 each → 0.8; {1}: .6 .4 .4 .6 → 0.5.
    const v = coalitionValues(o, all)
    ;[0.5, 0.8, 0.5, 0.8].forEach((want, mask) => expect(v.trueClassProb[mask]).toBeCloseTo(want, 6))
    // Accuracy (argmax; a 0.5/0.5 tie goes to class 0): ∅ 0.5, {0} 1, {1} 0.5, N 1.
    expect(v.accuracy).toEqual([0.5, 1, 0.5, 1])
    const phi = shapleyOn(o, all)
    expect(phi.n).toBe(4)
    expect(phi.trueClassProb[0]).toBeCloseTo(0.3, 6) // ½[(0.8 − 0.5) + (0.8 − 0.5)]
    expect(phi.trueClassProb[1]).toBeCloseTo(0, 6) // ½[(0.5 − 0.5) + (0.8 − 0.8)]
    expect(phi.accuracy[0]).toBeCloseTo(0.5, 12)
    expect(phi.accuracy[1]).toBeCloseTo(0, 12)
    // Group {s0, s3} (x1 agrees with y): N .9, ∅ .5, {0} .8, {1} .6 → φ0 = ½(.3 + .3) = .3, φ1 = ½(.1 + .1) = .1.
    const agree = shapleyOn(o, [0, 3])
    expect(agree.trueClassProb[0]).toBeCloseTo(0.3, 6)
    expect(agree.trueClassProb[1]).toBeCloseTo(0.1, 6)
    // Group {s1, s2} (x1 disagrees): N .7, {0} .8, {1} .4 → φ0 = ½(.3 + .3) = .3, φ1 = ½(−.1 − .1) = −.1.
    const disagree = shapleyOn(o, [1, 2])
    expect(disagree.trueClassProb[0]).toBeCloseTo(0.3, 6)
    expect(disagree.trueClassProb[1]).toBeCloseTo(-0.1, 6)
    // The overall value is the n-weighted mean of the parts (Shapley is linear in v).
    expect((agree.trueClassProb[1]! * 2 + disagree.trueClassProb[1]! * 2) / 4).toBeCloseTo(phi.trueClassProb[1]!, 6)
    expect(shapleyOn(o, []).n).toBe(0)
  })

  it('pure interaction P(1) = 0.5 + 0.4·x0·x1 splits the gain equally', () => {
    // y = 1 iff x0 = x1 → labels of the samples: 1, 0, 0, 1.
    const yx = Int32Array.of(1, 0, 0, 1)
    const o = coalitionOutcomes(binary((a, b) => 0.5 + 0.4 * a * b), x, yx, zero, 2)
    // Any coalition short of N sets the product to 0 → 0.5; N → 0.9. φ0 = φ1 = ½ · 0.4.
    const phi = shapleyOn(o, [0, 1, 2, 3])
    expect(phi.trueClassProb[0]).toBeCloseTo(0.2, 6)
    expect(phi.trueClassProb[1]).toBeCloseTo(0.2, 6)
    // Efficiency: Σφ = v(N) − v(∅).
    expect(phi.trueClassProb[0]! + phi.trueClassProb[1]!).toBeCloseTo(0.9 - 0.5, 6)
  })

  it('replaces an absent modality by its training mean (not by zero)', () => {
    // Training mean of x1 = 1: coalition {0} sees x1 = 1, so P(1) = 0.5 + 0.3·x0 + 0.1:
    // s0 .9 (y = 1), s1 .9 (y = 1), s2 P(1) .3 → P(0) .7, s3 .7: mean 0.8 (with x1 = 0 it would also be 0.8,
    // so check coalition ∅ too: P(1) = 0.6 everywhere → .6 .6 .4 .4 → 0.5, vs 0.5 at x1 = 0; and {0} per sample).
    const o = coalitionOutcomes(binary((a, b) => 0.5 + 0.3 * a + 0.1 * b), x, y, [Float32Array.of(0), Float32Array.of(1)], 2)
    expect(coalitionValues(o, [0, 1, 2, 3]).trueClassProb[1]).toBeCloseTo(0.8, 6)
    // Per sample, coalition {0}: s0 .9 (at x1 = 0 it would be .8).
    expect(o.trueClassProb[1]![0]).toBeCloseTo(0.9, 6)
    expect(o.trueClassProb[0]![0]).toBeCloseTo(0.6, 6)
  })
})

describe('columnStats and robustnessCurves', () => {
  it('computes per-feature mean and population std', () => {
    const s = columnStats(Float32Array.of(1, 10, 3, 10, 5, 10), 2)
    expect(Array.from(s.mean)).toEqual([3, 10])
    expect(s.std[0]).toBeCloseTo(Math.sqrt(8 / 3), 6)
    expect(s.std[1]).toBe(0)
  })

  it('a predictor that ignores modality 1: dropping or noising it changes nothing; dropping modality 0 leaves the constant prediction', () => {
    const predict = binary((a) => (a > 0 ? 0.9 : 0.1))
    const stats = [
      { mean: Float32Array.of(0), std: Float32Array.of(1) },
      { mean: Float32Array.of(0), std: Float32Array.of(1) },
    ]
    const r = robustnessCurves(predict, x, y, stats, [0.5, 1, 50], 2, 7)
    expect(r.baseline).toBe(1)
    expect(r.perModality[1]!.dropped).toBe(1)
    expect(r.perModality[1]!.noised).toEqual([1, 1, 1])
    // x0 = 0 → P(1) = 0.1 → class 0 for everyone: accuracy = share of class 0 = 0.5.
    expect(r.perModality[0]!.dropped).toBe(0.5)
    // σ = 0.5: |noise| would need to exceed 1 (2σ) to flip a sign; σ = 50 flips about half.
    expect(r.perModality[0]!.noised[2]).toBeLessThan(1)
    // A feature with zero training std gets no noise at all.
    const flat = robustnessCurves(predict, x, y, [{ mean: Float32Array.of(0), std: Float32Array.of(0) }, stats[1]!], [100], 2, 7)
    expect(flat.perModality[0]!.noised).toEqual([1])
  })
})
