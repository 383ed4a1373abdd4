/**
 * Protocol and configuration: the evaluation protocol in words, the model and training settings,
 * the arms, the stored environment (versions, backend, hardware) and, in an appendix, the full
 * config as JSON, so the run can be reproduced.
 */
import type { ExperimentConfig, TrainingConfig } from '../../../../shared/experiment'
import { plural } from '../format'
import { h1, h2, keyValues, note, para, table } from '../layout'
import type { Content } from '../pdf'
import type { ReportData } from '../report-data'

/** The protocol in one paragraph. */
export function protocolSentence(cfg: ExperimentConfig): string {
  const p = cfg.protocol
  const seeds = `${plural(cfg.seeds.length, 'seed')} (${cfg.seeds.join(', ')})`
  const strat = `stratified by label${p.stratifyByAttribute ? ` × ${p.stratifyByAttribute}` : ''}${p.groupFolds ? ', no patient group in two folds' : ''}`
  let split: string
  let parts: number
  if (p.kind === 'predefined') {
    split = `The dataset's predefined train/test split, trained with ${seeds}`
    parts = cfg.seeds.length
  } else if (p.kind === 'repeated-kfold') {
    split = `Repeated ${p.folds}-fold cross-validation (${p.repeats} repeats, ${strat}) for ${seeds}`
    parts = p.folds * p.repeats * cfg.seeds.length
  } else {
    split = `${p.folds}-fold cross-validation (${strat}) for ${seeds}`
    parts = p.folds * cfg.seeds.length
  }
  const stop = cfg.training.patience > 0 ? `, with early stopping after ${plural(cfg.training.patience, 'epoch')} without improvement` : ' (early stopping off)'
  return (
    `${split}: ${plural(parts, 'test part')} per arm, the same for every arm (paired). ` +
    `In every job ${(p.validationFraction * 100).toFixed(0)} % of the training part is held out (stratified, seeded) for model selection: ` +
    `the epoch with the ${selectionText(cfg.training.selectOn)} is used${stop}; the test part is never used for selection. ` +
    `${p.standardize ? 'Features are standardised with statistics of the training part only. ' : ''}` +
    `Missing values: ${p.missing === 'impute-mean' ? 'imputed with the training-part mean' : 'refused'}.`
  )
}

/** The report's words for `training.selectOn`. */
export const selectionText = (on: TrainingConfig['selectOn']): string =>
  on === 'val-macro-f1' ? 'highest validation macro F1 (ties: lower validation loss)' : 'lowest validation loss'

const optionsText = (o: Record<string, unknown>): string => {
  const entries = Object.entries(o)
  return entries.length ? entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ') : 'defaults'
}

function envPairs(d: ReportData): [string, string][] {
  const env = (d.run.environment ?? {}) as Record<string, unknown>
  const pairs: [string, string][] = [
    ['Backend requested / used', `${d.run.requestedBackend} / ${d.run.backend ?? 'unknown'}`],
    ['Config hash', d.run.configHash],
  ]
  for (const [k, v] of Object.entries(env)) pairs.push([k, typeof v === 'string' ? v : JSON.stringify(v)])
  return pairs
}

/** "mean 5.3 of 6 epochs (range 3–6); 2 of 18 jobs stopped early". */
function selectedEpochs(d: ReportData): string {
  const done = d.jobs.filter((j) => j.status === 'done' && j.bestEpoch !== null)
  if (!done.length) return '—'
  const best = done.map((j) => j.bestEpoch!)
  const mean = best.reduce((a, b) => a + b, 0) / best.length
  const stopped = done.filter((j) => j.stoppedEarly).length
  return `mean ${mean.toFixed(1)} (range ${Math.min(...best)}–${Math.max(...best)}); ${stopped} of ${plural(done.length, 'job')} stopped early`
}

export function protocolSection(d: ReportData): Content[] {
  const cfg = d.config
  if (!cfg)
    return [h1('Protocol and configuration', true), para('The stored config does not parse with this version; it is printed verbatim in the appendix.'), h2('Environment'), keyValues(envPairs(d))]
  const m = cfg.model
  const t = cfg.training
  return [
    h1('Protocol and configuration', true),
    para(protocolSentence(cfg)),
    h2('Model and training'),
    keyValues([
      ['Encoder / fusion', `MLP ${m.hidden.join('–')}, dropout ${m.dropout}, ${m.fusion} fusion${m.unimodalHeads ? ', unimodal heads' : ''}`],
      ['Optimiser', `${t.optimizer}, learning rate ${t.learningRate}, weight decay ${t.weightDecay}`],
      ['Batch size / epochs', `${t.batchSize} / ${t.epochs}`],
      ['Early-stopping patience', t.patience ? String(t.patience) : 'off'],
      ['Seeds', cfg.seeds.join(', ')],
      ['Selected epoch', selectedEpochs(d)],
    ]),
    h2('Environment (recorded at run start)'),
    keyValues(envPairs(d)),
    h2('Arms'),
    table(
      ['arm', 'methods (options)'],
      cfg.arms.map((a) => [a.name, a.methods.length ? a.methods.map((x) => `${x.method} (${optionsText(x.options)})`).join(' + ') : 'none: plain cross-entropy']),
      [90, '*'],
    ),
    note('The full config, as stored with the run, is printed in the appendix; `equimodal run <config.json>` with it reproduces the run on the same backend.'),
  ]
}

export function configAppendix(d: ReportData): Content[] {
  return [
    h1('Appendix: full experiment config', true),
    note(`As stored with run ${d.run.runId} (validated, defaults filled in). Environment: ${JSON.stringify(d.run.environment)}`),
    { text: JSON.stringify(d.run.config, null, 2), fontSize: 7, color: '#243b53', preserveLeadingSpaces: true },
  ]
}
