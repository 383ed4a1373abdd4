/** The embedded default: the synthetic demo dataset and the small comparison `equimodal demo` runs. */
import { summarizeDataset, type DatasetMeta } from '../../shared/dataset'
import type { ExperimentConfigInput } from '../../shared/experiment'
import { demoDatasetInfo, generateDemoDataset } from '../data/synthetic'
import { getDatasetMeta, saveDataset, type Workspace } from './workspace'

export const DEMO_DATASET_NAME = 'demo'

/** Stores the demo dataset on first use; returns its metadata. */
export async function ensureDemoDataset(ws: Workspace): Promise<DatasetMeta> {
  const existing = await getDatasetMeta(ws, DEMO_DATASET_NAME)
  if (existing) return existing
  const data = generateDemoDataset({ seed: 2025 })
  const meta = summarizeDataset(data, { id: 'demo', name: DEMO_DATASET_NAME, source: demoDatasetInfo.description, format: 'synthetic' })
  await saveDataset(ws, meta, data)
  return meta
}

export const demoExperiment: ExperimentConfigInput = {
  version: 1,
  name: 'demo: class-imbalance baselines',
  dataset: DEMO_DATASET_NAME,
  protocol: { kind: 'kfold', folds: 3, validationFraction: 0.2 },
  seeds: [1, 2, 3],
  model: { hidden: [64, 32], dropout: 0.2, fusion: 'early' },
  training: { optimizer: 'adam', learningRate: 0.002, batchSize: 32, epochs: 40, patience: 8 },
  arms: [
    { name: 'baseline', methods: [] },
    { name: 'weighted-ce', methods: [{ method: 'weighted-ce', options: {} }] },
    { name: 'focal-loss', methods: [{ method: 'focal-loss', options: {} }] },
    { name: 'undersampling', methods: [{ method: 'random-undersampling', options: {} }] },
  ],
}
