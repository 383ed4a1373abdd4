/**
 * Best-epoch selection (`training.selectOn`): the pure score order, and the trainer restoring the epoch
 * the score names, checked against the epoch logs it returns (argmin of validation loss, or argmax of
 * validation macro F1 with the lower loss breaking ties; the earlier epoch on a full tie).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../../src/main/training/engine/backend'
import { betterScore, selectionScore, WORST_SCORE } from '../../../../src/main/training/engine/selection'
import { trainModel } from '../../../../src/main/training/engine/trainer'
import type { EpochLog } from '../../../../src/shared/training/job'
import { TrainingConfig } from '../../../../src/shared/experiment'
import { longTailFold } from '../methods/class-imbalance/long-tail-fixture'
import { tinyModel, tinyTraining } from '../fixtures'

beforeAll(async () => {
  await initBackend('wasm')
})

describe('selection score', () => {
  it('defaults to validation loss', () => {
    expect(TrainingConfig.parse({}).selectOn).toBe('val-loss')
  })
  it('orders by loss, or by macro F1 (higher wins) with the loss as tie-break', () => {
    const a = { valLoss: 0.5, valMacroF1: 0.4 }
    const b = { valLoss: 0.6, valMacroF1: 0.7 }
    const c = { valLoss: 0.4, valMacroF1: 0.7 }
    expect(betterScore(selectionScore(a, 'val-loss'), selectionScore(b, 'val-loss'))).toBe(true)
    expect(betterScore(selectionScore(b, 'val-macro-f1'), selectionScore(a, 'val-macro-f1'))).toBe(true)
    expect(betterScore(selectionScore(c, 'val-macro-f1'), selectionScore(b, 'val-macro-f1'))).toBe(true)
    expect(betterScore(selectionScore(b, 'val-macro-f1'), selectionScore(b, 'val-macro-f1'))).toBe(false) // equal keeps the earlier
  })
  it('ranks NaN below every finite score, and anything finite above the start value', () => {
    const nan = { valLoss: Number.NaN, valMacroF1: Number.NaN }
    expect(betterScore(selectionScore(nan, 'val-macro-f1'), WORST_SCORE)).toBe(false)
    expect(betterScore(selectionScore({ valLoss: 9, valMacroF1: 0 }, 'val-macro-f1'), WORST_SCORE)).toBe(true)
  })
})

/** The epoch the logs say should be kept, computed independently of the trainer's code. */
function expectedBest(epochs: EpochLog[], on: 'val-loss' | 'val-macro-f1'): number {
  let best = epochs[0]!
  for (const e of epochs.slice(1)) {
    const better = on === 'val-loss' ? e.valLoss < best.valLoss : e.valMacroF1 > best.valMacroF1 || (e.valMacroF1 === best.valMacroF1 && e.valLoss < best.valLoss)
    if (better) best = e
  }
  return best.epoch
}

describe('trainer restores the epoch selectOn names', () => {
  it.each(['val-loss', 'val-macro-f1'] as const)('%s', async (selectOn) => {
    const fold = longTailFold({ trainCounts: [120, 40, 12], seed: 2 })
    const out = await trainModel({ fold, model: tinyModel({ hidden: [6] }), training: tinyTraining({ epochs: 12, selectOn }), methods: [], seed: 3 })
    expect(out.bestEpoch).toBe(expectedBest(out.epochs, selectOn))
  })
  it('the two scores pick different epochs on a long-tailed fold (the option changes something)', async () => {
    const fold = longTailFold({ trainCounts: [120, 40, 12], seed: 2 })
    const run = (selectOn: 'val-loss' | 'val-macro-f1') =>
      trainModel({ fold, model: tinyModel({ hidden: [6] }), training: tinyTraining({ epochs: 12, selectOn }), methods: [], seed: 3 })
    const [byLoss, byF1] = [await run('val-loss'), await run('val-macro-f1')]
    expect(byLoss.epochs.map((e) => e.valLoss)).toEqual(byF1.epochs.map((e) => e.valLoss)) // same training path
    expect(byLoss.bestEpoch).not.toBe(byF1.bestEpoch)
  })
})
