/** The fast decimal parser agrees with `Number()` on valid numbers and refuses what `Number()` would wrongly accept. */
import { describe, expect, it } from 'vitest'
import { isNanOrInfText, parseDecimal, parseNumberText } from '../../../../../src/main/services/datasets/import/numbers'
import { createRng } from '../../../../../src/main/util/rng'

describe('parseDecimal', () => {
  it('parses the forms found in data files exactly like Number()', () => {
    const samples = [
      '0', '-0', '12', '+12', '007', '1.5', '-0.25', '.5', '5.', '1e3', '1E+3', '2.5e-3', '-1.8e-01',
      '1.813813162555837355e-01', '0.000000000000000000e+00', '1.000000000000000000e+00', '9.480700062791144744e-02',
      '123456789012345', '1234567890123456789', '0.1', '0.30000000000000004', '1e22', '1e23', '1e-22', '1e-23',
      '4.9e-324', '1.7976931348623157e308', ' 3.25 ', '-0.47619048', '1.2380953', '100', '100.000', '0.0001234',
    ]
    for (const text of samples) expect(parseNumberText(text), text).toBe(Number(text))
  })

  it('matches Number() on random decimal strings (fast path and fallback)', () => {
    const rng = createRng(11)
    for (let k = 0; k < 20000; k++) {
      const digits = 1 + rng.int(19)
      let mant = ''
      for (let i = 0; i < digits; i++) mant += String(rng.int(10))
      const point = rng.int(digits + 1)
      let text = `${mant.slice(0, point)}.${mant.slice(point)}`
      if (text === '.') text = '0'
      if (rng.next() < 0.3) text += `e${rng.next() < 0.5 ? '-' : '+'}${rng.int(40)}`
      if (rng.next() < 0.5) text = `-${text}`
      expect(parseNumberText(text), text).toBe(Number(text))
    }
  })

  it('reads a range of a longer string without slicing it', () => {
    const line = 'a,1.25,-3e2,x'
    expect(parseDecimal(line, 2, 6)).toBe(1.25)
    expect(parseDecimal(line, 7, 11)).toBe(-300)
  })

  it('refuses what is not a plain decimal number', () => {
    for (const text of ['', ' ', '-', '+', '.', 'e5', '1e', '1e+', '0x1A', '1,5', '1 2', 'Infinity', '-inf', 'NaN', 'nan', '1.2.3', '--1', 'five', '١٢'])
      expect(parseNumberText(text), JSON.stringify(text)).toBeNaN()
  })

  it('recognises spelled NaN / infinity', () => {
    for (const text of ['NaN', 'nan', ' -inf', '+Inf', 'Infinity', '-infinity']) expect(isNanOrInfText(text), text).toBe(true)
    for (const text of ['n/a', 'NA', '1e999', 'info']) expect(isNanOrInfText(text), text).toBe(false)
  })
})
