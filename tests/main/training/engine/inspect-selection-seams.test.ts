/**
 * The additive engine seams used by curricula: EpochContext.inspectTraining (lazy inference-mode
 * scores of the training part), MethodInstance.selectionOpen (epochs kept out of best-weight
 * selection and patience), MethodDefinition.requires (model settings a method needs).
 */
import { z } from 'zod'
import { beforeAll, describe, expect, it } from 'vitest'
import { AppFailure } from '../../../../src/shared/result'
import { initBackend } from '../../../../src/main/training/engine/backend'
import { defineMethod, type MethodInstance, type TrainingInspection } from '../../../../src/main/training/engine/method'
import { trainModel } from '../../../../src/main/training/engine/trainer'
import { checkArms } from '../../../../src/main/training/host/method-catalog'
import { loadMethodRegistry } from '../../../../src/main/training/methods/index'
import { blobFold, tinyModel, tinyTraining } from '../fixtures'

const probe = (create: () => MethodInstance) =>
  defineMethod({ id: 'probe', title: 'probe', summary: 'test only', paper: 'test only', kind: 'observer', stages: ['planEpoch'], options: z.object({}), create })

beforeAll(async () => {
  await initBackend('wasm')
})

describe('inspectTraining + selectionOpen', () => {
  it('scores the training part with the weights of the previous epoch, lazily and once per epoch', async () => {
    const base = blobFold({ trainCounts: [12, 8, 5], seed: 3 })
    const fold = { ...base, test: base.train } // test = train: the final test probabilities are comparable
    const seen: { epoch: number; view: TrainingInspection; same: boolean }[] = []
    const def = probe(() => ({
      planEpoch(plan, ctx) {
        if (ctx.epoch >= 2) {
          const view = ctx.inspectTraining!()
          seen.push({ epoch: ctx.epoch, view, same: ctx.inspectTraining!() === view })
        }
        return plan
      },
      selectionOpen: (epoch) => epoch === 2,
    }))
    const out = await trainModel({ fold, model: tinyModel({ unimodalHeads: true, hidden: [6] }), training: tinyTraining({ epochs: 3 }), methods: [{ def, options: {} }], seed: 4 })
    expect(out.bestEpoch).toBe(2) // the only open epoch
    const at3 = seen.find((s) => s.epoch === 3)!
    expect(at3.same).toBe(true)
    expect(at3.view.featureSizes).toEqual([6, 6])
    expect(at3.view.features[0]).toHaveLength(25 * 6)
    expect(at3.view.unimodalProbs).toHaveLength(2)
    // Planned at epoch 3 = weights after epoch 2 = the restored best weights that predicted the test (= train) part.
    at3.view.probs.forEach((p, k) => expect(p).toBeCloseTo(out.testProbs[k]!, 5))
    for (let i = 0; i < 25; i++) expect(at3.view.unimodalProbs![1]!.subarray(i * 3, i * 3 + 3).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5)
  })

  it('no unimodal probabilities without unimodal heads; no open epoch → the last weights', async () => {
    let view: TrainingInspection | undefined
    const def = probe(() => ({
      planEpoch(plan, ctx) {
        view = ctx.inspectTraining!()
        return plan
      },
      selectionOpen: () => false,
    }))
    const out = await trainModel({ fold: blobFold(), model: tinyModel(), training: tinyTraining({ epochs: 2, patience: 1 }), methods: [{ def, options: {} }], seed: 4 })
    expect(view!.unimodalProbs).toBeUndefined()
    expect(out.bestEpoch).toBe(2)
    expect(out.stoppedEarly).toBe(false)
  })
})

describe('requires: unimodal heads', () => {
  it('the trainer refuses climd without unimodal heads, naming the setting', async () => {
    const registry = await loadMethodRegistry()
    const run = trainModel({ fold: blobFold(), model: tinyModel(), training: tinyTraining({ epochs: 1 }), methods: [{ def: registry.get('climd')!, options: {} }], seed: 1 })
    await expect(run).rejects.toThrow(AppFailure)
    await expect(run).rejects.toThrow(/model\.unimodalHeads/)
  })

  it('the pre-start check explains it for the arm (and passes once the heads are on)', async () => {
    const arms = [{ name: 'baseline', methods: [] }, { name: 'climd', methods: [{ method: 'climd', options: {} }] }]
    await expect(checkArms(arms, { unimodalHeads: false })).rejects.toThrow(/arms\[1\] \("climd"\).*requires per-modality classifier heads.*model\.unimodalHeads/)
    await expect(checkArms(arms, { unimodalHeads: true })).resolves.toEqual([])
  })
})
