/**
 * The validation carve with whole groups (`carveGroupValidation`, used by `groupFolds`) must be a
 * representative sample of the training part's groups, not its largest groups. The data mimic
 * Diabetes-130: most patients have one encounter, a few "frequent" patients many, and frequent
 * patients are readmitted more often (label 1). A carve that takes the largest patients first
 * (the bug found on Diabetes-130 on 2026-11-23: validation 20 % positives against 11 % in the
 * data, validation AUC 0.52 against test 0.67, so per-group thresholds fitted there did not
 * transfer) fails both checks below.
 */
import { describe, expect, it } from 'vitest'
import { carveGroupValidation } from '../../../src/main/protocol/group-folds'
import { createRng } from '../../../src/main/util/rng'

function frequentPatients(seed: number): { labels: Int32Array; groupOf: Int32Array } {
  const rng = createRng(seed)
  const labels: number[] = []
  const groupOf: number[] = []
  for (let p = 0; p < 3000; p++) {
    const frequent = rng.next() < 0.05
    const size = frequent ? 5 + rng.int(16) : 1 + (rng.next() < 0.2 ? 1 : 0)
    const rate = frequent ? 0.35 : 0.08
    for (let j = 0; j < size; j++) {
      labels.push(rng.next() < rate ? 1 : 0)
      groupOf.push(p)
    }
  }
  return { labels: Int32Array.from(labels), groupOf: Int32Array.from(groupOf) }
}

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length

describe('carveGroupValidation', () => {
  it.each([1, 2, 3])('takes a representative sample of groups, not the largest ones (seed %i)', (seed) => {
    const { labels, groupOf } = frequentPatients(seed)
    const rows = Int32Array.from(labels.keys())
    const { train, val } = carveGroupValidation(rows, labels, 2, groupOf, 0.1, createRng(seed + 100))
    expect(train.length + val.length).toBe(rows.length)
    // Size: the target is 10 % of the rows.
    expect(Math.abs(val.length / rows.length - 0.1)).toBeLessThan(0.01)
    // Class balance: positive share within 1.5 points of the whole part's (≈ 14 %).
    const share = (rs: Int32Array) => mean([...rs].map((r) => labels[r]!))
    expect(Math.abs(share(val) - share(rows))).toBeLessThan(0.015)
    // Group sizes: the validation part's patients are not the frequent ones. The mean number of rows per
    // validation patient stays within 35 % of the part's (largest-first gives ≈ 5×).
    const perGroup = (rs: Int32Array) => {
      const counts = new Map<number, number>()
      for (const r of rs) counts.set(groupOf[r]!, (counts.get(groupOf[r]!) ?? 0) + 1)
      return mean([...counts.values()])
    }
    expect(perGroup(val) / perGroup(rows)).toBeGreaterThan(0.65)
    expect(perGroup(val) / perGroup(rows)).toBeLessThan(1.35)
    // Whole groups.
    const valGroups = new Set([...val].map((r) => groupOf[r]))
    for (const r of train) expect(valGroups.has(groupOf[r])).toBe(false)
  })
})
