/**
 * Fast, strict decimal parsing straight from a range of a string (no substring per cell).
 *
 * Accepted: optional spaces, optional sign, digits with an optional fraction, optional exponent
 * (`12`, `-0.5`, `.5`, `5.`, `1.8e-01`, `1E+3`). Refused (NaN returned): empty text, hex, `Infinity`,
 * `NaN`, thousands separators, anything else — unlike `Number()`, which reads `''` as 0 and
 * `'0x1A'` as 26.
 *
 * Correctness: when the significant digits fit in 15 decimal digits and the decimal exponent
 * is within ±22, mantissa and power of ten are exact doubles, so one multiplication or
 * division gives the correctly rounded result (Clinger's fast path). Other syntactically valid
 * numbers (e.g. numpy's `%.18e`, 19 digits) go through `Number()` on the substring.
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i)

export function parseDecimal(t: string, start: number, end: number): number {
  let s = start
  let e = end
  while (s < e && t.charCodeAt(s) === 32) s++
  while (e > s && t.charCodeAt(e - 1) === 32) e--
  if (s === e) return NaN
  let i = s
  let c = t.charCodeAt(i)
  let neg = false
  if (c === 45) {
    neg = true
    i++
  } else if (c === 43) i++
  let mant = 0
  let digits = 0
  let zeros = 0
  let exp = 0
  let any = false
  let slow = false
  for (; i < e; i++) {
    const d = t.charCodeAt(i) - 48
    if (d < 0 || d > 9) break
    any = true
    if (d === 0) {
      if (digits > 0) zeros++
    } else {
      digits += zeros + 1
      if (digits > 15) slow = true
      else mant = mant * POW10[zeros + 1]! + d
      zeros = 0
    }
  }
  if (i < e && t.charCodeAt(i) === 46) {
    i++
    for (; i < e; i++) {
      const d = t.charCodeAt(i) - 48
      if (d < 0 || d > 9) break
      any = true
      exp--
      if (d === 0) {
        if (digits > 0) zeros++
      } else {
        digits += zeros + 1
        if (digits > 15) slow = true
        else mant = mant * POW10[zeros + 1]! + d
        zeros = 0
      }
    }
  }
  if (!any) return NaN
  exp += zeros
  if (i < e && (t.charCodeAt(i) | 32) === 101) {
    i++
    let eneg = false
    c = t.charCodeAt(i)
    if (c === 45) {
      eneg = true
      i++
    } else if (c === 43) i++
    let ev = 0
    let edigits = 0
    for (; i < e; i++) {
      const d = t.charCodeAt(i) - 48
      if (d < 0 || d > 9) break
      if (ev < 100000) ev = ev * 10 + d
      edigits++
    }
    if (edigits === 0) return NaN
    exp += eneg ? -ev : ev
  }
  if (i !== e) return NaN
  if (mant === 0 && !slow) return neg ? -0 : 0
  if (slow || exp > 22 || exp < -22) return Number(t.slice(s, e))
  const v = exp >= 0 ? mant * POW10[exp]! : mant / POW10[-exp]!
  return neg ? -v : v
}

const NAN_INF = /^\s*[+-]?(nan|inf|infinity)\s*$/i

/** True for texts that spell NaN or infinity (`nan`, `-Inf`, `Infinity`…). */
export const isNanOrInfText = (text: string): boolean => NAN_INF.test(text)

/** Largest finite float32. */
export const FLOAT32_MAX = 3.4028234663852886e38

/** Parses a whole string with the same rules. */
export const parseNumberText = (text: string): number => parseDecimal(text, 0, text.length)
