/**
 * The modality-imbalance failure mode and its fixes, on the synthetic fixture of imbalance-fixture.ts
 * (easy modality 0, weak complementary modality 1 whose class signal is ±1 on one of 64 features:
 * a perfectly learned weak encoder reaches the Bayes rate Φ(1) = 0.841 alone).
 *
 * The weak modality's learning is read from its unimodal head trained on *detached* features (a
 * probe: it does not train the encoder), as the validation accuracy averaged over the last 3 epochs.
 * Same seeds, model and optimiser (SGD, as OGM-GE's paper) for every arm.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../../../src/main/training/engine/backend'
import type { MethodDefinition } from '../../../../../src/main/training/engine/method'
import { trainModel, type TrainOutput } from '../../../../../src/main/training/engine/trainer'
import cggm from '../../../../../src/main/training/methods/cggm/index'
import mm from '../../../../../src/main/training/methods/modality-mix/index'
import ogm from '../../../../../src/main/training/methods/ogm-ge/index'
import { ModelConfig, TrainingConfig } from '../../../../../src/shared/experiment'
import { imbalanceFold } from './imbalance-fixture'

const SEEDS = [1, 2, 3]
const BAYES_WEAK = 0.8413 // Φ(1): the weak modality alone, perfectly learned

async function run(seed: number, method?: { def: MethodDefinition; options: object }): Promise<TrainOutput> {
  return trainModel({
    fold: imbalanceFold({ seed }),
    model: ModelConfig.parse({ hidden: [8], dropout: 0, unimodalHeads: true, detachUnimodalHeads: true }),
    training: TrainingConfig.parse({ epochs: 30, batchSize: 32, learningRate: 0.05, optimizer: 'sgd', patience: 0 }),
    methods: method ? [method] : [],
    seed,
  })
}

/** Mean over the last 3 epochs of an epoch-log extra. */
const tail = (out: TrainOutput, key: string): number => out.epochs.slice(-3).reduce((s, e) => s + (e.extras[key] ?? Number.NaN), 0) / 3
const weak = (out: TrainOutput): number => tail(out, 'unimodal.1.valAccuracy')
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length

describe('modality imbalance on the synthetic fixture', () => {
  let baseline: number[] = []
  beforeAll(async () => {
    await initBackend('wasm')
    baseline = []
    for (const seed of SEEDS) baseline.push(weak(await run(seed)))
  }, 120_000)

  it('the baseline under-learns the weak modality (its probe stays far below the Bayes rate)', () => {
    // Observed 0.669, 0.648, 0.641; alone (modality 0 without signal) the same budget reaches 0.76–0.79.
    expect(mean(baseline)).toBeLessThan(BAYES_WEAK - 0.1)
  })

  it('OGM-GE raises the weak modality on every seed (α = 0.8, the value the authors give for CREMA-D)', async () => {
    const acc: number[] = []
    for (const seed of SEEDS) acc.push(weak(await run(seed, { def: ogm, options: { alpha: 0.8 } })))
    acc.forEach((a, k) => expect(a, `seed ${SEEDS[k]}`).toBeGreaterThanOrEqual(baseline[k]!))
    expect(mean(acc) - mean(baseline)).toBeGreaterThan(0.02) // observed ≈ +0.05
  }, 120_000)

  it('modality-mix learning raises the weak modality on every seed and recognises the proportions', async () => {
    const acc: number[] = []
    for (const seed of SEEDS) {
      const out = await run(seed, { def: mm, options: {} })
      acc.push(weak(out))
      const last = out.epochs[out.epochs.length - 1]!.extras
      expect(last['modality-mix.weakModality']).toBe(1)
      expect(Math.abs(last['modality-mix.heldOutPartnerShare']! - last['modality-mix.heldOutPartnerTarget']!)).toBeLessThan(0.1)
    }
    acc.forEach((a, k) => expect(a, `seed ${SEEDS[k]}`).toBeGreaterThanOrEqual(baseline[k]!))
    expect(mean(acc) - mean(baseline)).toBeGreaterThan(0.05) // observed ≈ +0.11
  }, 120_000)

  it('CGGM does NOT raise it here (|Δ| coefficients; the signed ones do worse): the saturated easy head gets the larger B', async () => {
    // Recorded finding, not a goal: modality 0's head is ~98% right from epoch 1, so its Δ ≈ 0 and
    // B_0 ≈ 1 while the weak head's noisy batch accuracy changes give B_1 ≈ 0 (README "Pitfalls").
    // Observed weak probe: 0.621, 0.637, 0.608 (|Δ|); 0.593, 0.607, 0.584 with the code's signed form.
    // Weak Shapley share φ₁/(φ₀+φ₁) (true-class prob.) also falls: 0.108, 0.049, 0.068 → 0.075, 0.022, 0.053.
    // Gentler fixtures (easy shift 1.5/2, lr 0.01, batch 64–600, signed/absolute, heads at half rate) did
    // not give a raise on every seed either: see cggm/README.md "Does CGGM raise the weak modality…".
    // Nor did Δ from a smoothed accuracy (EMA β = 0.95): weak probe 0.629, 0.670, 0.608; share 0.077, 0.030, 0.057.
    const acc: number[] = []
    const b0: number[] = []
    const b1: number[] = []
    for (const seed of SEEDS) {
      const out = await run(seed, { def: cggm, options: { coefficients: 'absolute' } })
      acc.push(weak(out))
      b0.push(tail(out, 'cggm.coeff.0'))
      b1.push(tail(out, 'cggm.coeff.1'))
    }
    expect(mean(b0)).toBeGreaterThan(mean(b1))
    expect(mean(acc)).toBeLessThan(mean(baseline))
  }, 120_000)
})
