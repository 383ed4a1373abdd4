/** The per-epoch validation scalars (loss, accuracy, macro F1) computed in plain TS from log-probabilities. */

/** Row-wise argmax of an n × C block. */
export function argmaxRows(values: Float32Array, numClasses: number): Int32Array {
  const n = values.length / numClasses
  const out = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    let best = 0
    for (let c = 1; c < numClasses; c++) if ((values[i * numClasses + c] as number) > (values[i * numClasses + best] as number)) best = c
    out[i] = best
  }
  return out
}

/** Mean negative log-likelihood −(1/n) Σ log p_{i,y_i}; NaN for an empty part. */
export function meanNll(logProbs: Float32Array, y: Int32Array, numClasses: number): number {
  let s = 0
  for (let i = 0; i < y.length; i++) s -= logProbs[i * numClasses + (y[i] as number)] as number
  return y.length ? s / y.length : Number.NaN
}

/** Fraction of correct predictions; NaN for an empty part. */
export function accuracy(yTrue: Int32Array, yPred: Int32Array): number {
  let hit = 0
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hit++
  return yTrue.length ? hit / yTrue.length : Number.NaN
}

/**
 * Unweighted mean of per-class F1 over the classes present in yTrue or yPred, F1 = 0 when a class
 * has no true positive (sklearn `f1_score(average='macro', zero_division=0)`); NaN for an empty part.
 */
export function macroF1(yTrue: Int32Array, yPred: Int32Array, numClasses: number): number {
  const tp = new Array<number>(numClasses).fill(0)
  const fp = new Array<number>(numClasses).fill(0)
  const fn = new Array<number>(numClasses).fill(0)
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i] as number
    const p = yPred[i] as number
    if (t === p) tp[t]!++
    else {
      fp[p]!++
      fn[t]!++
    }
  }
  let sum = 0
  let k = 0
  for (let c = 0; c < numClasses; c++) {
    const support = tp[c]! + fn[c]! + fp[c]!
    if (support === 0) continue
    sum += (2 * tp[c]!) / (2 * tp[c]! + fp[c]! + fn[c]!)
    k++
  }
  return k ? sum / k : Number.NaN
}
