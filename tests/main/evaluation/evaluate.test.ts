import { describe, expect, it } from 'vitest'
import { evaluate } from '../../../src/main/evaluation/evaluate'
import { AppFailure } from '../../../src/shared/result'

const binaryProbs = (p1: number[]) => Float32Array.from(p1.flatMap((p) => [1 - p, p]))

describe('evaluate', () => {
  // The ES-AUC example of fairness.test.ts: two groups of 4 plus 2 samples of unknown sex.
  const yTrue = Int32Array.from([0, 0, 1, 1, 0, 1, 0, 1, 1, 0])
  const probs = binaryProbs([0.1, 0.4, 0.35, 0.8, 0.2, 0.9, 0.3, 0.7, 0.05, 0.95])
  const sex = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1, -1, -1])
  const site = Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1, 0, 1])

  it('puts classification on all samples and fairness on the known ones, per attribute', () => {
    const r = evaluate({
      yTrue,
      probs,
      classNames: ['healthy', 'disease'],
      attributes: [
        { name: 'sex', groups: ['F', 'M'], values: sex },
        { name: 'site', groups: ['s0', 's1'], values: site },
      ],
    })
    // All 10 samples: ŷ = [0,0,0,1,0,1,0,1,0,1] → correct at 0,1,3,4,5,6,7 = 7/10.
    expect(r.classification.accuracy).toBeCloseTo(0.7, 12)
    // Confusion: true 0 (rows 0,1,4,6,9) → predicted 0,0,0,0,1; true 1 (2,3,5,7,8) → 0,1,1,1,0.
    expect(r.classification.confusion).toEqual([
      [4, 1],
      [2, 3],
    ])
    expect(r.classification.perClass.map((c) => c.name)).toEqual(['healthy', 'disease'])
    // AUC over 10: positives {.35,.8,.9,.7,.05}, negatives {.1,.4,.2,.3,.95}: .35 → 3, .8/.9/.7 → 4 each,
    // .05 → 0; 15 of 25 pairs = 0.6.
    expect(r.classification.auc).toBeCloseTo(0.6, 12)
    expect(r.classification.ece).toBeGreaterThan(0)
    expect(r.fairness.map((f) => [f.attribute, f.excluded])).toEqual([
      ['sex', 2],
      ['site', 0],
    ])
    expect(r.fairness[0]!.esAuc).toBeCloseTo(0.75, 12) // fairness.test.ts worked example
    // With nothing unknown, the "overall" inside ES-ACC is the headline accuracy:
    // site s0 = rows 0,2,4,6,8 → correct 0,4,6 = 3/5; s1 = rows 1,3,5,7,9 → 1,3,5,7 = 4/5;
    // ES-ACC = 0.7 / (1 + 0.1 + 0.1) = 0.7 / 1.2.
    expect(r.fairness[1]!.esAcc).toBeCloseTo(0.7 / 1.2, 12)
  })

  it('gives a report that survives JSON (what the workspace stores)', () => {
    const r = evaluate({ yTrue, probs, classNames: ['a', 'b'], attributes: [{ name: 'sex', groups: ['F', 'M'], values: sex }] })
    expect(JSON.parse(JSON.stringify(r))).toEqual(r)
  })

  it('rejects inconsistent shapes and out-of-range labels or groups', () => {
    const base = { yTrue, probs, classNames: ['a', 'b'], attributes: [] }
    expect(() => evaluate({ ...base, probs: probs.subarray(1) })).toThrow(RangeError)
    expect(() => evaluate({ ...base, classNames: ['a'] })).toThrow(RangeError)
    expect(() => evaluate({ ...base, yTrue: Int32Array.from([0, 0, 1, 1, 0, 1, 0, 1, 1, 2]) })).toThrow(/label 2/)
    expect(() => evaluate({ ...base, yTrue: new Int32Array(0), probs: new Float32Array(0) })).toThrow(RangeError)
    expect(() => evaluate({ ...base, attributes: [{ name: 'sex', groups: ['F'], values: sex }] })).toThrow(/sex/)
    expect(() => evaluate({ ...base, attributes: [{ name: 'sex', groups: ['F', 'M'], values: sex.subarray(1) }] })).toThrow(/sex/)
  })

  it('fails as TRAINING_FAILED when a probability is not finite (diverged model)', () => {
    const bad = probs.slice()
    bad[7] = NaN
    try {
      evaluate({ yTrue, probs: bad, classNames: ['a', 'b'], attributes: [] })
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(AppFailure)
      expect((e as AppFailure).error.code).toBe('TRAINING_FAILED')
      expect((e as AppFailure).error.message).toContain('test sample 3')
    }
  })
})
