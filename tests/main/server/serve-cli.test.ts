/** The real `equimodal serve` process: the URL as the last stdout line, the page behind it, SIGTERM, refusals and their exit codes. */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { listJobs, listRuns, openWorkspace } from '../../../src/main/services/workspace'
import { repoRoot, tempDir, tinyExperiment, workspaceWithDemo } from '../../helpers/temp-workspace'
import { connect, fakeRenderer, rawRequest } from './helpers'

const cli = path.join(repoRoot, 'bin/equimodal.js')
const SERVING = /^Equimodal is serving http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{32})$/

interface Proc {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  exit: Promise<number | null>
}

/** `detached` puts the server in its own process group, as a terminal does with a foreground job. */
function serve(args: string[], env: Record<string, string>, detached = false): Proc {
  const child = spawn(process.execPath, [cli, 'serve', ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached })
  let out = ''
  let err = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  return { child, stdout: () => out, stderr: () => err, exit }
}

async function servingLine(p: Proc, timeoutMs = 30_000): Promise<RegExpExecArray> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    const lines = p.stdout().split('\n').filter(Boolean)
    const m = SERVING.exec(lines.at(-1) ?? '')
    if (m) return m
    if (p.child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`no serving line; stdout:\n${p.stdout()}\nstderr:\n${p.stderr()}`)
}

describe('equimodal serve (CLI process)', () => {
  const tmp = tempDir()
  const env = { EQUIMODAL_RENDERER_DIR: fakeRenderer(path.join(tmp.dir, 'renderer')) }
  const started: Proc[] = []
  afterAll(() => {
    for (const p of started) if (p.child.exitCode === null) p.child.kill('SIGKILL')
    tmp.cleanup()
  })

  it('prints the URL as its last stdout line, serves the page, refuses a second server on the workspace, and stops on SIGTERM', async () => {
    const wsDir = path.join(tmp.dir, 'ws')
    const p = serve(['--workspace', wsDir, '--port', '0'], env)
    started.push(p)
    const [, port, token] = await servingLine(p)
    expect(p.stdout()).toContain(`Workspace: ${wsDir}`)
    expect((await rawRequest(Number(port), `/?token=${token}`)).status).toBe(200)
    expect((await rawRequest(Number(port), '/')).status).toBe(401)

    const second = serve(['--workspace', wsDir], env)
    started.push(second)
    expect(await second.exit).toBe(5)
    expect(second.stderr()).toMatch(/WORKSPACE_BUSY/)

    p.child.kill('SIGTERM')
    expect(await p.exit).toBe(0)
    expect(p.stderr()).toMatch(/SIGTERM: stopping/)
  }, 60_000)

  it('refuses a non-loopback host without --allow-remote, a bad port, and a missing build, with clear errors', async () => {
    const remote = serve(['--workspace', path.join(tmp.dir, 'r'), '--host', '0.0.0.0'], env)
    const port = serve(['--workspace', path.join(tmp.dir, 'p'), '--port', 'http'], env)
    const unbuilt = serve(['--workspace', path.join(tmp.dir, 'u')], { EQUIMODAL_RENDERER_DIR: path.join(tmp.dir, 'no-build') })
    started.push(remote, port, unbuilt)
    expect(await remote.exit).toBe(3)
    expect(remote.stderr()).toMatch(/not a loopback address.*--allow-remote/s)
    expect(await port.exit).toBe(2)
    expect(port.stderr()).toMatch(/--port must be an integer/)
    expect(await unbuilt.exit).toBe(4)
    expect(unbuilt.stderr()).toMatch(/npm run build/)
  }, 60_000)

  it('on Ctrl-C (SIGINT to its process group, trainers included) interrupts the run without recording failed jobs', async () => {
    const wsDir = path.join(tmp.dir, 'ctrl-c')
    await (await workspaceWithDemo(wsDir)).close()
    const p = serve(['--workspace', wsDir], env, true)
    started.push(p)
    const [, port, token] = await servingLine(p)
    const client = await connect(`ws://127.0.0.1:${port}/ws?token=${token}`)
    const config = tinyExperiment({ training: { epochs: 200, batchSize: 32, patience: 0 } })
    const launched = await client.invoke('runs:launch', { config, backend: 'wasm', poolSize: 2 })
    expect(launched.ok, launched.error?.message).toBe(true)
    await client.nextEvent('runs:progress')
    process.kill(-p.child.pid!, 'SIGINT')
    expect((await client.nextEvent('runs:finished')).outcome).toMatchObject({ status: 'interrupted', jobsFailed: 0 })
    expect(await p.exit).toBe(0)
    const ws = await openWorkspace(wsDir)
    try {
      const [run] = await listRuns(ws)
      expect(run?.status).toBe('interrupted')
      expect((await listJobs(ws, run!.runId)).filter((j) => j.status === 'failed')).toEqual([])
    } finally {
      await ws.close()
    }
  }, 90_000)
})
