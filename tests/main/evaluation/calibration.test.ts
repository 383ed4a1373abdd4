import { describe, expect, it } from 'vitest'
import { calibrationBins, expectedCalibrationError } from '../../../src/main/evaluation/calibration'

describe('expectedCalibrationError (Guo et al. 2017, 15 bins (lo, hi])', () => {
  it('matches a hand computation over four bins', () => {
    // Five binary samples (probability rows, label):
    //   a [0.90, 0.10] y=0 → conf 0.90, pred 0, correct; 0.90·15 = 13.5 → bin 13 = (13/15, 14/15] = (0.867, 0.933]
    //   b [0.95, 0.05] y=1 → conf 0.95, pred 0, wrong;   14.25 → bin 14 = (0.933, 1]
    //   c [0.30, 0.70] y=1 → conf 0.70, pred 1, correct; 10.5  → bin 10 = (0.667, 0.733]
    //   d [0.35, 0.65] y=0 → conf 0.65, pred 1, wrong;   9.75  → bin 9  = (0.6, 0.667]
    //   e [0.12, 0.88] y=1 → conf 0.88, pred 1, correct; 13.2  → bin 13
    // ECE = Σ |B|/n · |acc − conf|:
    //   bin 13: 2/5 · |1 − (0.90 + 0.88)/2| = 0.4 · 0.11 = 0.044
    //   bin 14: 1/5 · |0 − 0.95| = 0.19
    //   bin 10: 1/5 · |1 − 0.70| = 0.06
    //   bin 9:  1/5 · |0 − 0.65| = 0.13
    //   total 0.424
    const probs = Float32Array.from([0.9, 0.1, 0.95, 0.05, 0.3, 0.7, 0.35, 0.65, 0.12, 0.88])
    const y = [0, 1, 1, 0, 1]
    expect(expectedCalibrationError(y, probs, 2)).toBeCloseTo(0.424, 6)
    const bins = calibrationBins(y, probs, 2)
    expect(bins).toHaveLength(15)
    expect(bins.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 2, 1])
    expect(bins[13]!.accuracy).toBe(1)
    expect(bins[13]!.confidence).toBeCloseTo(0.89, 6)
    expect(bins[0]).toEqual({ lo: 0, hi: 1 / 15, count: 0, accuracy: null, confidence: null })
  })

  it('is 0 when accuracy equals confidence in every bin', () => {
    // Four samples at confidence 0.75 (bin 11 = (0.733, 0.8]), three correct: acc 0.75 = conf → ECE 0.
    const probs = Float32Array.from([0.75, 0.25, 0.75, 0.25, 0.25, 0.75, 0.25, 0.75])
    expect(expectedCalibrationError([0, 0, 1, 0], probs, 2)).toBe(0)
  })

  it('uses the top-label confidence for multiclass and puts confidence 1 in the last bin', () => {
    // [0.2, 0.5, 0.3] y=1 → conf 0.5, correct; 7.5 → bin 7 = (0.467, 0.533]: |1 − 0.5| · 1/2
    // [0, 0, 1] y=0 → conf 1 (exactly the upper edge of bin 14), wrong: |0 − 1| · 1/2
    // ECE = 0.25 + 0.5 = 0.75
    const probs = Float32Array.from([0.2, 0.5, 0.3, 0, 0, 1])
    expect(expectedCalibrationError([1, 0], probs, 3)).toBeCloseTo(0.75, 7)
    expect(calibrationBins([1, 0], probs, 3)[14]!.count).toBe(1)
  })

  it('takes another bin count when asked', () => {
    // 2 bins: (0, 0.5], (0.5, 1]. conf 0.5 → first bin (upper edge inclusive); conf 0.9 → second.
    const probs = [0.5, 0.5, 0.9, 0.1]
    expect(calibrationBins([0, 1], probs, 2, 2).map((b) => b.count)).toEqual([1, 1])
    // ECE = ½·|1 − 0.5| + ½·|0 − 0.9| = 0.25 + 0.45 = 0.7
    expect(expectedCalibrationError([0, 1], probs, 2, 2)).toBeCloseTo(0.7, 12)
  })
})
