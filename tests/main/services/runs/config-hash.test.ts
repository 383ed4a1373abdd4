/**
 * The config hash decides which interrupted run `equimodal run` resumes. A setting added later with a
 * default must not change the hash of a config stored before it existed, or an upgrade would orphan
 * every interrupted run.
 */
import { describe, expect, it } from 'vitest'
import { ExperimentConfig } from '../../../../src/shared/experiment'
import { configHash } from '../../../../src/main/services/runs/job-plan'

const STORED = {
  version: 1,
  name: 'stored before selectOn',
  dataset: 'tiny',
  protocol: { kind: 'kfold', folds: 3 },
  seeds: [1, 2],
  model: { hidden: [16] },
  training: { epochs: 5, patience: 2 },
  arms: [{ name: 'baseline' }, { name: 'wce', methods: [{ method: 'weighted-ce', options: {} }] }],
}
// Computed by the code of commit 5ae7767 (before `training.selectOn` existed) for this config and dataset id.
const HASH_BEFORE_SELECT_ON = 'e4cd99d136118709b60a0aa3b8ce283a697555808f1cc8d059d9c1464eac5409'

describe('configHash', () => {
  it('is unchanged for a config stored before training.selectOn (default filled in)', () => {
    expect(configHash(ExperimentConfig.parse(STORED), 'tiny')).toBe(HASH_BEFORE_SELECT_ON)
    expect(configHash(ExperimentConfig.parse({ ...STORED, training: { ...STORED.training, selectOn: 'val-loss' } }), 'tiny')).toBe(HASH_BEFORE_SELECT_ON)
  })
  it('changes when the later setting is used, with the dataset, and not with key order', () => {
    expect(configHash(ExperimentConfig.parse({ ...STORED, training: { ...STORED.training, selectOn: 'val-macro-f1' } }), 'tiny')).not.toBe(HASH_BEFORE_SELECT_ON)
    expect(configHash(ExperimentConfig.parse(STORED), 'other')).not.toBe(HASH_BEFORE_SELECT_ON)
    const reordered = Object.fromEntries(Object.entries(STORED).reverse())
    expect(configHash(ExperimentConfig.parse(reordered), 'tiny')).toBe(HASH_BEFORE_SELECT_ON)
  })
  it('does not modify the config it hashes', () => {
    const cfg = ExperimentConfig.parse(STORED)
    configHash(cfg, 'tiny')
    expect(cfg.training.selectOn).toBe('val-loss')
  })
})
