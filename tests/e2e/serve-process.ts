/**
 * Starts `node bin/equimodal.js serve --port 0 --workspace <dir>` as a real child process, reads
 * the URL from its last stdout line and stops it (with every process it started) on `stop()`.
 * Used by the e2e tests and by `scripts/bench-ui.ts`; no vitest imports here.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const repoRoot = path.resolve(import.meta.dirname, '../..')
export const cliEntry = path.join(repoRoot, 'bin/equimodal.js')
/** The built renderer the server serves (it honours $EQUIMODAL_RENDERER_DIR too). */
export const rendererIndex = path.join(process.env['EQUIMODAL_RENDERER_DIR'] ?? path.join(repoRoot, 'out/renderer'), 'index.html')

/** The line `equimodal serve` prints last once it listens. */
export const SERVING_LINE = /Equimodal is serving (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([^\s&#]+))\s*$/

export interface ServeHandle {
  /** Full page URL with the token, as printed by the server. */
  url: string
  /** `http://127.0.0.1:<port>` */
  origin: string
  port: number
  token: string
  /** Workspace folder given with --workspace. */
  workspace: string
  /** Temp folder holding the workspace and the test's files (removed by `cleanup()`). */
  dir: string
  child: ChildProcess
  stdout(): string
  stderr(): string
  /** Stops the server (SIGTERM, then SIGKILL to its process group after a grace period). */
  stop(): Promise<void>
  /** `stop()` and remove the temp folder. */
  cleanup(): Promise<void>
}

/** Throws a clear message when the renderer bundle the server serves has not been built. */
export function assertRendererBuilt(): void {
  if (!existsSync(rendererIndex)) {
    throw new Error(
      `The e2e tests need the built renderer at ${path.relative(repoRoot, rendererIndex)}, which does not exist. ` +
        'Run `npx electron-vite build` first (`npm test` does it before vitest).',
    )
  }
}

export function makeTempDir(prefix = 'equimodal-e2e-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix))
}

function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  // The workspace must be the temp one given with --workspace, never the user's.
  delete env.EQUIMODAL_WORKSPACE
  return env
}

/**
 * Starts the server on a random port in a fresh temp workspace.
 * @param opts.dir temp folder to use (default: a new one); the workspace is `<dir>/workspace`
 * @param opts.timeoutMs how long to wait for the serving line (default 90 s: tsx compiles on first start)
 */
export async function startServe(opts: { dir?: string; timeoutMs?: number; extraArgs?: string[] } = {}): Promise<ServeHandle> {
  assertRendererBuilt()
  const dir = opts.dir ?? makeTempDir()
  const workspace = path.join(dir, 'workspace')
  // Node flags for the server only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it in bench:ui).
  const nodeArgs = (process.env['EQUIMODAL_SERVE_NODE_ARGS'] ?? '').split(/\s+/).filter(Boolean)
  const child = spawn(process.execPath, [...nodeArgs, cliEntry, 'serve', '--port', '0', '--workspace', workspace, ...(opts.extraArgs ?? [])], {
    cwd: repoRoot,
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so teardown can also end the trainer processes it forked.
    detached: true,
  })
  let out = ''
  let err = ''
  child.stdout!.setEncoding('utf8')
  child.stderr!.setEncoding('utf8')
  child.stderr!.on('data', (d: string) => (err += d))

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const graceful = await Promise.race([exited.then(() => true), sleep(8000).then(() => false)])
    if (!graceful && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
      await Promise.race([exited, sleep(3000)])
    }
    // Trainer processes left in the group after a graceful exit would hold CPU: end them too.
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        /* group already gone */
      }
    }
  }

  const timeoutMs = opts.timeoutMs ?? 90_000
  const found = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`equimodal serve printed no serving line within ${timeoutMs} ms.\nstdout:\n${out}\nstderr:\n${err}`)), timeoutMs)
    child.stdout!.on('data', (d: string) => {
      out += d
      const lines = out.split('\n').map((l) => l.trim()).filter(Boolean)
      const last = lines[lines.length - 1]
      const m = last ? SERVING_LINE.exec(last) : null
      if (m) {
        clearTimeout(timer)
        resolve(m)
      }
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`equimodal serve exited (code ${code}, signal ${signal}) before serving.\nstdout:\n${out}\nstderr:\n${err}`))
    })
    child.once('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
  }).catch(async (e: unknown) => {
    await stop()
    rmSync(dir, { recursive: true, force: true })
    throw e
  })

  const url = found[1]!
  const port = Number(found[2])
  const token = decodeURIComponent(found[3]!)
  return {
    url,
    origin: `http://127.0.0.1:${port}`,
    port,
    token,
    workspace,
    dir,
    child,
    stdout: () => out,
    stderr: () => err,
    stop,
    cleanup: async () => {
      await stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Runs the CLI synchronously (e.g. `results <runId> --json`) and returns its exit code and output. */
export function runCli(args: string[], timeoutMs = 120_000): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliEntry, ...args], { cwd: repoRoot, env: childEnv(), encoding: 'utf8', timeout: timeoutMs })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
