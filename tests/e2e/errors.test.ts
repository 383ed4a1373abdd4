/**
 * Error paths of server mode in the real UI: a malformed CSV is refused in the wizard with a
 * message naming its row and column (and nothing is stored); pages and sockets without the token,
 * or with a wrong one, are refused.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { writeCorruptedCsv } from './demo-data'
import { openApp, screenshot, type AppSession } from './fixtures'
import { byTestId, mapAndSubmit, openCsvPreview, openWizard } from './ui'
import { probeSocket, wsUrl } from './ws-client'

let app: AppSession

beforeAll(async () => {
  app = await openApp()
})

afterAll(async () => {
  await app?.close()
})

describe('import errors in the wizard', () => {
  test('a non-numeric feature cell is refused with a message naming its row and column', async () => {
    const { page } = app
    // Line 151 of the file (the header is line 1), far below the preview rows.
    const file = writeCorruptedCsv(app.server.dir, 151, 'omics__gene_005', 'abc')
    await openCsvPreview(page, file)
    await screenshot(page, '11-import-bad-preview')
    await mapAndSubmit(page, { path: file, name: 'bad-demo', idColumn: 'id', labelColumn: 'label', attributes: ['sex'], modalities: 'prefix' })
    const error = byTestId(page, 'import-error')
    await error.waitFor({ state: 'visible', timeout: 60_000 })
    const text = (await error.textContent()) ?? ''
    expect(text).toMatch(/row 151\b/)
    expect(text).toContain('omics__gene_005')
    expect(text).toContain('"abc"')
    await screenshot(page, '12-import-error')
    // Nothing was stored.
    expect(await app.api.call<unknown[]>('datasets:list')).toEqual([])
    await byTestId(page, 'nav-datasets').click()
    expect(await byTestId(page, 'dataset-row').filter({ hasText: 'bad-demo' }).count()).toBe(0)
    // A refused import is a handled outcome: no uncaught error, no console error, no failed request.
    expect(app.watch.pageErrors, app.watch.describe()).toEqual([])
    expect(app.watch.consoleErrors, app.watch.describe()).toEqual([])
    expect(app.watch.failedRequests, app.watch.describe()).toEqual([])
    expect(app.watch.foreignRequests, app.watch.describe()).toEqual([])
  })

  test('a file that does not exist is refused with a message naming it', async () => {
    const { page } = app
    const missing = `${app.server.dir}/no-such-file.csv`
    await byTestId(page, 'nav-datasets').click()
    await openWizard(page)
    await byTestId(page, 'import-path').fill(missing)
    await byTestId(page, 'import-format').selectOption('csv')
    await byTestId(page, 'import-preview').click()
    const error = byTestId(page, 'import-error')
    await error.waitFor({ state: 'visible' })
    expect((await error.textContent()) ?? '').toContain('no-such-file.csv')
    expect(app.watch.pageErrors, app.watch.describe()).toEqual([])
    expect(app.watch.consoleErrors, app.watch.describe()).toEqual([])
  })
})

describe('the token guards the server', () => {
  test('page requests without the token or with a wrong one are refused', async () => {
    const { origin, token } = app.server
    const wrong = `${token.slice(0, -2)}${token.endsWith('aa') ? 'bb' : 'aa'}`
    for (const url of [`${origin}/`, `${origin}/index.html`, `${origin}/?token=`, `${origin}/?token=${wrong}`]) {
      const res = await fetch(url, { redirect: 'manual' })
      expect([401, 403], `${url.replace(token, '…')} answered ${res.status}`).toContain(res.status)
      expect(await res.text()).not.toContain('<div id="app">')
    }
    const ok = await fetch(`${origin}/?token=${encodeURIComponent(token)}`)
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain('<div id="app">')

    // A browser opening the URL without the token gets no app.
    const page = await app.context.newPage()
    const res = await page.goto(`${origin}/`)
    expect(res?.status()).toBeGreaterThanOrEqual(400)
    expect(await page.locator('[data-testid="nav-datasets"]').count()).toBe(0)
    await screenshot(page, '13-no-token')
    await page.close()
  })

  test('WebSocket connections without the token or with a wrong one are refused', async () => {
    const { origin, token } = app.server
    const wrong = `${token.slice(0, -2)}${token.endsWith('aa') ? 'bb' : 'aa'}`
    for (const [what, url] of [
      ['no token', wsUrl(origin, null)],
      ['empty token', wsUrl(origin, '')],
      ['wrong token', wsUrl(origin, wrong)],
    ] as const) {
      const outcome = await probeSocket(url, origin)
      expect(outcome.kind, `${what}: ${JSON.stringify(outcome)}`).not.toBe('open')
      if (outcome.kind === 'refused') expect([401, 403]).toContain(outcome.status)
    }
    // The right token from a foreign origin is refused too (cross-site WebSocket hijacking).
    expect((await probeSocket(wsUrl(origin, token), 'http://evil.example')).kind).not.toBe('open')
    expect((await probeSocket(wsUrl(origin, token), origin)).kind).toBe('open')
  })
})
