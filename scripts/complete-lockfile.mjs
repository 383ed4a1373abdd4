#!/usr/bin/env node
/**
 * Our development machines reach a registry mirror that serves only the linux-x64 builds of
 * packages with per-platform binaries (@duckdb/node-bindings-*, @unrs/resolver-binding-*, …).
 * npm then writes a package-lock.json without entries for the other platforms' optional
 * packages, and `npm ci` refuses that lock everywhere ("Missing: … from lock file").
 *
 * This script adds the missing optional entries (name, version, os/cpu/libc read from the package
 * name, no integrity: npm fetches and records the real package on a machine of that platform).
 * Run it after every `npm install` on such a machine: `node scripts/complete-lockfile.mjs`.
 */
import { readFileSync, writeFileSync } from 'node:fs'

const file = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(readFileSync(file, 'utf8'))
const packages = lock.packages

const osNames = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd']
const cpuNames = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x', 'wasm32', 'mips64el']

function platformOf(name) {
  const parts = name.split('/').pop().split('-')
  const os = parts.find((p) => osNames.includes(p))
  const cpu = parts.find((p) => cpuNames.includes(p)) ?? (parts.includes('arm') ? 'arm' : undefined)
  const libc = parts.some((p) => p.startsWith('musl')) ? 'musl' : parts.includes('gnu') || parts.includes('gnueabihf') ? 'glibc' : undefined
  return { os, cpu, libc }
}

let added = 0
for (const [where, entry] of Object.entries(packages)) {
  for (const [dep, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = where === '' ? 'node_modules' : `${where}/node_modules`
    const candidates = [`${base}/${dep}`, `node_modules/${dep}`]
    if (candidates.some((c) => packages[c])) continue
    const { os, cpu, libc } = platformOf(dep)
    if (!os && !cpu) continue // not a platform binary: leave it to npm
    const version = /^\d/.test(range) ? range.replace(/^[\^~=]/, '') : undefined
    if (!version) continue
    packages[`node_modules/${dep}`] = {
      version,
      optional: true,
      ...(os ? { os: [os] } : {}),
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(libc ? { libc: [libc] } : {}),
    }
    added++
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`)
console.log(`complete-lockfile: added ${added} platform-specific optional entries`)
