/** Identity in the forward pass, zero gradient in the backward pass (PyTorch's `.detach()`). */
import * as tf from '@tensorflow/tfjs'

const detach = tf.customGrad((x, _save) => ({ value: (x as tf.Tensor).clone(), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) }))

/** `x` unchanged, but no gradient flows back through it (to encoders, or to another head's weights). */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return detach(x) as T
}
