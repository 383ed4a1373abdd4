/**
 * Shared helpers for gradient-modulation methods (OGM-GE, CGGM, MultiFair): which gradients belong
 * to which modality's encoder, by the model's variable → modality map (never by name substrings).
 */
import * as tf from '@tensorflow/tfjs'
import type { GradientView } from './method'

/**
 * Encoder variables only: `modalityOfVariable` minus the unimodal heads' weights (those heads are
 * classifiers, not encoders, and the gradient-modulation papers leave them alone).
 * @returns variable name → modality index
 */
export function encoderModalities(view: GradientView): Map<string, number> {
  const heads = new Set((view.classifiers?.unimodal ?? []).flatMap((h) => [h.W.name, h.b.name]))
  const out = new Map<string, number>()
  for (const [name, m] of view.modalityOfVariable) if (!heads.has(name)) out.set(name, m)
  return out
}

/** Weight matrices follow the engine's naming (`…/W`); biases end in `/b`. */
export const isKernel = (name: string): boolean => name.endsWith('/W')

/** ‖g‖₂ over every tensor of the map (the norm PyTorch's clip_grad_norm_ computes). */
export function globalNorm(grads: tf.NamedTensorMap, names: readonly string[]): number {
  return tf.tidy(() => {
    const parts = names.map((n) => tf.sum(tf.square(grads[n]!)))
    return parts.length ? Math.sqrt((tf.addN(parts).dataSync() as Float32Array)[0]!) : 0
  })
}
