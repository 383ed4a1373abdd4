/**
 * Per-feature standardisation and mean imputation of one modality, fitted on a training part and
 * applied unchanged to validation and test parts (DESIGN §3: preprocessing sees the training part only).
 */

export interface StandardizerState {
  /** Mean of the observed (non-NaN) values of each feature; 0 for a feature with none. */
  mean: number[]
  /** Population standard deviation per feature; 1 for a constant feature or when not standardising. */
  scale: number[]
  standardize: boolean
}

/**
 * Fitted per-feature mean and scale for an n × d row-major block.
 *
 * `apply` maps a value v of feature j to (v − mean_j) / scale_j when standardising and leaves it
 * as it is otherwise; a missing value (NaN) becomes mean_j first (mean imputation), i.e. 0 after
 * standardisation. Constant features (population variance within rounding of 0, scikit-learn's
 * `_is_constant_feature` bound) get scale 1: they are centred only.
 *
 * @example
 * const s = Standardizer.fit(Float32Array.of(1, 10, 3, 10), 2) // features: [1,3] and [10,10]
 * s.mean   // [2, 10];  s.scale // [1, 1]  (std of [1,3] is 1; [10,10] is constant)
 * s.apply(Float32Array.of(NaN, 12)) // [0, 2]
 */
export class Standardizer {
  private constructor(
    readonly mean: Float64Array,
    readonly scale: Float64Array,
    readonly standardize: boolean,
  ) {}

  /**
   * Fits on `x` (n × d row-major, NaN = missing). Two-pass mean/variance in float64 over the
   * observed values of each feature. Cost O(n·d).
   */
  static fit(x: Float32Array, d: number, opts: { standardize?: boolean } = {}): Standardizer {
    const standardize = opts.standardize ?? true
    const n = d > 0 ? x.length / d : 0
    if (!Number.isInteger(n)) throw new Error(`Standardizer.fit: ${x.length} values are not a multiple of ${d} features`)
    const sum = new Float64Array(d)
    const seen = new Float64Array(d)
    for (let i = 0; i < n; i++) {
      const base = i * d
      for (let j = 0; j < d; j++) {
        const v = x[base + j] as number
        if (Number.isNaN(v)) continue
        sum[j] = (sum[j] as number) + v
        seen[j] = (seen[j] as number) + 1
      }
    }
    const mean = new Float64Array(d)
    for (let j = 0; j < d; j++) mean[j] = (seen[j] as number) > 0 ? (sum[j] as number) / (seen[j] as number) : 0
    const scale = new Float64Array(d).fill(1)
    if (standardize) {
      const sq = new Float64Array(d)
      for (let i = 0; i < n; i++) {
        const base = i * d
        for (let j = 0; j < d; j++) {
          const v = x[base + j] as number
          if (!Number.isNaN(v)) sq[j] = (sq[j] as number) + (v - (mean[j] as number)) ** 2
        }
      }
      const eps = Number.EPSILON
      for (let j = 0; j < d; j++) {
        const m = seen[j] as number
        if (m === 0) continue
        const variance = (sq[j] as number) / m
        const bound = m * eps * variance + (m * (mean[j] as number) * eps) ** 2
        if (variance > bound) scale[j] = Math.sqrt(variance)
      }
    }
    return new Standardizer(mean, scale, standardize)
  }

  /** Restores a fitted standardizer (e.g. saved with a model). */
  static fromState(state: StandardizerState): Standardizer {
    return new Standardizer(Float64Array.from(state.mean), Float64Array.from(state.scale), state.standardize)
  }

  /** Number of features. */
  get features(): number {
    return this.mean.length
  }

  /** A new n × d array: missing values imputed with the fitted mean, then standardised if enabled. */
  apply(x: Float32Array): Float32Array {
    const d = this.mean.length
    const out = new Float32Array(x.length)
    if (d === 0) return out
    for (let p = 0; p < x.length; p++) {
      const j = p % d
      const m = this.mean[j] as number
      let v = x[p] as number
      if (Number.isNaN(v)) v = m
      out[p] = this.standardize ? (v - m) / (this.scale[j] as number) : v
    }
    return out
  }

  /** Plain-JSON form of the fitted parameters. */
  toState(): StandardizerState {
    return { mean: Array.from(this.mean), scale: Array.from(this.scale), standardize: this.standardize }
  }
}
