/** What a run records about the machine and software, so it can be reproduced. */
import os from 'node:os'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const nodeRequire = createRequire(import.meta.url)

function versionOf(pkg: string): string | null {
  try {
    return (nodeRequire(`${pkg}/package.json`) as { version: string }).version
  } catch {
    return null
  }
}

function appVersion(): string | null {
  try {
    const file = new URL('../../../../package.json', import.meta.url)
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
  } catch {
    return null
  }
}

export interface RunEnvironment {
  equimodal: string | null
  node: string
  tfjs: string | null
  platform: string
  cpu: string
  cores: number
  memoryGiB: number
}

export function captureEnvironment(): RunEnvironment {
  return {
    equimodal: appVersion(),
    node: process.version,
    tfjs: versionOf('@tensorflow/tfjs'),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  }
}
