import { describe, expect, it } from 'vitest'
import { Protocol, type Protocol as ProtocolT } from '../../../src/shared/experiment'
import { generateDemoDataset } from '../../../src/main/data/synthetic'
import { checkProtocol, foldCount, protocolProblems } from '../../../src/main/protocol/check'
import { tinyDataset } from '../../helpers/tiny-dataset'
import { failure } from '../../helpers/failure'

const protocol = (p: Partial<ProtocolT> = {}): ProtocolT => Protocol.parse(p)


describe('checkProtocol', () => {
  const demo = generateDemoDataset({ seed: 1, samples: 300 })

  it('accepts the demo dataset with the default protocol', () => {
    expect(() => checkProtocol(demo, protocol())).not.toThrow()
    expect(() => checkProtocol(demo, protocol({ kind: 'repeated-kfold', folds: 5, repeats: 3, stratifyByAttribute: 'sex' }))).not.toThrow()
  })

  it('names a class with fewer samples than folds and its count', () => {
    const labels = [...Array<number>(20).fill(0), ...Array<number>(3).fill(1)]
    const data = tinyDataset(labels, { classNames: ['healthy', 'rare-disease'] })
    const e = failure(() => checkProtocol(data, protocol({ folds: 5 })))
    expect(e.error.code).toBe('VALIDATION')
    expect(e.message).toContain('Class "rare-disease" has 3 samples, fewer than the 5 folds')
    expect(e.error.location?.field).toBe('protocol.folds')
    expect(() => checkProtocol(data, protocol({ folds: 3 }))).not.toThrow()
  })

  it('refuses a predefined split that the data does not have', () => {
    const e = failure(() => checkProtocol(demo, protocol({ kind: 'predefined' })))
    expect(e.error.code).toBe('VALIDATION')
    expect(e.message).toMatch(/predefined train\/test split, but this dataset has none/)
  })

  it('refuses group folds without a grouping column', () => {
    const e = failure(() => checkProtocol(demo, protocol({ groupFolds: true })))
    expect(e.error.code).toBe('VALIDATION')
    expect(e.message).toMatch(/no grouping column/)
  })

  it('refuses group folds with fewer groups than folds', () => {
    const labels = Array.from({ length: 30 }, (_, i) => i % 2)
    const data = tinyDataset(labels, { groups: labels.map((_, i) => `p${i % 3}`) })
    expect(failure(() => checkProtocol(data, protocol({ folds: 5, groupFolds: true }))).message).toMatch(/3 groups for 5 folds/)
  })

  it('names an unknown stratification attribute and lists the known ones', () => {
    const e = failure(() => checkProtocol(demo, protocol({ stratifyByAttribute: 'race' })))
    expect(e.error.code).toBe('VALIDATION')
    expect(e.message).toContain('stratifyByAttribute names "race"')
    expect(e.message).toContain('"sex"')
  })

  it('refuses training parts too small for a validation part with every class', () => {
    // 2 folds, a class of 3: its training part holds 3 − ⌈3/2⌉ = 1 sample.
    const labels = [...Array<number>(30).fill(0), 1, 1, 1]
    const data = tinyDataset(labels, { classNames: ['common', 'rare'] })
    const e = failure(() => checkProtocol(data, protocol({ folds: 2 })))
    expect(e.message).toContain('Class "rare" has only 1 sample in a training part')
    // Too few training samples overall: validation of round(0.05 × 14) = 1 sample for 3 classes.
    const small = tinyDataset([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2])
    expect(failure(() => checkProtocol(small, protocol({ folds: 3, validationFraction: 0.05 }))).message).toMatch(
      /validation part of 1 samples .* cannot hold every one of the 3 classes/,
    )
  })

  it('refuses a predefined split whose training part lacks a class', () => {
    const data = tinyDataset([0, 0, 0, 1, 1, 0, 0, 0], { split: [0, 0, 0, 1, 1, 1, 0, 0] })
    expect(failure(() => checkProtocol(data, protocol({ kind: 'predefined' }))).message).toMatch(/Class "c1" has no sample in the training part/)
  })

  it('names the modality, count, first sample and feature of missing values when rejecting them', () => {
    const rows = Array.from({ length: 12 }, (_, i) => [i, i * 2, i * 3])
    rows[4]![2] = NaN
    rows[9]![0] = NaN
    const data = tinyDataset(
      rows.map((_, i) => i % 2),
      { rows },
    )
    const e = failure(() => checkProtocol(data, protocol({ folds: 2, validationFraction: 0.4 })))
    expect(e.error.code).toBe('BAD_INPUT')
    expect(e.message).toBe(
      'Modality "m" has 2 missing values (first: sample "s4", feature "f2"); set protocol.missing to "impute-mean" to impute the training-part mean, or fix the data.',
    )
    expect(() => checkProtocol(data, protocol({ folds: 2, validationFraction: 0.4, missing: 'impute-mean' }))).not.toThrow()
  })

  it('reports every problem at once, with one line each in details', () => {
    const problems = protocolProblems(demo, protocol({ kind: 'predefined', groupFolds: true, stratifyByAttribute: 'age' }))
    expect(problems.map((p) => p.field)).toEqual(['protocol.kind', 'protocol.groupFolds', 'protocol.stratifyByAttribute'])
    const e = failure(() => checkProtocol(demo, protocol({ kind: 'predefined', groupFolds: true, stratifyByAttribute: 'age' })))
    expect(e.error.details).toHaveLength(3)
    expect(e.message.split('\n')).toHaveLength(4)
  })

  it('counts folds per protocol', () => {
    expect(foldCount(protocol({ kind: 'predefined' }))).toBe(1)
    expect(foldCount(protocol({ folds: 4 }))).toBe(4)
    expect(foldCount(protocol({ kind: 'repeated-kfold', folds: 4, repeats: 3 }))).toBe(12)
  })
})
