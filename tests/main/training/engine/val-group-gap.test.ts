import { expect, it } from 'vitest'
import { valGroupGaps } from '../../../../src/main/training/engine/val-group-gap'

it('logs the group accuracy gap, worst accuracy and (binary) TPR gap of the validation part', () => {
  // Group a (0): y 1,1,0,0  ŷ 1,0,0,0 → acc 3/4, TPR 1/2. Group b (1): y 1,0 ŷ 1,0 → acc 1, TPR 1. Unknown row ignored.
  const out = valGroupGaps([1, 1, 0, 0, 1, 0, 1], [1, 0, 0, 0, 1, 0, 0], [Int32Array.from([0, 0, 0, 0, 1, 1, -1])], [{ name: 'sex', groups: ['a', 'b'] }], 2)
  expect(out).toEqual({ 'group.sex.accGap': 0.25, 'group.sex.worstAcc': 0.75, 'group.sex.tprGap': 0.5 })
  // One group present: no gap logged.
  expect(valGroupGaps([1], [1], [Int32Array.from([0])], [{ name: 'sex', groups: ['a', 'b'] }], 2)).toEqual({})
})
