/**
 * Steps through the real UI by the data-testid contract (src/renderer/UI-CONTRACT.md): navigation,
 * the CSV import wizard, the experiment configurator and waiting for a run. Shared by the e2e
 * tests and `scripts/bench-ui.ts`; no vitest imports here.
 */
import type { Locator, Page } from 'playwright-core'

export type View = 'datasets' | 'experiment' | 'runs' | 'compare'

export const byTestId = (scope: Page | Locator, id: string): Locator => scope.locator(`[data-testid="${id}"]`)

/** What each view shows once it has its data (used to time navigation answers). */
export const VIEW_READY: Record<View, string> = {
  datasets: '[data-testid="dataset-row"], [data-testid="dataset-demo"]',
  experiment: '[data-testid="exp-dataset"]',
  runs: '[data-testid="run-row"]',
  compare: '[data-testid="compare-run"]',
}

/** Clicks a nav entry and waits until the view shows its content; returns the time it took. */
export async function goTo(page: Page, view: View, timeoutMs = 15_000): Promise<number> {
  const t0 = performance.now()
  await byTestId(page, `nav-${view}`).click()
  await page.locator(VIEW_READY[view]).first().waitFor({ state: 'visible', timeout: timeoutMs })
  return performance.now() - t0
}

/** Selects the option of a <select> whose value equals `wanted`, or else whose text contains it. */
export async function selectLoosely(select: Locator, wanted: string): Promise<string> {
  const options = await select.locator('option').evaluateAll((els) =>
    els.map((e) => ({ value: (e as unknown as { value: string }).value, text: (e.textContent ?? '').trim() })),
  )
  const hit = options.find((o) => o.value === wanted) ?? options.find((o) => o.text === wanted) ?? options.find((o) => o.text.includes(wanted))
  if (!hit) throw new Error(`No option "${wanted}" in ${await select.getAttribute('data-testid')}: ${JSON.stringify(options)}`)
  await select.selectOption(hit.value)
  return hit.value
}

export interface CsvWizardInput {
  path: string
  name: string
  idColumn: string
  labelColumn: string
  attributes: string[]
  modalities: 'prefix' | 'single'
}

/** Opens the import wizard (the open button is disabled while the wizard is already open). */
export async function openWizard(page: Page): Promise<void> {
  const open = byTestId(page, 'import-open')
  if (await open.isEnabled()) await open.click()
  await byTestId(page, 'import-path').waitFor({ state: 'visible' })
}

/** Opens the wizard and fills path + format and asks for the preview (waits for the preview table). */
export async function openCsvPreview(page: Page, path: string): Promise<void> {
  await goTo(page, 'datasets')
  await openWizard(page)
  await byTestId(page, 'import-path').fill(path)
  await byTestId(page, 'import-format').selectOption('csv')
  await byTestId(page, 'import-preview').click()
  await byTestId(page, 'preview-table').waitFor({ state: 'visible' })
}

/** Maps the columns, names the dataset and submits (the wizard must already show the preview). */
export async function mapAndSubmit(page: Page, input: CsvWizardInput): Promise<void> {
  await selectLoosely(byTestId(page, 'map-id'), input.idColumn)
  await selectLoosely(byTestId(page, 'map-label'), input.labelColumn)
  for (const a of input.attributes) await byTestId(page, `map-attr-${a}`).check()
  await byTestId(page, 'map-modalities').selectOption(input.modalities)
  await byTestId(page, 'import-name').fill(input.name)
  await byTestId(page, 'import-submit').click()
}

export interface ArmInput {
  name: string
  methods: string[]
}

export interface ExperimentInput {
  /** Dataset name (or id) as offered by exp-dataset. */
  dataset: string
  folds: number
  seeds: number[]
  epochs: number
  arms: ArmInput[]
}

/** Fills the experiment configurator (does not start). */
export async function configureExperiment(page: Page, input: ExperimentInput): Promise<void> {
  await goTo(page, 'experiment')
  await selectLoosely(byTestId(page, 'exp-dataset'), input.dataset)
  await byTestId(page, 'exp-protocol-kind').selectOption('kfold')
  await byTestId(page, 'exp-folds').fill(String(input.folds))
  await byTestId(page, 'exp-seeds').fill(input.seeds.join(','))
  await byTestId(page, 'exp-epochs').fill(String(input.epochs))
  const cards = byTestId(page, 'arm-card')
  while ((await cards.count()) < input.arms.length) {
    const before = await cards.count()
    await byTestId(page, 'arm-add').click()
    await page.waitForFunction(`document.querySelectorAll('[data-testid="arm-card"]').length > ${before}`)
  }
  if ((await cards.count()) !== input.arms.length) {
    throw new Error(`The configurator shows ${await cards.count()} arm cards; the test wants ${input.arms.length} (no remove control in the UI contract).`)
  }
  for (const [i, arm] of input.arms.entries()) {
    const card = cards.nth(i)
    await byTestId(card, 'arm-name').fill(arm.name)
    for (const m of arm.methods) {
      const chips = byTestId(card, 'method-chip')
      const before = await chips.count()
      await byTestId(card, 'arm-method-add').selectOption(m)
      await chips.nth(before).waitFor({ state: 'visible' })
    }
    const chipTexts = await byTestId(card, 'method-chip').allTextContents()
    if (chipTexts.length !== arm.methods.length) {
      throw new Error(`Arm "${arm.name}" shows methods ${JSON.stringify(chipTexts)}; the test added ${JSON.stringify(arm.methods)}.`)
    }
  }
}

/** The run row of a run (the view marks each row with `data-run-id`), else the first one. */
export function runRow(page: Page, runId?: string): Locator {
  return runId ? page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`) : byTestId(page, 'run-row').first()
}

/** Parses "<done>/<total>" out of a run-progress text. */
export function parseProgress(text: string | null): { done: number; total: number } | null {
  const m = /(\d+)\s*\/\s*(\d+)/.exec(text ?? '')
  return m ? { done: Number(m[1]), total: Number(m[2]) } : null
}
