/** Formatting matches the CLI's results table; JSON-schema parsing; experiment JSON helpers. */
import { describe, expect, it } from 'vitest'
import { humanize, parseNumberList, pct, plain } from '@renderer/utils/format'
import { defaultsOf, describeSchema } from '@renderer/utils/json-schema'
import { parseSeeds, plannedJobs, newExperiment, uniqueName } from '@renderer/utils/experiment-config'

describe('format', () => {
  it('prints mean ± std in percent with one decimal, or "—"', () => {
    expect(pct({ mean: 0.8149, std: 0.0214, n: 3 })).toBe('81.5 ± 2.1')
    expect(pct({ mean: 1, std: 0, n: 1 })).toBe('100.0 ± 0.0')
    expect(pct({ mean: Number.NaN, std: 0, n: 0 })).toBe('—')
    expect(pct(undefined)).toBe('—')
    expect(plain({ mean: 0.12345, std: 0.01, n: 3 })).toBe('0.123 ± 0.010')
  })

  it('humanizes names and parses lists', () => {
    expect(humanize('learningRate')).toBe('Learning rate')
    expect(humanize('class_weights')).toBe('Class weights')
    expect(parseNumberList('1, 2.5;3')).toEqual([1, 2.5, 3])
    expect(parseNumberList('1, x')).toBeNull()
    expect(parseSeeds('1,2,3')).toEqual([1, 2, 3])
    expect(parseSeeds('1,-2')).toBeNull()
    expect(parseSeeds('')).toBeNull()
  })
})

describe('json schema fields', () => {
  it('reads kinds, bounds and defaults; unknown shapes fall back to JSON', () => {
    const schema = {
      type: 'object',
      required: ['k'],
      properties: {
        k: { type: 'integer', minimum: 1, maximum: 9007199254740991 },
        lr: { type: 'number', exclusiveMinimum: 0, default: 0.001 },
        mode: { type: 'string', enum: ['a', 'b'], default: 'a' },
        tags: { type: 'array', items: { type: 'string' } },
        nullableGamma: { anyOf: [{ type: 'number' }, { type: 'null' }], default: null },
      },
    }
    const fields = describeSchema(schema)
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['k', 'number', true],
      ['lr', 'number', false],
      ['mode', 'enum', false],
      ['tags', 'json', false],
      ['nullableGamma', 'number', false],
    ])
    expect(fields[0]).toMatchObject({ rule: { integer: true, min: 1 } })
    expect(fields[0]).not.toHaveProperty('rule.max')
    expect(defaultsOf(schema)).toEqual({ lr: 0.001, mode: 'a', nullableGamma: null })
    expect(describeSchema(null)).toEqual([])
  })
})

describe('experiment config helpers', () => {
  it('counts planned jobs and picks unique arm names', () => {
    const cfg = newExperiment('d')
    cfg.seeds = [1, 2, 3]
    cfg.protocol.folds = 3
    cfg.arms.push({ name: 'x', methods: [] })
    expect(plannedJobs(cfg)).toBe(18)
    cfg.protocol.kind = 'repeated-kfold'
    cfg.protocol.repeats = 2
    expect(plannedJobs(cfg)).toBe(36)
    cfg.protocol.kind = 'predefined'
    expect(plannedJobs(cfg)).toBe(6)
    expect(uniqueName('arm-2', ['arm-2', 'arm-2-2'])).toBe('arm-2-3')
  })
})
