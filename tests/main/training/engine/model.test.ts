/** The hand-written MLP: names, modality map, seeded init, fusion arithmetic, method heads, snapshots. */
import * as tf from '@tensorflow/tfjs'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { initBackend } from '../../../../src/main/training/engine/backend'
import { dropoutMask, glorotUniform } from '../../../../src/main/training/engine/init'
import { buildModel, type Model } from '../../../../src/main/training/engine/model'
import { createRng } from '../../../../src/main/util/rng'

const config = { hidden: [5, 4], dropout: 0, fusion: 'early' as const, unimodalHeads: false }
const built: Model[] = []
const make = (o: Partial<Parameters<typeof buildModel>[0]> = {}): Model => {
  const m = buildModel({ featureSizes: [3, 2], numClasses: 3, config, seed: 9, ...o })
  built.push(m)
  return m
}
const strip = (m: Model, name: string): string => name.slice(m.prefix.length + 1)

beforeAll(async () => {
  await initBackend('cpu')
})
afterEach(() => {
  while (built.length) built.pop()!.dispose()
})

describe('buildModel', () => {
  it('names variables by modality and maps encoder / unimodal-head variables to their modality', () => {
    const m = make({ config: { ...config, unimodalHeads: true } })
    const names = m.trainableVariables.map((v) => strip(m, v.name))
    expect(names).toEqual([
      'enc0/dense0/W', 'enc0/dense0/b', 'enc0/dense1/W', 'enc0/dense1/b',
      'enc1/dense0/W', 'enc1/dense0/b', 'enc1/dense1/W', 'enc1/dense1/b',
      'cls/W', 'cls/b', 'uni0/W', 'uni0/b', 'uni1/W', 'uni1/b',
    ])
    const byModality = [...m.modalityOfVariable].map(([n, k]) => `${strip(m, n)}→${k}`)
    expect(byModality).toContain('enc1/dense1/W→1')
    expect(byModality).toContain('uni0/b→0')
    expect(byModality.some((s) => s.startsWith('cls/'))).toBe(false)
    expect(m.trainableVariables.find((v) => v.name.endsWith('enc0/dense0/W'))!.shape).toEqual([3, 5])
    expect(m.trainableVariables.find((v) => v.name.endsWith('cls/W'))!.shape).toEqual([8, 3])
    expect([...m.kernelNames].every((n) => n.endsWith('/W'))).toBe(true)
  })

  it('initialises from the seed and the variable name only, within the Glorot bound', () => {
    const a = make()
    const b = make()
    expect(a.prefix).not.toBe(b.prefix)
    const wa = a.getWeights()
    expect(b.getWeights()).toEqual(wa)
    expect(make({ seed: 10 }).getWeights()[0]).not.toEqual(wa[0])
    // Glorot & Bengio 2010: limit √(6 / (fanIn + fanOut)) = √(6/8) for a 3 × 5 kernel.
    const w = glorotUniform(9, 'enc0/dense0/W', 3, 5)
    expect(Array.from(wa[0]!)).toEqual(Array.from(w))
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 8))
    expect(Array.from(wa[1]!)).toEqual([0, 0, 0, 0, 0])
  })

  it('late fusion sums per-modality logits; early fusion concatenates features', () => {
    const late = make({ config: { ...config, fusion: 'late' } })
    tf.tidy(() => {
      const x = [tf.tensor2d([[1, 2, 3]]), tf.tensor2d([[0.5, -1]])]
      const out = late.forward(x, false)
      const byName = (n: string) => late.trainableVariables.find((v) => v.name === `${late.prefix}/${n}`)!
      const expected = tf.addN(out.features.map((f, k) => tf.add(tf.matMul(f, byName(`cls${k}/W`)), byName(`cls${k}/b`))))
      expect(Array.from(out.logits.dataSync())).toEqual(Array.from(expected.dataSync()))
      expect(out.features.map((f) => f.shape)).toEqual([[1, 4], [1, 4]])
    })
  })

  it('uses a head supplied by a method, whose variables train with the model', () => {
    const m = make({
      buildHead: (ctx) => {
        const W = ctx.initWeights('W', ctx.featureSizes[0]!, ctx.numClasses)
        const b = ctx.zeros('b', [ctx.numClasses])
        return { variables: [W, b], apply: (f) => tf.add(tf.matMul(f[1]!, W), b) }
      },
    })
    const names = m.trainableVariables.map((v) => strip(m, v.name))
    expect(names).toContain('head/W')
    expect(names).not.toContain('cls/W')
    tf.tidy(() => {
      expect(m.forward([tf.zeros([2, 3]), tf.zeros([2, 2])], false).logits.shape).toEqual([2, 3])
    })
  })

  it('restores a weight snapshot', () => {
    const m = make()
    const snap = m.getWeights()
    tf.tidy(() => m.trainableVariables.forEach((v) => v.assign(tf.onesLike(v))))
    expect(m.getWeights()[0]![0]).toBe(1)
    m.setWeights(snap)
    expect(m.getWeights()).toEqual(snap)
  })

  it('releases every variable on dispose', () => {
    const before = tf.memory().numTensors
    const m = buildModel({ featureSizes: [3, 2], numClasses: 3, config, seed: 1 })
    expect(tf.memory().numTensors).toBe(before + m.trainableVariables.length)
    m.dispose()
    expect(tf.memory().numTensors).toBe(before)
  })
})

describe('dropoutMask', () => {
  it('zeroes about `rate` of the entries and scales the rest by 1/(1−rate)', () => {
    const mask = dropoutMask(createRng(1), 100, 100, 0.25)
    const v = mask.dataSync()
    mask.dispose()
    const zeros = v.filter((x) => x === 0).length / v.length
    expect(zeros).toBeGreaterThan(0.23)
    expect(zeros).toBeLessThan(0.27)
    expect(new Set(v)).toEqual(new Set([0, 1 / 0.75].map(Math.fround)))
  })
})
