/**
 * The end-of-job modality diagnostics of a trained model (selected weights) on the fold's test
 * part: unimodal accuracy/AUC, exact Shapley contributions (overall, per class, per sensitive
 * group) and robustness curves. See src/shared/diagnostics.ts for the stored shape and
 * contributions.ts for the definitions.
 */
import { SHAPLEY_MAX_MODALITIES, type DiagnosticsConfig, type ModalityDiagnostics } from '../../../../shared/diagnostics'
import { rocAuc } from '../../../evaluation/auc'
import type { FoldArrays } from '../fold'
import type { Model } from '../model'
import { coalitionOutcomes, columnStats, robustnessCurves, shapleyOn, type Predictor } from './contributions'
import { forwardBlocks } from './model-outputs'
import { accuracyOfProbs, unimodalPredictions } from './unimodal'

export interface DiagnosticsInput {
  model: Model
  fold: FoldArrays
  modalityNames: string[]
  config: DiagnosticsConfig
  seed: number
}

const rowsWhere = (n: number, keep: (i: number) => boolean): number[] => Array.from({ length: n }, (_, i) => i).filter(keep)

/** Computes the diagnostics; the model is only read (evaluation-mode forwards). */
export function computeModalityDiagnostics(input: DiagnosticsInput): ModalityDiagnostics {
  const { model, fold, config, seed } = input
  const { test, featureSizes, numClasses: C } = fold
  const M = featureSizes.length
  const n = test.y.length
  const names = featureSizes.map((_, m) => input.modalityNames[m] ?? `m${m}`)
  const predict: Predictor = (x, rows) => forwardBlocks(model, x, rows, featureSizes).probs
  const stats = featureSizes.map((d, m) => columnStats(fold.train.x[m]!, d))

  const uni = unimodalPredictions(model, fold, test)!
  const uniCorrect = uni.probs.map((p) => {
    const out = new Uint8Array(n)
    for (let i = 0; i < n; i++) {
      let best = 0
      for (let c = 1; c < C; c++) if (p[i * C + c]! > p[i * C + best]!) best = c
      out[i] = best === test.y[i] ? 1 : 0
    }
    return out
  })

  let shapley: ModalityDiagnostics['shapley'] = null
  let shapleyNote: string | undefined
  if (!config.shapley) shapleyNote = 'Shapley values switched off (diagnostics.shapley = false).'
  else if (M > SHAPLEY_MAX_MODALITIES) shapleyNote = `Exact Shapley values need 2^M coalitions; skipped for M = ${M} > ${SHAPLEY_MAX_MODALITIES} modalities.`
  else if (n === 0) shapleyNote = 'The test part is empty.'
  else {
    const o = coalitionOutcomes(predict, test.x, test.y, stats.map((s) => s.mean), C)
    const all = rowsWhere(n, () => true)
    const full = (1 << M) - 1
    const mean = (a: ArrayLike<number>): number => Array.from(a).reduce((s, v) => s + v, 0) / n
    shapley = {
      full: { accuracy: mean(o.correct[full]!), trueClassProb: mean(o.trueClassProb[full]!) },
      empty: { accuracy: mean(o.correct[0]!), trueClassProb: mean(o.trueClassProb[0]!) },
      overall: shapleyOn(o, all),
      perClass: fold.classNames.map((className, c) => ({ className, ...shapleyOn(o, rowsWhere(n, (i) => test.y[i] === c)) })).filter((e) => e.n > 0),
      perGroup: (fold.attributes ?? []).map((a, k) => ({
        attribute: a.name,
        groups: a.groups
          .map((group, g) => {
            const rows = rowsWhere(n, (i) => test.groups?.[k]?.[i] === g)
            const unimodalAccuracy = uniCorrect.map((c) => (rows.length ? rows.reduce((s, i) => s + c[i]!, 0) / rows.length : Number.NaN))
            return { group, ...shapleyOn(o, rows), unimodalAccuracy }
          })
          .filter((e) => e.n > 0),
      })),
    }
  }

  const r = robustnessCurves(predict, test.x, test.y, stats, config.noiseLevels, C, seed)
  return {
    modalities: names,
    unimodal: {
      source: uni.source,
      accuracy: uni.probs.map((p) => accuracyOfProbs(p, test.y, C)),
      auc: uni.probs.map((p) => (n ? rocAuc(test.y, p, C) : null)),
    },
    shapley,
    ...(shapleyNote ? { shapleyNote } : {}),
    robustness: {
      baseline: r.baseline,
      noiseLevels: [...config.noiseLevels],
      perModality: r.perModality.map((p, m) => ({ modality: names[m]!, ...p })),
    },
  }
}
