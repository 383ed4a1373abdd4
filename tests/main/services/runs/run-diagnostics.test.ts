/** Per-arm aggregation of job diagnostics (hand-computed means, stds and pooled φ) and the workspace round trip. */
import path from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { summarizeDataset } from '../../../../src/shared/dataset'
import type { ModalityDiagnostics } from '../../../../src/shared/diagnostics'
import { aggregateArm, runDiagnostics } from '../../../../src/main/services/runs/run-diagnostics'
import { commitJob, createRun, openWorkspace, saveDataset, type Workspace } from '../../../../src/main/services/workspace'
import { tempDir } from '../../../helpers/temp-workspace'
import { tinyDataset } from '../../../helpers/tiny-dataset'
import { sampleOutput } from '../workspace/fixtures/sample-job'

/** A hand-made job diagnostic (values chosen for easy arithmetic, not computed by a model). */
function diag(o: { uniAcc: [number, number]; phi: [number, number]; groupN: [number, number]; groupPhi1: [number, number]; dropped0: number }): ModalityDiagnostics {
  return {
    modalities: ['rna', 'meth'],
    unimodal: { source: 'probe', accuracy: o.uniAcc, auc: [0.9, null] },
    shapley: {
      full: { accuracy: 0.8, trueClassProb: 0.7 },
      empty: { accuracy: 0.5, trueClassProb: 0.5 },
      overall: { n: 10, accuracy: o.phi, trueClassProb: o.phi },
      perClass: [{ className: 'a', n: 10, accuracy: o.phi, trueClassProb: o.phi }],
      perGroup: [
        {
          attribute: 'sex',
          groups: [
            { group: 'F', n: o.groupN[0], accuracy: [0, o.groupPhi1[0]], trueClassProb: [0, o.groupPhi1[0]], unimodalAccuracy: [1, 0.5] },
            { group: 'M', n: o.groupN[1], accuracy: [0, o.groupPhi1[1]], trueClassProb: [0, o.groupPhi1[1]], unimodalAccuracy: [1, 0.5] },
          ].filter((g) => g.n > 0),
        },
      ],
    },
    robustness: { baseline: 0.8, noiseLevels: [1], perModality: [{ modality: 'rna', dropped: o.dropped0, noised: [0.7] }, { modality: 'meth', dropped: 0.8, noised: [0.8] }] },
  }
}

const a = diag({ uniAcc: [0.8, 0.6], phi: [0.2, 0.1], groupN: [2, 8], groupPhi1: [0.5, 0], dropped0: 0.6 })
const b = diag({ uniAcc: [0.6, 0.6], phi: [0.3, -0.1], groupN: [6, 0], groupPhi1: [0.1, 0], dropped0: 0.5 })

describe('aggregateArm', () => {
  it('means and sample stds over jobs, shares from the mean φ, pooled group φ weighted by n', () => {
    const g = aggregateArm('x', [a, b])
    expect(g.jobs).toBe(2)
    expect(g.unimodalSource).toBe('probe')
    expect(g.unimodalAccuracy[0]!.mean).toBeCloseTo(0.7, 12)
    expect(g.unimodalAccuracy[0]!.std).toBeCloseTo(Math.sqrt(0.02), 12) // values 0.8, 0.6: s² = (0.01 + 0.01)/1
    expect(g.unimodalAuc[1]).toEqual({ mean: null, std: null })
    // Mean φ: (0.25, 0); share = 0.25 / 0.25 = 1 and 0.
    expect(g.shapleyTrueClassProb[0]!.mean).toBeCloseTo(0.25, 12)
    expect(g.shapleyTrueClassProb[1]!.mean).toBeCloseTo(0, 12)
    expect(g.shapleyShare[0]).toBeCloseTo(1, 12)
    // Group F: n 2 and 6, φ1 0.5 and 0.1 → (2·0.5 + 6·0.1)/8 = 0.2; group M: only job a (n 8), φ1 0.
    const [sex] = g.perGroup
    const F = sex!.groups.find((x) => x.group === 'F')!
    expect(F.n).toBe(8)
    expect(F.trueClassProb[1]).toBeCloseTo(0.2, 12)
    expect(F.unimodalAccuracy).toEqual([1, 0.5])
    expect(sex!.groups.find((x) => x.group === 'M')!.n).toBe(8)
    expect(g.robustness.perModality[0]!.dropped.mean).toBeCloseTo(0.55, 12)
    expect(g.robustness.noiseLevels).toEqual([1])
  })
})

describe('runDiagnostics (workspace)', () => {
  const tmp = tempDir()
  let ws: Workspace
  beforeEach(async () => {
    ws = await openWorkspace(path.join(tmp.dir, 'ws'))
    const data = tinyDataset([0, 1, 0, 1, 1, 0], { sex: [0, 1, -1, 0, 1, 0] })
    await saveDataset(ws, summarizeDataset(data, { id: 'tiny', name: 'tiny', source: 'test', format: 'synthetic' }), data)
    await createRun(ws, {
      runId: 'r1',
      experimentName: 'exp',
      configHash: 'h',
      config: { version: 1, name: 'exp', arms: [{ name: 'base' }, { name: 'other' }] },
      datasetId: 'tiny',
      backend: 'auto',
      environment: { node: 'v20', cores: 2, tfjs: null },
    })
  })
  afterEach(async () => {
    await ws.close()
  })
  afterAll(() => tmp.cleanup())

  it('stores diagnostics with the job, replaces them on re-commit, and aggregates per arm', async () => {
    await commitJob(ws, 'r1', { arm: 'base', seed: 1, fold: 0 }, { status: 'done', output: { ...sampleOutput(), diagnostics: a } })
    await commitJob(ws, 'r1', { arm: 'base', seed: 2, fold: 0 }, { status: 'done', output: { ...sampleOutput(), diagnostics: b } })
    await commitJob(ws, 'r1', { arm: 'other', seed: 1, fold: 0 }, { status: 'done', output: sampleOutput() })
    let r = await runDiagnostics(ws, 'r1')
    expect(r.arms.map((x) => x.arm)).toEqual(['base'])
    expect(r.jobsWithout).toBe(1)
    expect(r.arms[0]!.unimodalAccuracy[0]!.mean).toBeCloseTo(0.7, 6)
    // Re-committing a job without diagnostics removes its old ones.
    await commitJob(ws, 'r1', { arm: 'base', seed: 2, fold: 0 }, { status: 'done', output: sampleOutput() })
    r = await runDiagnostics(ws, 'r1')
    expect(r.arms[0]!.jobs).toBe(1)
    expect(r.arms[0]!.unimodalAccuracy[0]!.mean).toBeCloseTo(0.8, 6)
    await expect(runDiagnostics(ws, 'nope')).rejects.toThrow(/No run "nope"/)
  })
})
