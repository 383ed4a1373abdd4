/** Backend selection: forced backends, the auto fallback chain, idempotence, a clear error for a missing package. */
import { createRequire } from 'node:module'
import * as tf from '@tensorflow/tfjs'
import { describe, expect, it, vi } from 'vitest'
import { AppFailure } from '../../../../src/shared/result'
import { initBackend } from '../../../../src/main/training/engine/backend'

const nodeRequire = createRequire(import.meta.url)
const installed = (pkg: string): boolean => {
  try {
    nodeRequire.resolve(pkg)
    return true
  } catch {
    return false
  }
}

describe('initBackend', () => {
  it('selects cpu without printing the "install tfjs-node" banner', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const info = await initBackend('cpu')
    tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)).dataSync())
    expect(info.name).toBe('cpu')
    expect(tf.getBackend()).toBe('cpu')
    expect(warn.mock.calls.flat().join(' ')).not.toMatch(/speed things up/)
    warn.mockRestore()
  })

  it('is idempotent for the same preference and switches for another', async () => {
    const a = initBackend('wasm')
    expect(initBackend('wasm')).toBe(a)
    const info = await a
    expect(info).toEqual({ name: 'wasm', detail: expect.stringMatching(/^WebAssembly( SIMD| \(no SIMD\)), 1 thread$/) })
    expect(tf.getBackend()).toBe('wasm')
    expect(tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()[0])).toBe(11)
    expect((await initBackend('cpu')).name).toBe('cpu')
    expect(tf.getBackend()).toBe('cpu')
  })

  it('refuses a forced native backend that is not installed, with a message naming the package', async () => {
    if (installed('@tensorflow/tfjs-node')) {
      expect((await initBackend('tensorflow')).name).toBe('tensorflow')
      return
    }
    const err = await initBackend('tensorflow').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppFailure)
    expect((err as AppFailure).error.code).toBe('VALIDATION')
    expect((err as AppFailure).message).toMatch(/Backend "tensorflow" is not available: @tensorflow\/tfjs-node: package not installed/)
  })

  it('auto falls through the unavailable native packages to the first backend that works', async () => {
    const expected = installed('@tensorflow/tfjs-node-gpu') || installed('@tensorflow/tfjs-node') ? 'tensorflow' : 'wasm'
    expect((await initBackend('auto')).name).toBe(expected)
    expect(tf.getBackend()).toBe(expected)
  })
})
