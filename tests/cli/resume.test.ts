/**
 * Kills the real `equimodal run` process mid-experiment (SIGKILL, no chance to clean up) and
 * shows that running the same experiment again resumes: committed jobs are skipped, not recomputed.
 */
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { listJobs, listRuns, openWorkspace } from '../../src/main/services/workspace'
import { repoRoot, tempDir, tinyExperiment, workspaceWithDemo } from '../helpers/temp-workspace'

const cli = path.join(repoRoot, 'bin/equimodal.js')

function runCli(args: string[], opts: { killOnFirstJob?: boolean } = {}): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
      if (opts.killOnFirstJob && /^✓ /m.test(stdout)) child.kill('SIGKILL')
    })
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
}

describe('equimodal run: interrupt and resume', () => {
  const tmp = tempDir()
  afterAll(() => tmp.cleanup())

  it('resumes after the CLI was killed, without recomputing committed jobs', async () => {
    const wsDir = path.join(tmp.dir, 'ws')
    const ws = await workspaceWithDemo(wsDir)
    await ws.close()
    const expFile = path.join(tmp.dir, 'exp.json')
    writeFileSync(expFile, JSON.stringify(tinyExperiment({ training: { epochs: 12, batchSize: 32, patience: 0 } })))

    const first = await runCli(['run', expFile, '--workspace', wsDir, '--pool', '1', '--backend', 'wasm'], { killOnFirstJob: true })
    expect(first.signal).toBe('SIGKILL')
    const committedBefore = (first.stdout.match(/^✓ /gm) ?? []).length
    expect(committedBefore).toBeGreaterThanOrEqual(1)

    const second = await runCli(['run', expFile, '--workspace', wsDir, '--pool', '1', '--backend', 'wasm', '--json'])
    expect(second.code, second.stderr).toBe(0)
    const { outcome } = JSON.parse(second.stdout) as { outcome: { resumed: boolean; jobsTotal: number; jobsSkipped: number; jobsDone: number } }
    expect(outcome.resumed).toBe(true)
    expect(outcome.jobsTotal).toBe(6)
    expect(outcome.jobsSkipped).toBeGreaterThanOrEqual(committedBefore)
    expect(outcome.jobsDone).toBe(outcome.jobsTotal - outcome.jobsSkipped)

    const check = await openWorkspace(wsDir)
    try {
      const runs = await listRuns(check)
      expect(runs).toHaveLength(1)
      const jobs = await listJobs(check, runs[0]!.runId)
      expect(jobs).toHaveLength(6)
      expect(jobs.every((j) => j.status === 'done')).toBe(true)
    } finally {
      await check.close()
    }
  }, 300_000)
})
