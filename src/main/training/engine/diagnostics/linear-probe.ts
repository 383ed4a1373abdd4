/**
 * A linear probe (multinomial logistic regression) on frozen features, in plain TypeScript: the
 * standard way to ask how much class information a modality's encoder features carry when the model
 * has no unimodal heads (methods.md §5.3 "linear probe on frozen encoders"). Features are
 * standardised with the fitting rows' mean/std; full-batch gradient descent from zero weights with
 * a small L2 penalty, a fixed number of iterations (deterministic, no RNG).
 */

export interface ProbeOptions {
  iterations?: number
  learningRate?: number
  /** L2 penalty λ on the weights (not the biases): loss = CE + λ/2 ‖W‖². */
  l2?: number
  /** At most this many fitting rows, taken at an even stride (keeps the per-epoch cost bounded). */
  maxRows?: number
}

export interface LinearProbe {
  /** n × C class probabilities of n rows of width h. */
  predict(x: Float32Array, n: number): Float32Array
}

/** Row-wise softmax of z (n × C) in place. */
function softmaxRows(z: Float64Array, n: number, C: number): void {
  for (let i = 0; i < n; i++) {
    let max = -Infinity
    for (let c = 0; c < C; c++) max = Math.max(max, z[i * C + c]!)
    let sum = 0
    for (let c = 0; c < C; c++) sum += z[i * C + c] = Math.exp(z[i * C + c]! - max)
    for (let c = 0; c < C; c++) z[i * C + c]! /= sum
  }
}

/**
 * Fits the probe on rows x (n × h, row-major) with labels y.
 * @returns the fitted probe; its `predict` applies the same standardisation
 */
export function fitLinearProbe(x: Float32Array, y: Int32Array, h: number, C: number, opts: ProbeOptions = {}): LinearProbe {
  const { iterations = 200, learningRate = 0.5, l2 = 1e-3, maxRows = 2000 } = opts
  const total = y.length
  const stride = total > maxRows ? total / maxRows : 1
  const rows = Array.from({ length: Math.min(total, maxRows) }, (_, k) => Math.floor(k * stride))
  const n = rows.length
  const mean = new Float64Array(h)
  const std = new Float64Array(h)
  for (const r of rows) for (let j = 0; j < h; j++) mean[j]! += x[r * h + j]! / n
  for (const r of rows) for (let j = 0; j < h; j++) std[j]! += (x[r * h + j]! - mean[j]!) ** 2 / n
  for (let j = 0; j < h; j++) std[j] = std[j]! > 1e-12 ? Math.sqrt(std[j]!) : 1
  const xs = new Float64Array(n * h)
  rows.forEach((r, i) => {
    for (let j = 0; j < h; j++) xs[i * h + j] = (x[r * h + j]! - mean[j]!) / std[j]!
  })
  const W = new Float64Array(h * C)
  const b = new Float64Array(C)
  const z = new Float64Array(n * C)
  const gW = new Float64Array(h * C)
  const gb = new Float64Array(C)
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < C; c++) {
        let s = b[c]!
        for (let j = 0; j < h; j++) s += xs[i * h + j]! * W[j * C + c]!
        z[i * C + c] = s
      }
    }
    softmaxRows(z, n, C)
    gW.fill(0)
    gb.fill(0)
    for (let i = 0; i < n; i++) {
      const yi = y[rows[i]!]!
      for (let c = 0; c < C; c++) {
        const g = (z[i * C + c]! - (c === yi ? 1 : 0)) / n
        gb[c]! += g
        for (let j = 0; j < h; j++) gW[j * C + c]! += xs[i * h + j]! * g
      }
    }
    for (let k = 0; k < W.length; k++) W[k]! -= learningRate * (gW[k]! + l2 * W[k]!)
    for (let c = 0; c < C; c++) b[c]! -= learningRate * gb[c]!
  }
  return {
    predict(xq, nq) {
      const out = new Float64Array(nq * C)
      for (let i = 0; i < nq; i++) {
        for (let c = 0; c < C; c++) {
          let s = b[c]!
          for (let j = 0; j < h; j++) s += ((xq[i * h + j]! - mean[j]!) / std[j]!) * W[j * C + c]!
          out[i * C + c] = s
        }
      }
      softmaxRows(out, nq, C)
      return Float32Array.from(out)
    },
  }
}
