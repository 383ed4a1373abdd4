/**
 * The per-class and per-group rows of a run comparison: recall of every class (minority recall is
 * what imbalance methods are for) and accuracy of every group of every sensitive attribute, each
 * with CIs and the same paired tests against the reference arm as the headline metrics.
 */
import type { BreakdownComparison } from '../../../shared/statistics'
import type { JobRow } from '../workspace'
import { compareQuantity, yieldToEventLoop, type CompareSettings } from './compare-values'

/** Per-class and per-group rows are averaged over folds like every other number of the comparison. */
const RULE = 'averaged over folds'

/** Class names and attribute groups in first-seen order over the jobs. */
function namesOf(jobs: readonly JobRow[]): { classes: string[]; groups: { attribute: string; groups: string[] }[] } {
  const classes: string[] = []
  const groups: { attribute: string; groups: string[] }[] = []
  for (const j of jobs) {
    for (const c of j.metrics?.classification.perClass ?? []) if (!classes.includes(c.name)) classes.push(c.name)
    for (const f of j.metrics?.fairness ?? []) {
      let entry = groups.find((g) => g.attribute === f.attribute)
      if (!entry) groups.push((entry = { attribute: f.attribute, groups: [] }))
      for (const g of f.groups) if (!entry.groups.includes(g.group)) entry.groups.push(g.group)
    }
  }
  return { classes, groups }
}

/** The rows, one class or group at a time with a yield in between (the server keeps answering meanwhile). */
export async function compareBreakdowns(
  jobs: readonly JobRow[],
  arms: readonly string[],
  reference: string,
  byArm: ReadonlyMap<string, JobRow[]>,
  s: CompareSettings,
): Promise<BreakdownComparison[]> {
  const { classes, groups } = namesOf(jobs)
  const rows: BreakdownComparison[] = []
  for (const name of classes) {
    rows.push({
      kind: 'class-recall',
      attribute: null,
      name,
      label: `Recall ${name}`,
      rule: RULE,
      arms: compareQuantity(
        { read: (r) => r.classification.perClass.find((c) => c.name === name)?.recall, higherIsBetter: true, seedParts: ['recall', name] },
        arms,
        reference,
        byArm,
        s,
      ),
    })
    await yieldToEventLoop()
  }
  for (const { attribute, groups: names } of groups)
    for (const name of names) {
      rows.push({
        kind: 'group-accuracy',
        attribute,
        name,
        label: `Accuracy ${attribute} = ${name}`,
        rule: RULE,
        arms: compareQuantity(
          {
            read: (r) => r.fairness.find((f) => f.attribute === attribute)?.groups.find((g) => g.group === name)?.accuracy,
            higherIsBetter: true,
            seedParts: ['group-accuracy', attribute, name],
          },
          arms,
          reference,
          byArm,
          s,
        ),
      })
      await yieldToEventLoop()
    }
  return rows
}
