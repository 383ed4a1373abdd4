/**
 * What the protocol and the data of a run cannot support, computed from the data: small classes
 * and groups, a single seed, no external test set, failed jobs, undefined metrics, leakage risks.
 */
import { plural } from './format'
import { selectionText } from './sections/protocol'
import type { ReportData } from './report-data'

/** A class with fewer samples than this in the whole dataset is flagged. */
export const MIN_CLASS_SAMPLES = 10
/** A group with fewer test samples than this in some test part is flagged. */
export const MIN_GROUP_TEST_SAMPLES = 20
/** Fewer paired jobs per arm than this make the paired tests weak. */
export const MIN_PAIRED_JOBS = 5

function smallGroups(d: ReportData): string[] {
  const out: string[] = []
  for (const attribute of d.attributes) {
    const smallest = new Map<string, number>()
    for (const arm of d.arms)
      for (const g of arm.groups.find((x) => x.attribute === attribute)?.groups ?? [])
        smallest.set(g.group, Math.min(smallest.get(g.group) ?? Infinity, g.minCount))
    for (const [group, n] of smallest)
      if (n < MIN_GROUP_TEST_SAMPLES)
        out.push(
          `Group ${group} of ${attribute} has as few as ${n} samples in a test part (fewer than ${MIN_GROUP_TEST_SAMPLES}): its accuracy, TPR and FPR are imprecise, and gaps involving it may be noise.`,
        )
  }
  return out
}

function protocolLimits(d: ReportData): string[] {
  const out: string[] = []
  const cfg = d.config
  if (!cfg) return ['The stored config no longer parses with this version, so the protocol checks below are incomplete.']
  if (cfg.seeds.length === 1)
    out.push('A single seed: the ± std reflects fold-to-fold variation only, not the randomness of initialisation and shuffling.')
  if (cfg.protocol.kind !== 'predefined')
    out.push(
      'No predefined (external) test set: every number is a cross-validated estimate on this one dataset; performance on another site or population is not measured.',
    )
  else out.push('One predefined test set: the ± std is over seeds only; no variation across test sets is measured.')
  if (cfg.training.patience === 0)
    out.push(`Early stopping was off: every job ran all ${plural(cfg.training.epochs, 'epoch')} (the epoch with the ${selectionText(cfg.training.selectOn)} was still the one used).`)
  const diagnostics = cfg.diagnostics
  if (diagnostics && !diagnostics.enabled)
    out.push('Modality diagnostics were off: the report cannot say which modality drives the predictions, so modality imbalance is not measured.')
  else if (!cfg.model.unimodalHeads)
    out.push('No unimodal heads were trained: each modality alone is measured by a linear probe on the frozen encoder features, not by a head trained with the model.')
  if (diagnostics?.enabled !== false && diagnostics?.shapley === false)
    out.push('Shapley contributions were off: modality shares are not reported.')
  return out
}

function jobLimits(d: ReportData): string[] {
  const out: string[] = []
  const failed = d.jobs.filter((j) => j.status === 'failed')
  if (failed.length) {
    const reasons = [...new Set(failed.map((j) => j.error ?? 'unknown reason'))].slice(0, 3).join('; ')
    out.push(`${plural(failed.length, 'job')} failed and ${failed.length === 1 ? 'is' : 'are'} left out of every number (${reasons}).`)
  }
  if (d.run.status !== 'completed') out.push(`The run is ${d.run.status}: the results cover only its committed jobs.`)
  const perArm = d.arms.map((a) => a.summary.jobs)
  const fewest = perArm.length ? Math.min(...perArm) : 0
  if (d.arms.length > 1 && fewest < MIN_PAIRED_JOBS)
    out.push(`Only ${plural(fewest, 'completed job')} for some arm (fewer than ${MIN_PAIRED_JOBS}): the paired tests have little power, and a non-significant result is no evidence of equal performance.`)
  for (const a of d.arms) {
    const auc = a.summary.metrics.auc
    if (a.summary.jobs > 0 && auc.n < a.summary.jobs)
      out.push(`AUC of ${a.arm} is undefined in ${a.summary.jobs - auc.n} of ${a.summary.jobs} jobs (a test part lacked a class); its mean uses the others.`)
  }
  return out
}

function dataLimits(d: ReportData): string[] {
  const out: string[] = []
  const ds = d.dataset
  if (!ds) return [`The dataset "${d.run.datasetId}" is no longer in the workspace: the dataset card and some checks are missing.`]
  for (const c of ds.classes)
    if (c.count < MIN_CLASS_SAMPLES)
      out.push(`Class ${c.name} has only ${c.count} samples (fewer than ${MIN_CLASS_SAMPLES}): its recall, F1 and one-vs-rest AUC rest on very few cases per test part.`)
  if (ds.imbalanceRatio >= 10)
    out.push(`The classes are strongly imbalanced (largest/smallest = ${ds.imbalanceRatio.toFixed(1)}): accuracy is dominated by the frequent classes; read balanced accuracy and macro F1.`)
  if (!ds.hasGroups)
    out.push('No patient (grouping) column: if a patient contributes several samples, they can fall in both the training and the test part, and leakage cannot be ruled out.')
  if (ds.attributes.length === 0) out.push('No sensitive attribute: no fairness audit is possible.')
  for (const a of ds.attributes)
    if (a.unknown > 0) out.push(`${plural(a.unknown, 'sample')} with an unknown ${a.name} ${a.unknown === 1 ? 'is' : 'are'} left out of the fairness metrics for ${a.name}.`)
  if (ds.format === 'synthetic') out.push('The data are synthetic: the numbers demonstrate the methods, not clinical performance.')
  return out
}

/** Every limitation of the run, most important first. */
export function limitations(d: ReportData): string[] {
  const fromComparison = (d.comparison?.warnings ?? []).map((w) => `Statistics: ${w}`)
  return [...dataLimits(d), ...smallGroups(d), ...protocolLimits(d), ...jobLimits(d), ...fromComparison]
}
