#!/usr/bin/env node
// Entry of the `equimodal` command: runs the TypeScript CLI through tsx (no build step needed).
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/main/cli/index.ts')
const code = await main(process.argv.slice(2))
process.exitCode = code
// Let stdout drain; exit even if a stray handle would keep the process alive.
setTimeout(() => process.exit(code), 1000).unref()
