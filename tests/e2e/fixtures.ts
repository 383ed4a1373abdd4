/**
 * End-to-end fixtures: the real `equimodal serve` child process (see serve-process.ts), Debian
 * Chromium through playwright-core, a watch over the page (console errors, page errors, failed
 * requests, any request that leaves 127.0.0.1), full-page screenshots into
 * test-artifacts/screenshots/, and a contract client over the WebSocket with the token.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { repoRoot, startServe, type ServeHandle } from './serve-process'
import { STALL_MONITOR_SCRIPT } from './stall-monitor'
import { ContractClient } from './ws-client'

export { assertRendererBuilt, makeTempDir, repoRoot, runCli, sleep, startServe, type ServeHandle } from './serve-process'

export const CHROMIUM_PATH = '/usr/bin/chromium'
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
export const artifactsDir = path.join(repoRoot, 'test-artifacts')
export const screenshotsDir = path.join(artifactsDir, 'screenshots')

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (.ci/run does it).`)
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}

/** Everything the page did that a healthy, offline app must not do. */
export interface PageWatch {
  consoleErrors: string[]
  pageErrors: string[]
  /** Requests that failed at the network level, or answered with HTTP ≥ 400. */
  failedRequests: string[]
  /** Requests (HTTP or WebSocket) to any host other than 127.0.0.1. */
  foreignRequests: string[]
  /** Every request URL (token stripped), for diagnostics. */
  requests: string[]
  /** Forget what was seen so far (e.g. after a step that provokes expected errors). */
  clear(): void
  /** A readable dump for assertion messages. */
  describe(): string
}

const redact = (url: string): string => url.replace(/([?&]token=)[^&#]+/, '$1…')

export function isLoopbackUrl(url: string): boolean {
  if (/^(data|blob|about):/.test(url)) return true
  try {
    return new URL(url).hostname === '127.0.0.1'
  } catch {
    return false
  }
}

export function watchPage(page: Page): PageWatch {
  const w: PageWatch = {
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    foreignRequests: [],
    requests: [],
    clear() {
      for (const list of [w.consoleErrors, w.pageErrors, w.failedRequests, w.foreignRequests, w.requests]) list.length = 0
    },
    describe() {
      return JSON.stringify({ consoleErrors: w.consoleErrors, pageErrors: w.pageErrors, failedRequests: w.failedRequests, foreignRequests: w.foreignRequests }, null, 2)
    },
  }
  page.on('console', (m) => {
    if (m.type() === 'error') w.consoleErrors.push(`${m.text()} @ ${redact(m.location().url)}:${m.location().lineNumber}`)
  })
  page.on('pageerror', (e) => w.pageErrors.push(e.stack ?? e.message))
  page.on('request', (r) => {
    w.requests.push(`${r.method()} ${redact(r.url())}`)
    if (!isLoopbackUrl(r.url())) w.foreignRequests.push(`${r.method()} ${redact(r.url())}`)
  })
  page.on('requestfailed', (r) => w.failedRequests.push(`${r.method()} ${redact(r.url())}: ${r.failure()?.errorText ?? 'failed'}`))
  page.on('response', (r) => {
    if (r.status() >= 400) w.failedRequests.push(`${r.request().method()} ${redact(r.url())}: HTTP ${r.status()}`)
  })
  page.on('websocket', (ws) => {
    w.requests.push(`WS ${redact(ws.url())}`)
    if (!isLoopbackUrl(ws.url().replace(/^ws/, 'http'))) w.foreignRequests.push(`WS ${redact(ws.url())}`)
    ws.on('socketerror', (e) => w.failedRequests.push(`WS ${redact(ws.url())}: ${e}`))
  })
  return w
}

/** How much taller than the viewport the content of the page's scroll containers is. */
const HIDDEN_HEIGHT_SCRIPT = `Math.max(0, ...Array.from(document.querySelectorAll('*')).map((e) => {
  const o = getComputedStyle(e).overflowY;
  return (o === 'auto' || o === 'scroll') ? e.scrollHeight - e.clientHeight : 0;
}))`

/**
 * Full-page screenshot into test-artifacts/screenshots/<name>.png; returns the path. The app scrolls
 * inside its main pane, so the viewport is stretched to the pane's content for the shot (≤ 6000 px).
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotsDir, { recursive: true })
  const file = path.join(screenshotsDir, `${name}.png`)
  const viewport = page.viewportSize()
  const hidden = Number(await page.evaluate(HIDDEN_HEIGHT_SCRIPT).catch(() => 0))
  if (viewport && hidden > 0) await page.setViewportSize({ width: viewport.width, height: Math.min(6000, viewport.height + hidden) })
  try {
    await page.screenshot({ path: file, fullPage: true })
  } finally {
    if (viewport && hidden > 0) await page.setViewportSize(viewport)
  }
  return file
}

export function writeArtifact(name: string, content: unknown): string {
  mkdirSync(artifactsDir, { recursive: true })
  const file = path.join(artifactsDir, name)
  writeFileSync(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`)
  return file
}

/** A started server, a browser page on its URL (stall monitor injected), and a contract client. */
export interface AppSession {
  server: ServeHandle
  browser: Browser
  context: BrowserContext
  page: Page
  watch: PageWatch
  api: ContractClient
  /** Closes the client, the browser and the server, and removes the temp folder. */
  close(): Promise<void>
}

/**
 * Starts the server and Chromium and opens the app; waits until the status bar shows the backend
 * connection. Cleans up whatever was started if a step fails.
 */
export async function openApp(opts: { viewport?: { width: number; height: number }; serveArgs?: string[] } = {}): Promise<AppSession> {
  const server = await startServe({ extraArgs: opts.serveArgs })
  let browser: Browser | undefined
  let api: ContractClient | undefined
  try {
    browser = await launchBrowser()
    const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1366, height: 900 }, acceptDownloads: true })
    await context.addInitScript({ content: STALL_MONITOR_SCRIPT })
    const page = await context.newPage()
    page.setDefaultTimeout(20_000)
    const watch = watchPage(page)
    await page.goto(server.url)
    api = await ContractClient.connect(server.origin, server.token)
    const b = browser
    const a = api
    return {
      server,
      browser: b,
      context,
      page,
      watch,
      api: a,
      close: async () => {
        a.close()
        await b.close().catch(() => undefined)
        await server.cleanup()
      },
    }
  } catch (e) {
    api?.close()
    await browser?.close().catch(() => undefined)
    await server.cleanup()
    throw e
  }
}
