/** The report's protocol sentence names the selection score the run used (`training.selectOn`). */
import { describe, expect, it } from 'vitest'
import { ExperimentConfig } from '../../../../src/shared/experiment'
import { protocolSentence } from '../../../../src/main/services/reports/sections/protocol'

const cfg = (training: Record<string, unknown>) =>
  ExperimentConfig.parse({ version: 1, name: 'x', dataset: 'd', protocol: { kind: 'kfold', folds: 5 }, training, arms: [{ name: 'a' }] })

describe('protocol sentence', () => {
  it('says validation loss by default', () => {
    const s = protocolSentence(cfg({ patience: 4 }))
    expect(s).toContain('the epoch with the lowest validation loss is used, with early stopping after 4 epochs without improvement')
  })
  it('says macro F1 when the run selected on it', () => {
    const s = protocolSentence(cfg({ patience: 0, selectOn: 'val-macro-f1' }))
    expect(s).toContain('the epoch with the highest validation macro F1 (ties: lower validation loss) is used (early stopping off)')
    expect(s).not.toContain('lowest validation loss is used')
  })
})
