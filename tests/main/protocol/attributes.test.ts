/** Intersectional attributes, the small-group rule, and their use by folds and checks (protocol/attributes.ts). */
import { describe, expect, it } from 'vitest'
import type { DatasetData } from '../../../src/shared/dataset'
import { Protocol } from '../../../src/shared/experiment'
import type { AppFailure } from '../../../src/shared/result'
import { applyMinGroupSize, deriveAttributes, intersectAttributes } from '../../../src/main/protocol/attributes'
import { checkProtocol } from '../../../src/main/protocol/check'
import { planFolds } from '../../../src/main/protocol/folds'

const sex = { name: 'sex', groups: ['F', 'M'], values: Int32Array.from([0, 1, 0, 1, -1, 0, 1, 1]) }
const race = { name: 'race', groups: ['A', 'B', 'C'], values: Int32Array.from([2, 0, 0, 2, 1, -1, 0, 2]) }

describe('intersectAttributes', () => {
  it('names the combinations that occur, ordered by the parts, unknown if any part is unknown', () => {
    const x = intersectAttributes([sex, race])
    // Combinations present: F×C (row 0), M×A (1, 6), F×A (2), M×C (3, 7); rows 4 and 5 have an unknown part.
    // Ordered by (sex, race) index: F×A, F×C, M×A, M×C.
    expect(x.name).toBe('sex×race')
    expect(x.groups).toEqual(['F×A', 'F×C', 'M×A', 'M×C'])
    expect(Array.from(x.values)).toEqual([1, 2, 0, 3, -1, -1, 2, 3])
  })
})

describe('applyMinGroupSize', () => {
  // race counts (known): A 3, B 1, C 3.
  it('merges groups under the minimum into one group and reports them', () => {
    const r = applyMinGroupSize(race, 2, 'merge')
    expect(r.attribute.groups).toEqual(['A', 'C', 'other (<2)'])
    expect(Array.from(r.attribute.values)).toEqual([1, 0, 0, 1, 2, -1, 0, 1])
    expect(r.note).toEqual({ minSize: 2, rule: 'merge', groups: [{ name: 'B', count: 1 }], mergedInto: 'other (<2)' })
  })

  it('excludes them as unknown (kept for training, left out of the metrics)', () => {
    const r = applyMinGroupSize(race, 2, 'exclude')
    expect(r.attribute.groups).toEqual(['A', 'C'])
    expect(Array.from(r.attribute.values)).toEqual([1, 0, 0, 1, -1, -1, 0, 1])
    expect(r.note?.rule).toBe('exclude')
  })

  it('leaves an attribute without small groups untouched', () => {
    expect(applyMinGroupSize(sex, 2, 'merge')).toEqual({ attribute: sex })
  })
})

describe('deriveAttributes on a dataset', () => {
  const data: DatasetData = {
    ids: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
    classNames: ['n', 'p'],
    labels: Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1]),
    modalities: [{ name: 'm', featureNames: ['x'], values: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]) }],
    attributes: [sex, race],
  }

  it('appends the intersection and applies the rule to every attribute', () => {
    const { data: d, notes } = deriveAttributes(data, { intersections: [['sex', 'race']], minGroupSize: 2, smallGroups: 'merge' })
    expect(d.attributes.map((a) => a.name)).toEqual(['sex', 'race', 'sex×race'])
    // sex×race counts: F×A 1, F×C 1, M×A 2, M×C 2 → F×A and F×C merged.
    expect(d.attributes[2]!.groups).toEqual(['M×A', 'M×C', 'other (<2)'])
    expect([...notes.keys()]).toEqual(['race', 'sex×race'])
    expect(d.labels).toBe(data.labels)
  })

  it('returns the same dataset when nothing is asked', () => {
    expect(deriveAttributes(data, {}).data).toBe(data)
  })

  it('refuses an unknown attribute, naming the field', () => {
    expect(() => deriveAttributes(data, { intersections: [['sex', 'age']] })).toThrow(/protocol\.intersections\[0\]\[1\].*"age"/)
    try {
      checkProtocol(data, Protocol.parse({ folds: 2, intersections: [['sex', 'age']] }))
      expect.unreachable()
    } catch (e) {
      expect((e as AppFailure).error.location?.field).toBe('protocol.intersections[0][1]')
      expect((e as AppFailure).message).toMatch(/"age" is not an attribute/)
    }
  })

  it('lets folds be stratified by an intersection', () => {
    const big: DatasetData = {
      ...data,
      ids: Array.from({ length: 64 }, (_, i) => `s${i}`),
      labels: Int32Array.from({ length: 64 }, (_, i) => i % 2),
      modalities: [{ name: 'm', featureNames: ['x'], values: new Float32Array(64) }],
      attributes: [
        { name: 'sex', groups: ['F', 'M'], values: Int32Array.from({ length: 64 }, (_, i) => Math.floor(i / 2) % 2) },
        { name: 'race', groups: ['A', 'B'], values: Int32Array.from({ length: 64 }, (_, i) => Math.floor(i / 4) % 2) },
      ],
    }
    const p = Protocol.parse({ folds: 4, stratifyByAttribute: 'sex×race', intersections: [['sex', 'race']] })
    checkProtocol(big, p)
    const folds = planFolds(big, p, 3)
    // 8 strata (label × 4 intersection groups) of 8 samples each → exactly 2 of each per test fold.
    for (const f of folds) {
      const counts = new Map<string, number>()
      for (const r of f.test) {
        const key = `${big.labels[r]}|${big.attributes[0]!.values[r]}|${big.attributes[1]!.values[r]}`
        counts.set(key, (counts.get(key) ?? 0) + 1)
      }
      expect([...counts.values()]).toEqual(new Array(8).fill(2))
    }
  })
})
