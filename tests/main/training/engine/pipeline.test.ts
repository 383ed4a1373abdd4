/** Method composition: id resolution, option validation, exclusive stages, declared conflicts, order and trace. */
import { z } from 'zod'
import { beforeAll, describe, expect, it } from 'vitest'
import { defineMethod, type MethodDefinition } from '../../../../src/main/training/engine/method'
import { composeMethods } from '../../../../src/main/training/engine/pipeline'
import { loadMethodRegistry } from '../../../../src/main/training/methods/index'
import { failure } from '../../../helpers/failure'

const fake = (id: string, over: Partial<MethodDefinition> = {}): MethodDefinition =>
  defineMethod({ id, title: id, summary: id, paper: 'test', kind: 'observer', stages: ['observe'], options: z.object({}), create: () => ({}), ...over })


let registry: ReadonlyMap<string, MethodDefinition>
beforeAll(async () => {
  registry = await loadMethodRegistry()
})

describe('composeMethods', () => {
  it('refuses an unknown id and lists the known ones', () => {
    const e = failure(() => composeMethods([{ method: 'weighted-ce' }, { method: 'smote-magic', options: {} }], registry))
    expect(e.error.code).toBe('VALIDATION')
    expect(e.message).toMatch(/methods\[1\]\.method: unknown method "smote-magic"; known methods: .*focal-loss.*random-undersampling.*weighted-ce/)
    expect(e.error.location?.field).toBe('methods[1].method')
  })

  it('names the invalid option field', () => {
    const e = failure(() => composeMethods([{ method: 'focal-loss', options: { gamma: -1 } }], registry))
    expect(e.error.code).toBe('VALIDATION')
    expect(e.message).toMatch(/methods\[0\]\.options\.gamma: /)
    expect(e.error.location?.field).toBe('methods[0].options.gamma')
  })

  it('fills option defaults', () => {
    const { methods } = composeMethods([{ method: 'focal-loss', options: {} }], registry)
    expect(methods[0]!.options).toEqual({ gamma: 2, alpha: 'none' })
  })

  it('refuses two methods that both own the loss stage, saying why', () => {
    const e = failure(() => composeMethods([{ method: 'weighted-ce', options: {} }, { method: 'focal-loss', options: {} }], registry))
    expect(e.error.code).toBe('CONFLICT')
    expect(e.message).toMatch(/"weighted-ce" and "focal-loss" cannot be combined: each would replace the classification loss \(stage "loss"\)/)
  })

  it('refuses a method listed twice and a declared conflict', () => {
    expect(failure(() => composeMethods([{ method: 'weighted-ce' }, { method: 'weighted-ce' }], registry)).message).toMatch(/already selected as methods\[0\]/)
    const reg = new Map([
      ['a', fake('a', { conflicts: { b: 'both reweight the same samples' } })],
      ['b', fake('b')],
    ])
    const e = failure(() => composeMethods([{ method: 'b' }, { method: 'a' }], reg))
    expect(e.error.code).toBe('CONFLICT')
    expect(e.message).toBe('"a" cannot be combined with "b": both reweight the same samples')
  })

  it('orders by `order` (stable), traces the stages, and warns about stacked gradient methods', () => {
    const reg = new Map([
      ['g1', fake('g1', { kind: 'gradient', stages: ['modulateGradients'] })],
      ['g2', fake('g2', { kind: 'gradient', stages: ['modulateGradients', 'observe'] })],
      ['s', fake('s', { kind: 'sampler', stages: ['planEpoch'], order: -10 })],
    ])
    const c = composeMethods([{ method: 'g1' }, { method: 'g2' }, { method: 's' }], reg)
    expect(c.methods.map((m) => m.def.id)).toEqual(['s', 'g1', 'g2'])
    expect(c.trace).toEqual([
      { stage: 'planEpoch', methods: ['s'] },
      { stage: 'modulateGradients', methods: ['g1', 'g2'] },
      { stage: 'observe', methods: ['g2'] },
    ])
    expect(c.warnings).toEqual([expect.stringMatching(/"g1" and "g2" both modulate gradients/)])
    expect(composeMethods([{ method: 'g1' }, { method: 's' }], reg).warnings).toEqual([])
  })

  it('composes the real sampler with a real loss method', () => {
    const c = composeMethods([{ method: 'weighted-ce' }, { method: 'random-undersampling', options: { ratio: 2 } }], registry)
    expect(c.trace).toEqual([
      { stage: 'planEpoch', methods: ['random-undersampling'] },
      { stage: 'loss', methods: ['weighted-ce'] },
    ])
    expect(c.warnings).toEqual([])
  })
})
