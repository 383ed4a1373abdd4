/** First page: title and dates, key findings in plain words, and the dataset card. */
import { keyFindings } from '../findings'
import { dateTime, fixed, plural } from '../format'
import { box, h1, h2, keyValues, note, para, table } from '../layout'
import type { Content } from '../pdf'
import type { ReportData } from '../report-data'

export function titleBlock(d: ReportData): Content[] {
  const { run } = d
  return [
    { text: `Equimodal report: ${run.experimentName}`, style: 'title' },
    {
      text:
        `Run ${run.runId} · ${run.status} · started ${dateTime(run.createdAt)} · finished ${dateTime(run.finishedAt)} · ` +
        `report generated ${dateTime(d.generatedAt)}`,
      style: 'subtitle',
    },
  ]
}

export function findingsBlock(d: ReportData): Content[] {
  const findings = keyFindings(d.arms, d.attributes)
  const arms = d.arms.map((a) => a.arm).join(', ')
  const done = d.jobs.filter((j) => j.status === 'done').length
  return [
    box([
      { text: 'Summary', bold: true, fontSize: 10, margin: [0, 0, 0, 3] },
      para(
        `${plural(d.arms.length, 'arm')} compared (${arms}) on ${d.dataset ? `dataset "${d.dataset.name}"` : `dataset ${d.run.datasetId}`}, ` +
          `${plural(done, 'completed job')}${d.run.backend ? ` on the ${d.run.backend} backend` : ''}. Percentages are mean ± std over jobs.`,
      ),
      ...findings.map((f) => ({ text: `• ${f}`, style: 'body', margin: [0, 0, 0, 1] })),
      { text: 'Read the limitations section before drawing conclusions.', style: 'note', margin: [0, 3, 0, 0] },
    ]),
  ]
}

export function datasetCard(d: ReportData): Content[] {
  const ds = d.dataset
  if (!ds) return [h1('Dataset'), para(`The dataset "${d.run.datasetId}" is no longer in the workspace; its card cannot be shown.`)]
  const alpha = d.detail?.imbalance.climdAlpha
  const pairs: [string, string][] = [
    ['Name (id)', `${ds.name} (${ds.id})`],
    ['Source', ds.source],
    ['Samples', String(ds.samples)],
    ['Classes', `${ds.classes.length}: ${ds.classes.map((c) => `${c.name} ${c.count}`).join(', ')}`],
    ['Modalities', ds.modalities.map((m) => `${m.name} (${m.features} features)`).join(', ')],
    ['Sensitive attributes', ds.attributes.map((a) => `${a.name} (${a.groups.map((g) => `${g.name} ${g.count}`).join(', ')})`).join('; ') || 'none'],
    ['Imbalance ratio (max/min class)', ds.imbalanceRatio.toFixed(2) + (typeof alpha === 'number' ? ` · CLIMD power-law degree α = ${fixed(alpha, 2)}` : '')],
    ['Predefined split', ds.splitCounts ? `${ds.splitCounts.train} train / ${ds.splitCounts.test} test` : 'none'],
    ['Patient grouping column', ds.hasGroups ? 'yes (no patient in two folds)' : 'no'],
  ]
  const share = (n: number) => `${((n / Math.max(1, ds.samples)) * 100).toFixed(1)} %`
  const out: Content[] = [
    h1('Dataset'),
    keyValues(pairs),
    {
      columns: [
        { width: '*', stack: [h2('Classes'), table(['class', 'samples', 'share'], ds.classes.map((c) => [c.name, String(c.count), share(c.count)]))] },
        {
          width: '*',
          stack: [h2('Modalities'), table(['modality', 'features', 'missing values'], ds.modalities.map((m) => [m.name, String(m.features), String(m.missing)]))],
        },
      ],
      columnGap: 16,
    },
  ]
  for (const a of ds.attributes) {
    const cross = d.detail?.crosstabs.find((c) => c.attribute === a.name)
    out.push(h2(`Sensitive attribute: ${a.name}`))
    if (cross) {
      const rows = cross.groups.map((g, i) => [g, String(a.groups.find((x) => x.name === g)?.count ?? 0), ...(cross.counts[i] ?? []).map(String)])
      out.push(table([`group`, 'samples', ...cross.classes], rows))
      out.push(note(`Samples per group and class.${a.unknown ? ` ${a.unknown} samples have an unknown ${a.name}.` : ''}`))
    } else {
      out.push(table(['group', 'samples'], a.groups.map((g) => [g.name, String(g.count)])))
      if (a.unknown) out.push(note(`${a.unknown} samples have an unknown ${a.name}.`))
    }
  }
  return out
}
