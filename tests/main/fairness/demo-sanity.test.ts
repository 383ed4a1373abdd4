/**
 * Synthetic sanity test of the group-fairness mitigations on the demo dataset's biased group
 * (src/main/data/synthetic.ts: sex "F", 30 % of every class, noisier and shifted features).
 * Train 500 / validate 100 / test 2400 rows of one generated set (a large test part keeps the
 * gap's sampling noise small), seeds 1–3, 15 epochs, wasm backend.
 *
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
import { runArm, sanityData, type ArmResult } from './demo-sanity'

const SEEDS = [1, 2, 3]
let registry: ReadonlyMap<string, MethodDefinition>
const data = sanityData(7, 1)
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

  it('reweighing has nothing to reweigh: label and sex are independent in the demo (all weights ≈ 1)', () => {
    const table = reweighingTable(data.labels, data.attributes[0]!.values, data.classNames.length, 2)
    for (const row of table) for (const w of row) expect(Math.abs(w - 1)).toBeLessThan(0.03)
  })
})
