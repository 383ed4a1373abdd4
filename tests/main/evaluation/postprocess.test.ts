/** The per-group thresholds variant end to end on the hand-worked case of threshold-optimizer.test.ts. */
import { describe, expect, it } from 'vitest'
import { PostProcess } from '../../../src/shared/experiment'
import { checkPostProcess, postProcessVariant } from '../../../src/main/evaluation/postprocess'
import { withVariantJobs } from '../../../src/main/services/runs/variant-jobs'
import type { JobRow } from '../../../src/main/services/workspace'

const probs = (p1: number[]) => Float32Array.from(p1.flatMap((p) => [1 - p, p]))
const step = PostProcess.parse({ kind: 'group-thresholds' })

describe('postProcessVariant', () => {
  // Validation = the hand-worked case: group 0 gets threshold 0.8; group 1 predicts positive with
  // probability 1/2 when p ≥ 0.7, never otherwise (coin rate x* = 0).
  const val = { yTrue: Int32Array.from([0, 0, 1, 1, 0, 1, 0, 1]), probs: probs([0.1, 0.4, 0.35, 0.8, 0.2, 0.9, 0.3, 0.7]), groups: [Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1])] }
  // Test: group 0 rows with p 0.85 (→ 1) and 0.6 (→ 0 although argmax says 1); group 1 row p 0.1 (→ 0); unknown row keeps argmax.
  const test = {
    yTrue: Int32Array.from([1, 0, 0, 1]),
    probs: probs([0.85, 0.6, 0.1, 0.9]),
    classNames: ['n', 'p'],
    attributes: [{ name: 'sex', groups: ['F', 'M'], values: Int32Array.from([0, 0, 1, -1]) }],
  }

  it('applies the fitted thresholds and reports the fallback count', () => {
    const v = postProcessVariant(step, test, val, 1)
    expect(v.name).toBe('thresholds')
    // Predictions 1, 0, 0, 1 → all four correct; the argmax would get row 1 wrong (0.75).
    expect(v.classification.accuracy).toBe(1)
    expect(v.fitted).toMatchObject({ attribute: 'sex', sharedFpr: 0, fallback: 1 })
    expect(v.description).toMatch(/fitted on the validation part/)
  })

  it('refuses multiclass labels and unknown attributes before training', () => {
    expect(() => checkPostProcess([step], 3, [{ name: 'sex' }])).toThrow(/binary labels/)
    expect(() => checkPostProcess([PostProcess.parse({ kind: 'group-thresholds', attribute: 'race' })], 2, [{ name: 'sex' }])).toThrow(/no attribute "race"/)
    expect(() => checkPostProcess([step], 2, [{ name: 'sex' }])).not.toThrow()
  })
})

describe('withVariantJobs', () => {
  it('adds one job per variant as arm "<arm>+<name>" with the same seed and fold', () => {
    const base = { classification: { accuracy: 0.7 }, fairness: [] }
    const variant = { name: 'thresholds', description: '', classification: { accuracy: 0.6 }, fairness: [] }
    const row = { runId: 'r', key: { arm: 'baseline', seed: 1, fold: 2 }, keyString: 'baseline|seed=1|fold=2', arm: 'baseline', seed: 1, fold: 2, status: 'done', metrics: { ...base, variants: [variant] } } as unknown as JobRow
    const out = withVariantJobs([row])
    expect(out).toHaveLength(2)
    expect(out[1]).toMatchObject({ arm: 'baseline+thresholds', keyString: 'baseline+thresholds|seed=1|fold=2', seed: 1, fold: 2, metrics: { classification: { accuracy: 0.6 } } })
  })
})
