/** The dependency directions of style.md §6.1 are enforced by eslint.config.js: violating snippets fail, compliant ones pass. */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
let eslint: ESLint

/** Lints `code` as if it lived at `file` (nothing is written) and returns the rule ids reported, in order. */
async function rulesFiredAt(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  if (!result) throw new Error('ESLint returned no result')
  return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`)
}

beforeAll(() => {
  eslint = new ESLint({ cwd: root })
})

describe('dependency-direction lint rules', () => {
  const violations: { name: string; file: string; code: string; rule: string }[] = [
    {
      name: 'engine imports electron',
      file: 'src/main/training/engine/probe.ts',
      code: "import { app } from 'electron'\nexport const probe = app\n",
      rule: 'no-restricted-imports',
    },
    {
      name: 'engine imports node:fs',
      file: 'src/main/training/engine/probe.ts',
      code: "import { readFileSync } from 'node:fs'\nexport const probe = readFileSync\n",
      rule: 'no-restricted-imports',
    },
    {
      name: 'engine imports a method',
      file: 'src/main/training/engine/probe.ts',
      code: "import { probe as m } from '../methods/focal-loss/index'\nexport const probe = m\n",
      rule: 'import-x/no-restricted-paths',
    },
    {
      name: 'engine imports a service',
      file: 'src/main/training/engine/probe.ts',
      code: "import { probe as s } from '../../services/demo'\nexport const probe = s\n",
      rule: 'import-x/no-restricted-paths',
    },
    {
      name: 'renderer imports main code',
      file: 'src/renderer/src/stores/probe.ts',
      code: "import { x } from '../../../main/x'\nexport const probe = x\n",
      rule: 'import-x/no-restricted-paths',
    },
    {
      name: 'renderer imports electron',
      file: 'src/renderer/src/stores/probe.ts',
      code: "import { ipcRenderer } from 'electron'\nexport const probe = ipcRenderer\n",
      rule: 'no-restricted-imports',
    },
    {
      name: 'method imports a sibling method',
      file: 'src/main/training/methods/focal-loss/index.ts',
      code: "import { weights } from '../weighted-ce/weights'\nexport const probe = weights\n",
      rule: 'equimodal/no-cross-method-imports',
    },
    {
      name: 'method imports the method registry',
      file: 'src/main/training/methods/focal-loss/index.ts',
      code: "import { loadMethodRegistry } from '../index'\nexport const probe = loadMethodRegistry\n",
      rule: 'equimodal/no-cross-method-imports',
    },
    {
      name: 'method imports electron',
      file: 'src/main/training/methods/focal-loss/index.ts',
      code: "import { app } from 'electron'\nexport const probe = app\n",
      rule: 'no-restricted-imports',
    },
    {
      name: 'shared imports main code',
      file: 'src/shared/probe.ts',
      code: "import type { Workspace } from '../main/services/workspace'\nexport type Probe = Workspace\n",
      rule: 'import-x/no-restricted-paths',
    },
    {
      name: 'shared imports vue',
      file: 'src/shared/probe.ts',
      code: "import { ref } from 'vue'\nexport const probe = ref\n",
      rule: 'no-restricted-imports',
    },
    {
      name: 'shared imports tfjs',
      file: 'src/shared/probe.ts',
      code: "import * as tf from '@tensorflow/tfjs'\nexport const probe = tf\n",
      rule: 'no-restricted-imports',
    },
    {
      name: 'preload imports a package other than electron',
      file: 'src/preload/probe.ts',
      code: "import { z } from 'zod'\nexport const probe = z\n",
      rule: 'no-restricted-imports',
    },
    {
      name: 'preload imports shared code outside shared/ipc',
      file: 'src/preload/probe.ts',
      code: "import { ok } from '../shared/result'\nexport const probe = ok\n",
      rule: 'import-x/no-restricted-paths',
    },
    {
      name: 'service imports ipc',
      file: 'src/main/services/probe.ts',
      code: "import { registerHandler } from '../ipc/register'\nexport const probe = registerHandler\n",
      rule: 'import-x/no-restricted-paths',
    },
    {
      name: 'service imports electron',
      file: 'src/main/services/probe.ts',
      code: "import { app } from 'electron'\nexport const probe = app\n",
      rule: 'no-restricted-imports',
    },
    {
      name: 'protocol imports fs',
      file: 'src/main/protocol/probe.ts',
      code: "import { readFile } from 'fs/promises'\nexport const probe = readFile\n",
      rule: 'no-restricted-imports',
    },
  ]

  it.each(violations)('flags: $name', async ({ file, code, rule }) => {
    expect(await rulesFiredAt(file, code)).toContain(rule)
  })

  const compliant: { name: string; file: string; code: string }[] = [
    {
      name: 'engine using tfjs, shared types, an index with `!` and a `_` unused argument',
      file: 'src/main/training/engine/probe.ts',
      code: [
        "import * as tf from '@tensorflow/tfjs'",
        "import type { Result } from '../../../shared/result'",
        "import type { MethodInstance } from './method'",
        'export function first(_step: number, xs: number[]): number {',
        '  return xs[0]! + tf.version_core.length',
        '}',
        'export type Probe = Result<MethodInstance>',
        '',
      ].join('\n'),
    },
    {
      name: 'method importing its own files and engine types',
      file: 'src/main/training/methods/focal-loss/index.ts',
      code: "import type { MethodDefinition } from '../../engine/method'\nimport { gamma } from './focal'\nexport const probe: [MethodDefinition | undefined, number] = [undefined, gamma]\n",
    },
    {
      name: 'preload importing electron and shared/ipc',
      file: 'src/preload/probe.ts',
      code: "import { ipcRenderer } from 'electron'\nimport { isInvokeChannel } from '../shared/ipc/channels'\nexport const probe = [ipcRenderer, isInvokeChannel]\n",
    },
    {
      name: 'renderer importing @shared and its own folders',
      file: 'src/renderer/src/stores/probe.ts',
      code: "import type { AppInfo } from '@shared/ipc/contract'\nimport { ref } from 'vue'\nimport { useAppStore } from './app'\nexport const probe = [ref<AppInfo | null>(null), useAppStore]\n",
    },
    {
      name: 'the PDF export service using a BrowserWindow',
      file: 'src/main/services/reports/pdf-export.ts',
      code: "import { BrowserWindow } from 'electron'\nexport const probe = BrowserWindow\n",
    },
  ]

  it.each(compliant)('passes: $name', async ({ file, code }) => {
    expect(await rulesFiredAt(file, code)).toEqual([])
  })
})
