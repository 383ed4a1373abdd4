/** Seeded weight initialisation and dropout masks from our own RNG (never tfjs's global RNG). */
import * as tf from '@tensorflow/tfjs'
import { createRng, deriveSeed, type Rng } from '../../util/rng'

/**
 * Glorot/Xavier-uniform values for a [fanIn, fanOut] kernel: U(−a, a) with a = √(6 / (fanIn + fanOut))
 * (Glorot & Bengio 2010, as Keras' `glorot_uniform`). The stream is `deriveSeed(seed, 'init', name)`,
 * so a weight's values depend on the seed and its name only, not on creation order.
 *
 * @returns fanIn × fanOut row-major values
 */
export function glorotUniform(seed: number, name: string, fanIn: number, fanOut: number): Float32Array {
  const rng = createRng(deriveSeed(seed, 'init', name))
  const limit = Math.sqrt(6 / (fanIn + fanOut))
  const out = new Float32Array(fanIn * fanOut)
  for (let i = 0; i < out.length; i++) out[i] = (2 * rng.next() - 1) * limit
  return out
}

/** Names variables uniquely per model (tfjs registers variable names globally). */
export class VariableFactory {
  readonly variables: tf.Variable[] = []

  constructor(
    readonly prefix: string,
    private readonly seed: number,
  ) {}

  /** A trainable glorot-uniform [fanIn, fanOut] kernel named `<prefix>/<name>`. */
  glorot(name: string, fanIn: number, fanOut: number): tf.Variable {
    return this.track(tf.tensor2d(glorotUniform(this.seed, name, fanIn, fanOut), [fanIn, fanOut]), name)
  }

  /** A trainable zero variable named `<prefix>/<name>`. */
  zeros(name: string, shape: number[]): tf.Variable {
    return this.track(tf.zeros(shape), name)
  }

  /** The variable shares the initial tensor's data; the tensor itself is released. */
  private track(initial: tf.Tensor, name: string): tf.Variable {
    const v = tf.variable(initial, true, `${this.prefix}/${name}`)
    initial.dispose()
    this.variables.push(v)
    return v
  }
}

/**
 * Inverted-dropout mask [rows, cols]: each entry is 0 with probability `rate`, else 1/(1 − rate)
 * (same expectation as the input; Srivastava et al. 2014 with the scaling at training time).
 */
export function dropoutMask(rng: Rng, rows: number, cols: number, rate: number): tf.Tensor2D {
  const keep = 1 - rate
  const scale = 1 / keep
  const values = new Float32Array(rows * cols)
  for (let i = 0; i < values.length; i++) values[i] = rng.next() < keep ? scale : 0
  return tf.tensor2d(values, [rows, cols])
}
