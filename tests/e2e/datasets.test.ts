/**
 * The built-in demo dataset through the UI: "Add demo dataset" stores it (once), its detail shows
 * its charts, and deleting it (with confirmation) removes it from the list and the workspace.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatasetMeta } from '../../src/shared/dataset'
import { openApp, screenshot, type AppSession } from './fixtures'
import { byTestId, goTo } from './ui'

let app: AppSession

beforeAll(async () => {
  app = await openApp()
})

afterAll(async () => {
  await app?.close()
})

const noTrouble = (): void => {
  expect(app.watch.pageErrors, app.watch.describe()).toEqual([])
  expect(app.watch.consoleErrors, app.watch.describe()).toEqual([])
  expect(app.watch.failedRequests, app.watch.describe()).toEqual([])
  expect(app.watch.foreignRequests, app.watch.describe()).toEqual([])
}

describe('the demo dataset', () => {
  test('"Add demo dataset" stores it once and lists it', async () => {
    const { page, api } = app
    await goTo(page, 'datasets')
    await byTestId(page, 'dataset-demo').click()
    const row = byTestId(page, 'dataset-row').filter({ hasText: 'demo' })
    await row.first().waitFor({ state: 'visible', timeout: 60_000 })
    // A second click does not add a second copy.
    await expect.poll(() => byTestId(page, 'dataset-demo').isEnabled()).toBe(true)
    await byTestId(page, 'dataset-demo').click()
    await expect.poll(async () => (await api.call<DatasetMeta[]>('datasets:list')).length, { timeout: 10_000 }).toBe(1)
    expect(await byTestId(page, 'dataset-row').count()).toBe(1)
    const [meta] = await api.call<DatasetMeta[]>('datasets:list')
    expect(meta).toMatchObject({ name: 'demo', samples: 600, format: 'synthetic' })
    expect(meta!.modalities.map((m) => m.name).sort()).toEqual(['clinical', 'imaging', 'omics'])
    await screenshot(page, '14-datasets-demo')
    noTrouble()
  })

  test('its detail shows the charts and deleting it asks first, then removes it', async () => {
    const { page, api } = app
    await byTestId(page, 'dataset-row').filter({ hasText: 'demo' }).first().click()
    await byTestId(page, 'dataset-detail').waitFor({ state: 'visible' })
    await expect.poll(() => byTestId(page, 'class-chart').locator('svg path').count()).toBeGreaterThanOrEqual(5)
    await expect.poll(() => byTestId(page, 'crosstab-table').textContent()).toMatch(/F[\s\S]*M/)
    await byTestId(page, 'dataset-delete').click()
    await byTestId(page, 'confirm-yes').waitFor({ state: 'visible' })
    // Nothing is deleted before the confirmation.
    expect(await api.call<DatasetMeta[]>('datasets:list')).toHaveLength(1)
    await screenshot(page, '15-dataset-delete-confirm')
    await byTestId(page, 'confirm-yes').click()
    await expect.poll(async () => (await api.call<DatasetMeta[]>('datasets:list')).length, { timeout: 15_000 }).toBe(0)
    await goTo(page, 'datasets')
    await expect.poll(() => byTestId(page, 'dataset-row').count()).toBe(0)
    noTrouble()
  })
})
