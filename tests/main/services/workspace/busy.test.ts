/**
 * A workspace is held by one process at a time: a second process gets WORKSPACE_BUSY naming the
 * holder's pid, in both directions, and the workspace opens again once the holder closed it.
 */
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AppFailure } from '../../../../src/shared/result'
import { openWorkspace } from '../../../../src/main/services/workspace'
import { tempDir } from '../../../helpers/temp-workspace'
import { startChild, type Child } from './fixtures/child'

describe('busy workspace across processes', () => {
  const tmp = tempDir()
  const children: Child[] = []
  afterAll(() => {
    for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL')
    tmp.cleanup()
  })

  it('refuses a second process while this one holds the workspace, naming our pid', async () => {
    const dir = path.join(tmp.dir, 'held-here')
    const ws = await openWorkspace(dir)
    try {
      const child = startChild('try', dir)
      children.push(child)
      const reply = await child.next()
      expect(reply.code).toBe('WORKSPACE_BUSY')
      expect(reply.message).toContain(`The workspace ${dir} is in use by another Equimodal process (pid ${process.pid}`)
      expect(reply.message).toContain('--workspace')
      expect(await child.exited).toBe(1)
    } finally {
      await ws.close()
    }
    const after = startChild('try', dir)
    children.push(after)
    expect(await after.next()).toEqual({ ok: true })
  })

  it('refuses this process while another holds it, and opens once the other closed it', async () => {
    const dir = path.join(tmp.dir, 'held-there')
    const holder = startChild('hold', dir)
    children.push(holder)
    const { ready } = await holder.next()
    expect(ready).toBe(holder.proc.pid)

    const err = await openWorkspace(dir).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(AppFailure)
    const failure = err as AppFailure
    expect(failure.error.code).toBe('WORKSPACE_BUSY')
    expect(failure.message).toMatch(new RegExp(`in use by another Equimodal process \\(pid ${holder.proc.pid}\\b`))
    expect(failure.error.details?.[0]).toMatch(/lock/i)

    holder.proc.stdin.write('close\n')
    expect(await holder.next()).toEqual({ closed: true })
    expect(await holder.exited).toBe(0)
    const ws = await openWorkspace(dir)
    await ws.close()
  })

  it('refuses a second open of the same workspace inside one process', async () => {
    const dir = path.join(tmp.dir, 'twice')
    const ws = await openWorkspace(dir)
    try {
      await expect(openWorkspace(path.join(dir, '.', ''))).rejects.toMatchObject({ error: { code: 'WORKSPACE_BUSY' } })
    } finally {
      await ws.close()
    }
    await (await openWorkspace(dir)).close()
  })

  it('lets only one of two concurrent opens in one process through', async () => {
    const dir = path.join(tmp.dir, 'race')
    const results = await Promise.allSettled([openWorkspace(dir), openWorkspace(dir)])
    const opened = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as AppFailure] : []))
    expect(opened).toHaveLength(1)
    expect(refused.map((e) => e.error.code)).toEqual(['WORKSPACE_BUSY'])
    await opened[0]!.close()
  })
})
