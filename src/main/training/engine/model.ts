/**
 * The multimodal MLP: one encoder per modality → fusion (early concat, late sum of logits, or a
 * method's head) → class logits, plus optional unimodal heads. Plain tf.variables, seeded init.
 */
import * as tf from '@tensorflow/tfjs'
import type { ModelConfig } from '../../../shared/experiment'
import { createRng, deriveSeed, type Rng } from '../../util/rng'
import { buildAttentionFusion } from './attention-fusion'
import { dropoutMask, VariableFactory } from './init'
import type { ClassifierWeights, ForwardOutput, FusionHead, HeadContext } from './method'
import { stopGradient } from './stop-gradient'

export interface ModelOptions {
  /** d_m per modality. */
  featureSizes: number[]
  numClasses: number
  config: Pick<ModelConfig, 'hidden' | 'dropout' | 'fusion' | 'unimodalHeads'> & Partial<Pick<ModelConfig, 'attention'>> & Partial<Pick<ModelConfig, 'detachUnimodalHeads'>>
  seed: number
  /** A method's fusion head (exclusive stage `buildHead`); replaces the early/late classifier. */
  buildHead?: (ctx: HeadContext) => FusionHead
}

/** Values of every trainable variable, aligned with `trainableVariables` (plain arrays: no tensors held). */
export type WeightSnapshot = Float32Array[]

export interface Model {
  /** Unique prefix of this model's variable names (tfjs registers names globally). */
  readonly prefix: string
  readonly trainableVariables: tf.Variable[]
  /** Full variable name → modality index for encoder and unimodal-head variables. */
  readonly modalityOfVariable: ReadonlyMap<string, number>
  /** Names of the weight matrices (L2 weight decay applies to these, not to biases). */
  readonly kernelNames: ReadonlySet<string>
  /** The linear classifier parts balancing methods read (see `ClassifierWeights`). */
  readonly classifiers: ClassifierWeights
  /**
   * @param inputs one [b, d_m] tensor per modality
   * @param training applies dropout (masks from the model's seeded stream)
   */
  forward(inputs: tf.Tensor2D[], training: boolean): ForwardOutput
  getWeights(): WeightSnapshot
  setWeights(snapshot: WeightSnapshot): void
  dispose(): void
}

interface Dense {
  W: tf.Variable
  b: tf.Variable
}

const dense = (x: tf.Tensor2D, l: Dense): tf.Tensor2D => tf.add(tf.matMul(x, l.W), l.b)

let modelCounter = 0

/**
 * Builds the model. Variable names: `<prefix>/enc<m>/dense<k>/{W,b}` (encoders),
 * `<prefix>/cls/{W,b}` (early fusion), `<prefix>/cls<m>/{W,b}` (late fusion),
 * `<prefix>/uni<m>/{W,b}` (unimodal heads), `<prefix>/head/<name>` (a method's head),
 * `<prefix>/attn/...` (attention fusion, see attention-fusion.ts).
 * The initial values depend on `seed` and these names (without prefix) only.
 */
export function buildModel(opts: ModelOptions): Model {
  const { featureSizes, numClasses, config, seed } = opts
  const factory = new VariableFactory(`model${++modelCounter}`, seed)
  const modalityOf = new Map<string, number>()
  const layer = (name: string, fanIn: number, fanOut: number, modality?: number): Dense => {
    const l = { W: factory.glorot(`${name}/W`, fanIn, fanOut), b: factory.zeros(`${name}/b`, [fanOut]) }
    if (modality !== undefined) for (const v of [l.W, l.b]) modalityOf.set(v.name, modality)
    return l
  }

  const encoders = featureSizes.map((d, m) => {
    let fanIn = d
    return config.hidden.map((h, k) => {
      const l = layer(`enc${m}/dense${k}`, fanIn, h, m)
      fanIn = h
      return l
    })
  })
  const featureSize = config.hidden[config.hidden.length - 1] ?? 0
  const featureSizesOut = featureSizes.map(() => featureSize)

  let head: FusionHead
  let fusionBlock: ClassifierWeights['fusionBlock']
  if (opts.buildHead) {
    head = opts.buildHead({
      featureSizes: featureSizesOut,
      numClasses,
      initWeights: (name, fanIn, fanOut) => factory.glorot(`head/${name}`, fanIn, fanOut),
      zeros: (name, shape) => factory.zeros(`head/${name}`, shape),
    })
  } else if (config.fusion === 'attention') {
    const a = config.attention ?? { heads: 2, layers: 1, pool: 'mean' as const, ffMultiplier: 2 }
    head = buildAttentionFusion({
      modalities: featureSizes.length,
      width: featureSize,
      numClasses,
      ...a,
      glorot: (name, fanIn, fanOut) => factory.glorot(name, fanIn, fanOut),
      zeros: (name, shape) => factory.zeros(name, shape),
      dropout: (x, training) =>
        training && config.dropout > 0 ? tf.mul(x, dropoutMask(dropoutRng, x.shape[0], x.shape[1], config.dropout)) : x,
    })
  } else if (config.fusion === 'late') {
    const cls = featureSizes.map((_, m) => layer(`cls${m}`, featureSize, numClasses))
    head = { variables: [], apply: (f) => tf.addN(f.map((x, m) => dense(x, cls[m]!))) as tf.Tensor2D }
    fusionBlock = (m) => ({ W: cls[m]!.W as tf.Tensor2D, b: cls[m]!.b as tf.Tensor1D })
  } else {
    const cls = layer('cls', featureSize * featureSizes.length, numClasses)
    head = { variables: [], apply: (f) => dense(f.length === 1 ? f[0]! : tf.concat(f, 1), cls) }
    fusionBlock = (m) => ({ W: tf.slice(cls.W as tf.Tensor2D, [m * featureSize, 0], [featureSize, numClasses]), b: cls.b as tf.Tensor1D })
  }
  const unimodal = config.unimodalHeads ? featureSizes.map((_, m) => layer(`uni${m}`, featureSize, numClasses, m)) : undefined

  // Variables a head created outside the factory still train.
  const own = new Set(factory.variables)
  const trainableVariables = [...factory.variables, ...head.variables.filter((v) => !own.has(v))]
  const kernelNames = new Set(trainableVariables.filter((v) => v.name.endsWith('/W')).map((v) => v.name))
  const dropoutRng: Rng = createRng(deriveSeed(seed, 'dropout'))

  const encode = (x: tf.Tensor2D, layers: Dense[], training: boolean): tf.Tensor2D => {
    let h = x
    for (const l of layers) {
      h = tf.relu(dense(h, l))
      if (training && config.dropout > 0) h = tf.mul(h, dropoutMask(dropoutRng, h.shape[0], h.shape[1], config.dropout))
    }
    return h
  }

  return {
    prefix: factory.prefix,
    trainableVariables,
    modalityOfVariable: modalityOf,
    kernelNames,
    classifiers: { ...(fusionBlock ? { fusionBlock } : {}), ...(unimodal ? { unimodal } : {}) },
    forward(inputs, training) {
      if (inputs.length !== encoders.length) throw new Error(`model expects ${encoders.length} modalities, got ${inputs.length}`)
      const features = inputs.map((x, m) => encode(x, encoders[m]!, training))
      const logits = head.apply(features, training)
      if (!unimodal) return { logits, features }
      return { logits, features, unimodalLogits: features.map((f, m) => dense(config.detachUnimodalHeads ? stopGradient(f) : f, unimodal[m]!)) }
    },
    getWeights: () => trainableVariables.map((v) => Float32Array.from(v.dataSync() as Float32Array)),
    setWeights(snapshot) {
      if (snapshot.length !== trainableVariables.length) throw new Error('weight snapshot does not match the model')
      tf.tidy(() => trainableVariables.forEach((v, i) => v.assign(tf.tensor(snapshot[i]!, v.shape))))
    },
    dispose() {
      for (const v of trainableVariables) if (!v.isDisposed) v.dispose()
    },
  }
}
