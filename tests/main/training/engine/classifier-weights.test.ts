/** The model's classifier view (fusion blocks, unimodal heads) and detached unimodal heads. */
import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../../src/main/training/engine/backend'
import { buildModel } from '../../../../src/main/training/engine/model'

describe.each(['cpu', 'wasm'] as const)('classifier weights on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend)
  })
  const x = (): tf.Tensor2D[] => [tf.tensor2d([[1, -1], [0.5, 2]]), tf.tensor2d([[2, 0, 1], [-1, 1, 0]])]

  it('early fusion: Σ_m f_m W_m + b equals the fused logits (the blocks are the concat classifier rows)', () => {
    const model = buildModel({ featureSizes: [2, 3], numClasses: 3, config: { hidden: [4], dropout: 0, fusion: 'early', unimodalHeads: false }, seed: 3 })
    tf.tidy(() => {
      const out = model.forward(x(), false)
      const { fusionBlock } = model.classifiers
      const sum = tf.add(tf.addN(out.features.map((f, m) => tf.matMul(f, fusionBlock!(m).W))), fusionBlock!(0).b)
      const a = out.logits.dataSync()
      sum.dataSync().forEach((v, i) => expect(v).toBeCloseTo(a[i]!, 5))
    })
    expect(model.classifiers.unimodal).toBeUndefined()
    model.dispose()
  })

  it('late fusion: Σ_m (f_m W_m + b_m) equals the fused logits', () => {
    const model = buildModel({ featureSizes: [2, 3], numClasses: 2, config: { hidden: [4], dropout: 0, fusion: 'late', unimodalHeads: true }, seed: 3 })
    tf.tidy(() => {
      const out = model.forward(x(), false)
      const sum = tf.addN(out.features.map((f, m) => tf.add(tf.matMul(f, model.classifiers.fusionBlock!(m).W), model.classifiers.fusionBlock!(m).b)))
      const a = out.logits.dataSync()
      sum.dataSync().forEach((v, i) => expect(v).toBeCloseTo(a[i]!, 5))
    })
    expect(model.classifiers.unimodal).toHaveLength(2)
    model.dispose()
  })

  it('detached unimodal heads train themselves but send no gradient to the encoders', () => {
    for (const detach of [false, true]) {
      const model = buildModel({ featureSizes: [2, 3], numClasses: 2, config: { hidden: [4], dropout: 0, fusion: 'early', unimodalHeads: true, detachUnimodalHeads: detach }, seed: 3 })
      const enc = model.trainableVariables.find((v) => v.name.endsWith('enc0/dense0/W'))!
      const head = model.classifiers.unimodal![0]!.W
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => tf.sum(model.forward(x(), false).unimodalLogits![0]!) as tf.Scalar, [enc, head])
        const encNorm = tf.norm(grads[enc.name]!).dataSync()[0]!
        expect(tf.norm(grads[head.name]!).dataSync()[0]).toBeGreaterThan(0)
        if (detach) expect(encNorm).toBe(0)
        else expect(encNorm).toBeGreaterThan(0)
      })
      model.dispose()
    }
  })
})
