import { it } from 'vitest'
import { generateDemoDataset } from '../../../src/main/data/synthetic'
import { evaluate } from '../../../src/main/evaluation/evaluate'
import { planFolds } from '../../../src/main/protocol/folds'
import { prepareFold } from '../../../src/main/protocol/prepare'
import { initBackend } from '../../../src/main/training/engine/backend'
import { composeMethods } from '../../../src/main/training/engine/pipeline'
import { trainModel } from '../../../src/main/training/engine/trainer'
import { loadMethodRegistry } from '../../../src/main/training/methods/index'
import { ExperimentConfig } from '../../../src/shared/experiment'

it('explore', { timeout: 600_000 }, async () => {
  await initBackend('wasm')
  const registry = await loadMethodRegistry()
  const arms: Record<string, { method: string; options: Record<string, unknown> }[]> = JSON.parse(process.env.ARMS!)
  const seeds = [1, 2, 3]
  for (const [name, methods] of Object.entries(arms)) {
    const t0 = Date.now()
    const rows: string[] = []
    for (const seed of seeds) {
      const data = generateDemoDataset({ seed, samples: 600 })
      const cfg = ExperimentConfig.parse({
        version: 1, name: 's', dataset: 'demo',
        protocol: { kind: 'kfold', folds: 3, validationFraction: 0.2, stratifyByAttribute: 'sex' },
        model: { hidden: [32], dropout: 0.2, unimodalHeads: true, detachUnimodalHeads: true },
        training: { epochs: Number(process.env.EPOCHS ?? 20), patience: 0, batchSize: 32, learningRate: 0.003 },
        arms: [{ name: 'a', methods }],
      })
      const fold = prepareFold(data, planFolds(data, cfg.protocol, seed)[0]!, cfg.protocol)
      const out = await trainModel({ fold, model: cfg.model, training: cfg.training, methods: composeMethods(methods, registry).methods, seed })
      const r = evaluate({ yTrue: fold.test.y, probs: out.testProbs, classNames: fold.classNames, attributes: [{ name: 'sex', groups: data.attributes[0]!.groups, values: fold.test.groups![0]! }] })
      const f = r.fairness[0]!
      rows.push(`acc ${r.classification.accuracy.toFixed(3)} eod ${f.eod?.toFixed(3)} esauc ${f.esAuc?.toFixed(3)} accF ${f.groups[0]!.accuracy.toFixed(3)} accM ${f.groups[1]!.accuracy.toFixed(3)} aucF ${f.groups[0]!.auc?.toFixed(3)} aucM ${f.groups[1]!.auc?.toFixed(3)}`)
    }
    console.log(`${name} (${((Date.now() - t0) / 1000).toFixed(1)}s)\n  ${rows.join('\n  ')}`)
  }
})
