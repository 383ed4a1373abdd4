/**
 * Training-speed benchmark: a BRCA-sized early-fusion MLP (612 training samples; modalities of
 * 1000, 1000 and 503 features; 5 classes; batch 64) on the selected backend, in this process.
 * Prints seconds per epoch (mean of the epochs after the first) and samples per second.
 */
import type { Backend } from '../../shared/experiment'
import { ModelConfig, TrainingConfig } from '../../shared/experiment'
import { initBackend } from '../training/engine/backend'
import type { FoldArrays, FoldPart } from '../training/engine/fold'
import { trainModel } from '../training/engine/trainer'
import { createRng } from '../util/rng'

function randomPart(n: number, sizes: number[], classes: number, seed: number): FoldPart {
  const rng = createRng(seed)
  const y = Int32Array.from({ length: n }, () => rng.int(classes))
  const x = sizes.map((d) => {
    const a = new Float32Array(n * d)
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) a[i * d + j] = rng.normal() + (j % classes === y[i] ? 0.5 : 0)
    return a
  })
  return { x, y, rows: Int32Array.from({ length: n }, (_, i) => i) }
}

export async function benchTraining(backend: Backend = 'auto', epochs = 4): Promise<{ name: string; value: number; unit: string }[]> {
  const info = await initBackend(backend)
  const sizes = [1000, 1000, 503]
  const fold: FoldArrays = {
    train: randomPart(612, sizes, 5, 1),
    val: randomPart(64, sizes, 5, 2),
    test: randomPart(64, sizes, 5, 3),
    featureSizes: sizes,
    numClasses: 5,
    classNames: ['a', 'b', 'c', 'd', 'e'],
  }
  const times: number[] = []
  let last = performance.now()
  await trainModel({
    fold,
    model: ModelConfig.parse({ hidden: [256, 128], dropout: 0.5 }),
    training: TrainingConfig.parse({ epochs, batchSize: 64, patience: 0 }),
    methods: [],
    seed: 1,
    onEpoch: () => {
      const now = performance.now()
      times.push((now - last) / 1000)
      last = now
    },
  })
  const steady = times.length > 1 ? times.slice(1) : times
  const perEpoch = steady.reduce((s, t) => s + t, 0) / steady.length
  return [
    { name: `train BRCA-sized MLP, s/epoch (${info.name})`, value: perEpoch, unit: 's' },
    { name: `train BRCA-sized MLP, samples/s (${info.name})`, value: 612 / perEpoch, unit: 'samples/s' },
  ]
}
