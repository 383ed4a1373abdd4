/**
 * A weighted mixture of two-layer expert MLPs, Σ_e w_e · (relu(X·W1_e + b1_e)·W2_e + b2_e),
 * evaluated in one pass instead of E small ones: the experts' fc1 weights are concatenated to
 * [D, E·H] (one matMul), each expert's hidden block is scaled by its weight, and fc2 is one matMul
 * with the row-concatenated [E·H, D] weights plus w·[b2_1; …; b2_E]. Identical maths (the weights
 * distribute over fc2); ops are concat, reshape, mul, matMul (no einsum, no gather: wasm-safe).
 */
import * as tf from '@tensorflow/tfjs'

export interface ExpertMlp {
  fc1: { W: tf.Variable; b: tf.Variable }
  fc2: { W: tf.Variable; b: tf.Variable }
}

/**
 * @param X inputs [N, D]; experts E two-layer MLPs D → H → D' (all with the same H);
 * @param w mixture weights [N, E] (zero for unrouted experts)
 * @returns [N, D']
 */
export function mixExperts(X: tf.Tensor2D, experts: readonly ExpertMlp[], w: tf.Tensor2D): tf.Tensor2D {
  const E = experts.length
  const N = X.shape[0]
  const H = experts[0]!.fc1.W.shape[1] as number
  const W1 = E === 1 ? experts[0]!.fc1.W : tf.concat(experts.map((e) => e.fc1.W), 1)
  const b1 = E === 1 ? experts[0]!.fc1.b : tf.concat(experts.map((e) => e.fc1.b), 0)
  const hidden = tf.relu(tf.add(tf.matMul(X, W1 as tf.Tensor2D), b1))
  const scaled = tf.reshape(tf.mul(tf.reshape(hidden, [N, E, H]), tf.reshape(w, [N, E, 1])), [N, E * H]) as tf.Tensor2D
  const W2 = (E === 1 ? experts[0]!.fc2.W : tf.concat(experts.map((e) => e.fc2.W), 0)) as tf.Tensor2D
  const B2 = tf.stack(experts.map((e) => e.fc2.b)) as tf.Tensor2D
  return tf.add(tf.matMul(scaled, W2), tf.matMul(w, B2))
}
