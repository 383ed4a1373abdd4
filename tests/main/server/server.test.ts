/**
 * Server mode in-process (startServer on port 0, a temp workspace, a stand-in renderer build):
 * token on the page and the socket, static files, path traversal, bad frames, events, binding rules.
 */
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../../src/main/server/server'
import { openWorkspace } from '../../../src/main/services/workspace'
import { asyncFailure } from '../../helpers/failure'
import { tempDir, tinyExperiment, workspaceWithDemo } from '../../helpers/temp-workspace'
import { connect, fakeRenderer, rawRequest, type WireClient } from './helpers'

describe('equimodal serve (in-process)', () => {
  const tmp = tempDir()
  const wsDir = path.join(tmp.dir, 'ws')
  const rendererDir = fakeRenderer(path.join(tmp.dir, 'renderer'))
  let server: RunningServer
  let wsUrl: string
  let client: WireClient

  beforeAll(async () => {
    await (await workspaceWithDemo(wsDir)).close()
    server = await startServer({ workspaceDir: wsDir, port: 0, rendererDir })
    wsUrl = `ws://127.0.0.1:${server.port}/ws?token=${server.token}`
    client = await connect(wsUrl)
  })
  afterAll(async () => {
    client?.close()
    await server?.close()
    tmp.cleanup()
  })

  it('prints a loopback URL with a random base64url token on a real port', () => {
    expect(server.port).toBeGreaterThan(0)
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`)
  })

  it('answers an invoke with the token: datasets:list, app:info', async () => {
    const list = await client.invoke('datasets:list')
    expect(list.ok).toBe(true)
    expect((list.value as { id: string }[]).map((d) => d.id)).toEqual(['tiny'])
    const info = await client.invoke('app:info')
    expect(info.value).toMatchObject({ workspace: wsDir })
  })

  it('refuses the socket without the token, with a wrong token, and from a foreign origin', async () => {
    const base = `ws://127.0.0.1:${server.port}/ws`
    await expect(connect(base)).rejects.toMatchObject({ status: 401 })
    await expect(connect(`${base}?token=${'x'.repeat(32)}`)).rejects.toMatchObject({ status: 401 })
    await expect(connect(`${base}?token=${server.token.slice(1)}`)).rejects.toMatchObject({ status: 401 })
    await expect(connect(wsUrl, { Origin: 'http://evil.example' })).rejects.toMatchObject({ status: 403 })
    const sameOrigin = await connect(wsUrl, { Origin: `http://127.0.0.1:${server.port}` })
    expect((await sameOrigin.invoke('datasets:list')).ok).toBe(true)
    sameOrigin.close()
    await expect(connect(`ws://127.0.0.1:${server.port}/other?token=${server.token}`)).rejects.toMatchObject({ status: 404 })
  })

  it('serves the page only with the token, under the strict CSP opened to its own ws origin', async () => {
    const page = await rawRequest(server.port, `/?token=${server.token}`)
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.body).toContain('<div id="app">')
    const csp = String(page.headers['content-security-policy'])
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect((await rawRequest(server.port, '/')).status).toBe(401)
    expect((await rawRequest(server.port, '/?token=wrong')).status).toBe(401)
    expect((await rawRequest(server.port, '/index.html')).status).toBe(401)
    expect((await rawRequest(server.port, `/index.html?token=${server.token}`)).status).toBe(200)
  })

  it('serves bundle files with their content types, and no listing, dotfile or method other than GET/HEAD', async () => {
    const js = await rawRequest(server.port, '/assets/index-abc.js')
    expect([js.status, js.headers['content-type'], js.body]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log("bundle")\n'])
    expect((await rawRequest(server.port, '/assets/index-abc.css')).headers['content-type']).toBe('text/css; charset=utf-8')
    expect((await rawRequest(server.port, '/assets/fonts/x.woff2')).headers['content-type']).toBe('font/woff2')
    expect((await rawRequest(server.port, '/assets/')).status).toBe(404)
    expect((await rawRequest(server.port, '/assets')).status).toBe(404)
    expect((await rawRequest(server.port, '/.secret')).status).toBe(404)
    expect((await rawRequest(server.port, '/missing.js')).status).toBe(404)
    expect((await rawRequest(server.port, '/assets/index-abc.js', { method: 'POST' })).status).toBe(405)
    const head = await rawRequest(server.port, '/assets/index-abc.js', { method: 'HEAD' })
    expect([head.status, head.body]).toEqual([200, ''])
  })

  it('refuses path traversal, however it is spelt', async () => {
    const attempts = [
      '/../package.json',
      '/assets/../../package.json',
      '/assets/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/%2e%2e%2f%2e%2e%2fws%2fworkspace.duckdb',
      '/..%5c..%5cpackage.json',
      '/assets/%00.js',
      '/%E0%A4%A.js',
    ]
    for (const p of attempts) {
      const r = await rawRequest(server.port, p)
      expect([400, 404], p).toContain(r.status)
      expect(r.body, p).not.toContain('equimodal')
    }
    expect((await rawRequest(server.port, '/assets/..%2f..%2fpackage.json')).status).toBe(400)
  })

  it('refuses requests addressed to a foreign host name (DNS rebinding)', async () => {
    expect((await rawRequest(server.port, `/?token=${server.token}`, { headers: { Host: 'evil.example' } })).status).toBe(403)
    expect((await rawRequest(server.port, `/?token=${server.token}`, { headers: { Host: `localhost:${server.port}` } })).status).toBe(200)
    await expect(connect(wsUrl, { Host: 'evil.example' })).rejects.toMatchObject({ status: 403 })
  })

  it('answers bad frames with an error result and keeps working', async () => {
    const badJson = await client.sendRaw('{not json', -1)
    expect(badJson.error).toMatchObject({ code: 'VALIDATION' })
    expect(badJson.error?.message).toMatch(/not valid JSON/)
    const binary = await client.sendRaw(Buffer.from([1, 2, 3]), -1)
    expect(binary.error?.message).toMatch(/Binary frames/)
    const unknown = await client.invoke('datasets:steal')
    expect(unknown.error).toMatchObject({ code: 'VALIDATION', message: 'Unknown channel "datasets:steal".' })
    const proto = await client.invoke('__proto__')
    expect(proto.error?.code).toBe('VALIDATION')
    const badInput = await client.invoke('datasets:get', { id: 42 })
    expect(badInput.error?.code).toBe('VALIDATION')
    const noType = await client.sendRaw(JSON.stringify({ id: 7, channel: 'datasets:list' }), 7)
    expect(noType.error?.message).toMatch(/frame type/)
    const noId = await client.sendRaw(JSON.stringify({ type: 'invoke', channel: 'datasets:list' }), -1)
    expect(noId.error?.message).toMatch(/no integer id/)
    const notFound = await client.invoke('datasets:get', { id: 'nope' })
    expect(notFound.error?.code).toBe('NOT_FOUND')
    expect((await client.invoke('datasets:list')).ok).toBe(true)
  })

  it('broadcasts run events to every socket: launch, cancel, runs:finished', async () => {
    const other = await connect(wsUrl)
    const launched = await client.invoke('runs:launch', { config: tinyExperiment({ training: { epochs: 50, batchSize: 32, patience: 0 } }), backend: 'wasm', poolSize: 1 })
    expect(launched.ok, launched.error?.message).toBe(true)
    const { runId } = launched.value as { runId: string }
    await other.nextEvent('runs:started', (p) => p.runId === runId)
    const active = await other.invoke('runs:active')
    expect(active.value).toEqual([expect.objectContaining({ runId, totalJobs: 6 })])
    expect((await other.invoke('runs:cancel', { runId })).value).toEqual({ cancelled: true })
    const [a, b] = await Promise.all([client.nextEvent('runs:finished'), other.nextEvent('runs:finished')])
    expect(a).toEqual(b)
    expect(a).toMatchObject({ runId, outcome: { status: 'interrupted' } })
    other.close()
  }, 60_000)

  it('reports event-loop delay (app:diagnostics) and resets the window', async () => {
    await client.invoke('app:diagnostics', { reset: true })
    const d = await client.invoke('app:diagnostics', {})
    expect(d.value).toMatchObject({ eventLoopMaxMs: expect.any(Number), eventLoopP99Ms: expect.any(Number), sinceMs: expect.any(Number) })
    expect((d.value as { sinceMs: number }).sinceMs).toBeLessThan(5_000)
  })
})

describe('startServer refusals and shutdown', () => {
  const tmp = tempDir()
  const rendererDir = fakeRenderer(path.join(tmp.dir, 'renderer'))
  afterAll(() => tmp.cleanup())

  it('refuses a non-loopback host without allowRemote, before opening anything', async () => {
    const e = await asyncFailure(startServer({ workspaceDir: path.join(tmp.dir, 'a'), host: '0.0.0.0', rendererDir }))
    expect(e.error.code).toBe('VALIDATION')
    expect(e.error.message).toMatch(/not a loopback address/)
    expect(e.error.message).toMatch(/--allow-remote/)
  })

  it('binds a non-loopback host with allowRemote, warning that anyone with the URL can use the workspace', async () => {
    const warnings: string[] = []
    const s = await startServer({ workspaceDir: path.join(tmp.dir, 'b'), host: '0.0.0.0', allowRemote: true, rendererDir, warn: (l) => warnings.push(l) })
    try {
      expect(warnings.join('\n')).toMatch(/anyone who has the URL/)
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/)
      expect((await rawRequest(s.port, `/?token=${s.token}`, { headers: { Host: `gpu-box.example:${s.port}` } })).status).toBe(200)
    } finally {
      await s.close()
    }
  })

  it('tells to build the renderer when it is missing', async () => {
    const e = await asyncFailure(startServer({ workspaceDir: path.join(tmp.dir, 'c'), rendererDir: path.join(tmp.dir, 'nothing') }))
    expect(e.error.code).toBe('NOT_FOUND')
    expect(e.error.message).toMatch(/npm run build/)
  })

  it('holds the workspace while it runs and releases it on close (idempotent)', async () => {
    const dir = path.join(tmp.dir, 'd')
    const s = await startServer({ workspaceDir: dir, rendererDir })
    expect((await asyncFailure(openWorkspace(dir))).error.code).toBe('WORKSPACE_BUSY')
    const client = await connect(`ws://127.0.0.1:${s.port}/ws?token=${s.token}`)
    await Promise.all([s.close(), s.close()])
    expect(await client.closed).toBe(1001)
    await expect(rawRequest(s.port, '/')).rejects.toThrow()
    await (await openWorkspace(dir)).close()
  })
})
