/**
 * Chooses and initialises the TensorFlow.js compute backend once per process:
 * tfjs-node-gpu (CUDA) → tfjs-node (native CPU) → wasm (SIMD, single thread) → cpu (pure JS).
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import * as tf from '@tensorflow/tfjs'
import type { Backend } from '../../../shared/experiment'
import { AppFailure } from '../../../shared/result'

/** The backend in use: tfjs's backend name and a human-readable description (device, SIMD…). */
export interface BackendInfo {
  name: string
  detail: string
}

type Concrete = Exclude<Backend, 'auto'>

/** A concrete backend's initialiser: the backend info, or a reason why it is unavailable. */
type Attempt = () => Promise<BackendInfo | { unavailable: string }>

const AUTO_ORDER: readonly Concrete[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']

function reasonOf(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e)
  const code = (e as { code?: unknown } | null)?.code
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return 'package not installed'
  return message.split('\n')[0] ?? message
}

/** tfjs-node(-gpu) registers the 'tensorflow' backend on import; the specifier stays a runtime import. */
async function nativeAttempt(pkg: string, gpu: boolean): Promise<BackendInfo | { unavailable: string }> {
  try {
    await import(/* @vite-ignore */ pkg)
  } catch (e) {
    return { unavailable: `${pkg}: ${reasonOf(e)}` }
  }
  if (!(await tf.setBackend('tensorflow'))) return { unavailable: `${pkg}: the 'tensorflow' backend failed to initialise` }
  await tf.ready()
  const native = tf.backend() as unknown as { isUsingGpuDevice?: boolean }
  if (gpu && native.isUsingGpuDevice === false) return { unavailable: `${pkg}: loaded, but TensorFlow sees no CUDA device` }
  return { name: 'tensorflow', detail: `${pkg} (${gpu ? 'CUDA GPU' : 'native CPU'}, TensorFlow ${tf.version.tfjs})` }
}

async function wasmAttempt(): Promise<BackendInfo | { unavailable: string }> {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm')
    // The .wasm binaries sit next to the package's main file (dist/); Node loads them from disk.
    const nodeRequire = createRequire(import.meta.url)
    const dist = path.dirname(nodeRequire.resolve('@tensorflow/tfjs-backend-wasm'))
    wasm.setWasmPaths(dist + path.sep)
    // Threads fail in Node (Emscripten's pthread pool uses blob: URLs); tfjs already reports no support there.
    if (!(await tf.setBackend('wasm'))) return { unavailable: '@tensorflow/tfjs-backend-wasm: the wasm backend failed to initialise' }
    await tf.ready()
    const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true
    return { name: 'wasm', detail: `WebAssembly${simd ? ' SIMD' : ' (no SIMD)'}, 1 thread` }
  } catch (e) {
    return { unavailable: `@tensorflow/tfjs-backend-wasm: ${reasonOf(e)}` }
  }
}

async function cpuAttempt(): Promise<BackendInfo | { unavailable: string }> {
  if (!(await tf.setBackend('cpu'))) return { unavailable: 'the cpu backend failed to initialise' }
  await tf.ready()
  // The cpu backend prints an "install tfjs-node" banner on its first write; we choose cpu knowingly.
  const cpu = tf.backend() as unknown as { firstUse?: boolean }
  if (typeof cpu.firstUse === 'boolean') cpu.firstUse = false
  return { name: 'cpu', detail: 'pure JavaScript (slow; install @tensorflow/tfjs-node or use wasm)' }
}

const ATTEMPTS: Record<Concrete, Attempt> = {
  'tensorflow-gpu': () => nativeAttempt('@tensorflow/tfjs-node-gpu', true),
  tensorflow: () => nativeAttempt('@tensorflow/tfjs-node', false),
  wasm: wasmAttempt,
  cpu: cpuAttempt,
}

async function select(preference: Backend): Promise<BackendInfo> {
  const order = preference === 'auto' ? AUTO_ORDER : [preference]
  const reasons: string[] = []
  for (const kind of order) {
    const result = await ATTEMPTS[kind]()
    if ('name' in result) return result
    reasons.push(result.unavailable)
  }
  throw AppFailure.of(
    'VALIDATION',
    preference === 'auto'
      ? `No TensorFlow.js backend could be initialised: ${reasons.join('; ')}`
      : `Backend "${preference}" is not available: ${reasons.join('; ')}. Choose another with --backend (auto, tensorflow-gpu, tensorflow, wasm, cpu).`,
    { location: { field: 'backend' }, details: reasons },
  )
}

let current: { preference: Backend; info: Promise<BackendInfo> } | undefined

/**
 * Initialises the backend for this process. Calling it again with the same preference returns the
 * same result without re-initialising; a different preference switches backend.
 *
 * @throws AppFailure('VALIDATION') when a forced backend (or, for 'auto', every backend) is unavailable
 * @example await initBackend('wasm') // → { name: 'wasm', detail: 'WebAssembly SIMD, 1 thread' }
 */
export function initBackend(preference: Backend): Promise<BackendInfo> {
  if (current?.preference === preference) return current.info
  const info = select(preference)
  const entry = { preference, info }
  current = entry
  // A failed attempt is not cached: a later call may try again (or try another backend).
  info.catch(() => {
    if (current === entry) current = undefined
  })
  return info
}
