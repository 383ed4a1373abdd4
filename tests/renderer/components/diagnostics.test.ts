/** Modality diagnostics views: per-modality live curves from epoch extras, the Compare panel (summary, group × modality Shapley matrix, robustness chart). */
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ArmDiagnostics, RunDiagnostics } from '@shared/diagnostics'
import { fakeApi } from '../helpers/fake-api'
import { datasetMeta } from '../helpers/fixtures'
import ModalityDiagnosticsPanel from '@renderer/components/diagnostics/ModalityDiagnosticsPanel.vue'
import UnimodalCurvesChart from '@renderer/components/diagnostics/UnimodalCurvesChart.vue'
import { useDatasetsStore } from '@renderer/stores/datasets'
import { useRunsStore } from '@renderer/stores/runs'
import { curvesFromEpochs } from '@renderer/utils/curves'
import { divergingColor, modalityCurveSeries, pctMeanStd, signedPoints } from '@renderer/utils/modality-diagnostics'

vi.mock('@renderer/services/api', async (importOriginal) => ({ ...(await importOriginal<object>()), api: (await import('../helpers/fake-api')).fakeApi }))

beforeEach(() => {
  setActivePinia(createPinia())
  fakeApi.reset()
})

const ms = (mean: number | null, std = 0) => ({ mean, std: mean === null ? null : std })

function arm(name: string, phiMeth: number): ArmDiagnostics {
  return {
    arm: name,
    jobs: 5,
    modalities: ['rna', 'meth'],
    unimodalSource: 'probe',
    unimodalAccuracy: [ms(0.812, 0.021), ms(0.6)],
    unimodalAuc: [ms(0.9), ms(null)],
    shapleyAccuracy: [ms(0.3), ms(0.05)],
    shapleyTrueClassProb: [ms(0.2), ms(phiMeth)],
    shapleyShare: [0.2 / (0.2 + phiMeth), phiMeth / (0.2 + phiMeth)],
    perClass: [{ className: 'AD', n: 40, accuracy: [0.3, 0.1], trueClassProb: [0.25, 0.02] }],
    perGroup: [
      {
        attribute: 'sex',
        groups: [
          { group: 'F', n: 30, accuracy: [0.2, 0.1], trueClassProb: [0.2, 0.123], unimodalAccuracy: [0.8, 0.7] },
          { group: 'M', n: 25, accuracy: [0.3, -0.1], trueClassProb: [0.25, -0.04], unimodalAccuracy: [0.85, 0.4] },
        ],
      },
    ],
    robustness: { baseline: ms(0.8), noiseLevels: [0.5, 1], perModality: [{ modality: 'rna', dropped: ms(0.55), noised: [ms(0.78), ms(0.7)] }, { modality: 'meth', dropped: ms(0.79), noised: [ms(0.8), ms(0.8)] }] },
  }
}

describe('modality-diagnostics helpers', () => {
  it('picks the per-modality extras (head or probe) and leaves method internals out', () => {
    const curves = curvesFromEpochs([
      { epoch: 1, trainLoss: 1, valLoss: 1, valAccuracy: 0.5, extras: { 'probe.0.valAccuracy': 0.6, 'probe.0.valAuc': 0.7, 'unimodal.1.valAccuracy': 0.55, 'ogm.k.0': 0.9 } },
      { epoch: 2, trainLoss: 1, valLoss: 1, valAccuracy: 0.5, extras: { 'probe.0.valAccuracy': 0.65 } },
    ])
    const s = modalityCurveSeries(curves, ['rna'])
    expect(s.map((x) => x.name)).toEqual(['modality 1 accuracy (head)', 'rna accuracy (probe)', 'rna AUC (probe)'])
    expect(s.find((x) => x.name === 'rna accuracy (probe)')!.data).toEqual([[1, 0.6], [2, 0.65]])
    expect(s.find((x) => x.name === 'rna AUC (probe)')!.axis).toBe(1)
    expect(modalityCurveSeries(undefined)).toEqual([])
  })

  it('formats mean ± std and signed points; colours by sign', () => {
    expect(pctMeanStd(ms(0.812, 0.021))).toBe('81.2 ± 2.1')
    expect(pctMeanStd(ms(null))).toBe('—')
    expect(signedPoints(0.123)).toBe('+12.3')
    expect(signedPoints(-0.04)).toBe('−4.0')
    expect(signedPoints(Number.NaN)).toBe('—')
    expect(divergingColor(0.1, 0.1)).toBe('rgba(0, 114, 178, 0.550)')
    expect(divergingColor(-0.05, 0.1)).toBe('rgba(213, 94, 0, 0.275)')
    expect(divergingColor(null, 1)).toBe('transparent')
  })
})

describe('UnimodalCurvesChart', () => {
  it('renders an SVG chart when the job has per-modality extras, nothing otherwise', async () => {
    const curves = curvesFromEpochs([{ epoch: 1, trainLoss: 1, valLoss: 1, valAccuracy: 0.5, extras: { 'unimodal.0.valAccuracy': 0.6 } }])
    const w = mount(UnimodalCurvesChart, { props: { curves, version: 1, modalityNames: ['rna'] } })
    expect(w.find('[data-testid="unimodal-chart"] svg').html()).toContain('rna accuracy (head)')
    w.unmount()
    // Without names: those of the selected run's dataset, loading the dataset list once when it is not loaded yet.
    fakeApi.handle('datasets:list', () => [datasetMeta({ id: 'ds-9', modalities: [{ name: 'methylation', features: 3, missing: 0 }] })])
    const runs = useRunsStore()
    runs.list = [{ runId: 'r9', experimentName: 'e', status: 'completed', backend: 'wasm', datasetId: 'ds-9', createdAt: '2026-01-01T00:00:00Z' }]
    runs.selectedRunId = 'r9'
    const named = mount(UnimodalCurvesChart, { props: { curves, version: 1 } })
    await flushPromises()
    expect(fakeApi.callsOf('datasets:list')).toHaveLength(1)
    expect(useDatasetsStore().list).toHaveLength(1)
    expect(named.find('svg').html()).toContain('methylation accuracy (head)')
    named.unmount()
    const none = mount(UnimodalCurvesChart, { props: { curves: curvesFromEpochs([{ epoch: 1, trainLoss: 1, valLoss: 1, valAccuracy: 0.5, extras: { 'x.y': 1 } }]), version: 1 } })
    expect(none.find('[data-testid="unimodal-chart"]').exists()).toBe(false)
  })
})

describe('ModalityDiagnosticsPanel', () => {
  it('loads the run, shows alone-accuracy and shares, the group × modality matrix and the robustness chart', async () => {
    const run: RunDiagnostics = { runId: 'r1', arms: [arm('baseline', 0.05), arm('ogm-ge', 0.2)], jobsWithout: 0 }
    fakeApi.handle('runs:diagnostics', () => run)
    const w = mount(ModalityDiagnosticsPanel, { props: { runId: 'r1' } })
    await flushPromises()
    expect(fakeApi.callsOf('runs:diagnostics')).toEqual([{ runId: 'r1' }])
    // 0.2 / (0.2 + 0.05) = 80 %, 0.05 / 0.25 = 20 %.
    expect(w.get('[data-testid="diag-cell-baseline-rna"]').text()).toBe('81.2 ± 2.1 · 80%')
    expect(w.get('[data-testid="diag-cell-ogm-ge-meth"]').text()).toBe('60.0 ± 0.0 · 50%')
    const cell = w.get('[data-testid="shapley-cell-group-M-meth"]')
    expect(cell.text()).toContain('−4.0')
    expect(cell.text()).toContain('alone 40%')
    expect(cell.attributes('style')).toContain('rgba(213, 94, 0')
    expect(w.get('[data-testid="shapley-cell-group-F-meth"]').text()).toContain('+12.3')
    expect(w.get('[data-testid="shapley-cell-class-AD-rna"]').text()).toBe('+25.0')
    // The accuracy value function switches the numbers.
    await w.get('select[aria-label="Value function"]').setValue('accuracy')
    expect(w.get('[data-testid="shapley-cell-group-M-meth"]').text()).toContain('−10.0')
    expect(w.get('[data-testid="robustness-chart"] svg').html()).toContain('noise σ=0.5')
    w.unmount()
  })

  it('says so when a run has no diagnostics', async () => {
    fakeApi.handle('runs:diagnostics', () => ({ runId: 'old', arms: [], jobsWithout: 4 }))
    const w = mount(ModalityDiagnosticsPanel, { props: { runId: 'old' } })
    await flushPromises()
    expect(w.text()).toContain('No modality diagnostics stored for this run')
    expect(w.text()).toContain('4 job(s) without diagnostics')
    expect(w.find('[data-testid="shapley-matrix"]').exists()).toBe(false)
  })
})
