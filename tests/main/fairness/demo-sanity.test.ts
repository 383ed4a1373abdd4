/**
 * Synthetic sanity test of the group-fairness mitigations on the demo dataset's biased group
 * (src/main/data/synthetic.ts: sex "F", noisier and shifted features) with the generator's
 * `groupPrevalenceShift: 0.6` on (F: 12 % of class A, 48 % of the other classes; the default demo
 * keeps 0 because many tests pin its numbers). Train 500 / validate 100 / test the rest of one
 * generated set of 3000 (a large test part keeps the gap's sampling noise small), seeds 1–3,
 * 15 epochs, wasm backend.
 *
 * Reweighing (Kamiran–Calders) makes label and group independent in the training weights, i.e. it
 * targets demographic parity, so its gap is DPD. Probe when written (seeds 1/2/3, baseline → rw):
 * DPD 0.129 → 0.097, 0.128 → 0.111, 0.132 → 0.105; accuracy 0.735 → 0.730, 0.731 → 0.733,
 * 0.736 → 0.733 (cost < 1 point). EOD does not shrink with it (0.154 → 0.185, 0.177 → 0.185,
 * 0.183 → 0.187): equalized odds is not what reweighing equalizes.
 *
 * The group-dro numbers below were measured on the default demo (shift 0), before the shift:
 * Measured when written (mean over the 3 seeds): baseline accuracy 0.752, accuracy gap F vs M 0.18,
 * EOD 0.198; group-dro (η = 1) EOD 0.182, accuracy 0.721 — the gap shrinks by ≈ 0.016 at ≈ 3 points
 * of accuracy. With the reference code's η = 0.01 (and 0.1) no change is measurable in 15 epochs.
 * Reweighing cannot act here: the demo's label distribution is the same in both groups, so every
 * Kamiran–Calders weight is ≈ 1 (checked below instead of training an arm identical to the baseline).
 * MultiFair (paper-intent) and Fair-MoE belong in this file too (their helper adds them).
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
const data = generateDemoDataset({ seed: 7, samples: 3000, groupPrevalenceShift: 0.6 })
const groupAcc = (r: ArmResult, g: string) => r.fairness.groups.find((x) => x.group === g)!.accuracy

beforeAll(async () => {
  await initBackend('wasm')
  registry = await loadMethodRegistry()
})

describe('demo dataset, attribute sex (F = the harder minority group)', () => {
  const baseline: ArmResult[] = []
  const dro: ArmResult[] = []

  it('baseline: a clear accuracy gap against F in every seed', async () => {
    for (const seed of SEEDS) baseline.push(await runArm(data, [], seed, registry))
    for (const r of baseline) {
      expect(groupAcc(r, 'M') - groupAcc(r, 'F')).toBeGreaterThan(0.1)
      expect(r.fairness.eod).toBeGreaterThan(0.1)
    }
  }, 120_000)

  it('group-dro (η = 1) shrinks EOD in every seed at an accuracy cost under 6 points', async () => {
    for (const seed of SEEDS) dro.push(await runArm(data, [{ method: 'group-dro', options: { stepSize: 1 } }], seed, registry))
    dro.forEach((r, k) => expect(r.fairness.eod!).toBeLessThan(baseline[k]!.fairness.eod!))
    const mean = (rs: ArmResult[]) => rs.reduce((s, r) => s + r.accuracy, 0) / rs.length
    expect(mean(baseline) - mean(dro)).toBeLessThan(0.06)
  }, 120_000)

  it('reweighing shrinks DPD in every seed at an accuracy cost under 2 points', async () => {
    // The shift makes weights differ from 1 (F's class-A rows are up-weighted).
    const table = reweighingTable(data.labels, data.attributes[0]!.values, data.classNames.length, 2)
    expect(table[0]![0]!).toBeGreaterThan(1.5)
    const rw: ArmResult[] = []
    for (const seed of SEEDS) rw.push(await runArm(data, [{ method: 'reweighing', options: {} }], seed, registry))
    rw.forEach((r, k) => {
      console.log(`seed ${SEEDS[k]}: baseline acc ${baseline[k]!.accuracy.toFixed(3)} DPD ${baseline[k]!.fairness.dpd!.toFixed(3)} → reweighing acc ${r.accuracy.toFixed(3)} DPD ${r.fairness.dpd!.toFixed(3)}`)
      expect(r.fairness.dpd!).toBeLessThan(baseline[k]!.fairness.dpd!)
    })
    const mean = (rs: ArmResult[]) => rs.reduce((s, r) => s + r.accuracy, 0) / rs.length
    expect(mean(baseline) - mean(rw)).toBeLessThan(0.02)
  }, 120_000)
})
