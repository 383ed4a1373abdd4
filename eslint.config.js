/** ESLint flat config: typescript-eslint + eslint-plugin-vue recommended, plus the dependency directions of style.md §6.1. */
import { builtinModules } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'eslint/config'
import importX from 'eslint-plugin-import-x'
import pluginVue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'
import vueParser from 'vue-eslint-parser'
import { createNoCrossMethodImports } from './tools/eslint/no-cross-method-imports.js'
import { createPathResolver } from './tools/eslint/path-resolver.js'

const root = path.dirname(fileURLToPath(import.meta.url))

// --- package restrictions (no-restricted-imports), one set per folder; the folders do not overlap ---
const electron = { name: 'electron', message: 'Electron belongs in src/main/index.ts, main/app and main/ipc only.' }
const fsNames = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises']
const fs = fsNames.map((name) => ({ name, message: 'No file system here: data arrives as arrays; services do the I/O.' }))
const noNodeInShared = 'src/shared is also bundled into the renderer: no Node built-ins.'
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message: noNodeInShared }))
const restrict = (paths, patterns = []) => ['error', { paths, patterns }]

const packageRules = [
  {
    files: ['src/shared/**'],
    rule: restrict(
      [electron, ...nodeBuiltins],
      [
        { regex: '^node:', message: noNodeInShared },
        { regex: '^(@tensorflow/|vue$|pinia$|echarts($|/))', message: 'src/shared holds pure types, constants and zod schemas.' },
      ],
    ),
  },
  { files: ['src/renderer/**'], rule: restrict([{ ...electron, message: 'The renderer talks to main only through window.equimodal.' }]) },
  {
    files: ['src/preload/**'],
    rule: restrict([], [{ regex: '^(?!electron$)(?!\\.{1,2}/)', message: 'The sandboxed preload imports only electron and src/shared/ipc.' }]),
  },
  { files: ['src/main/training/engine/**'], rule: restrict([electron, ...fs]) },
  { files: ['src/main/training/methods/**', 'src/main/training/worker/**'], rule: restrict([electron]) },
  { files: ['src/main/services/**'], rule: restrict([electron]) },
  { files: ['src/main/protocol/**', 'src/main/evaluation/**', 'src/main/data/**', 'src/main/statistics/**'], rule: restrict([electron, ...fs]) },
].map(({ files, rule }) => ({ files, rules: { 'no-restricted-imports': rule } }))

// --- path restrictions between our own folders (import-x/no-restricted-paths) ---
const zones = [
  { target: './src/shared', from: ['./src/main', './src/preload', './src/renderer'], message: 'src/shared imports nothing from main, preload or renderer.' },
  { target: './src/renderer', from: ['./src/main', './src/preload'], message: 'The renderer never imports main code; use @shared and window.equimodal.' },
  { target: './src/preload', from: ['./src/main', './src/renderer'], message: 'The preload imports only electron and src/shared/ipc.' },
  { target: './src/preload', from: './src/shared', except: ['./ipc'], message: 'The preload imports only electron and src/shared/ipc.' },
  {
    target: './src/main/training/engine',
    from: ['./src/main/training/methods', './src/main/services', './src/main/ipc', './src/main/app'],
    message: 'The engine knows methods only through the MethodInstance interface and never reaches services or Electron glue.',
  },
  { target: './src/main/training/methods', from: ['./src/main/services', './src/main/ipc', './src/main/app'], message: 'Methods use engine/ and shared only.' },
  { target: './src/main/services', from: ['./src/main/ipc', './src/main/app'], message: 'Services are called by ipc/CLI, never the other way round.' },
  {
    target: './src/main/statistics',
    from: ['./src/main/services', './src/main/ipc', './src/main/app', './src/main/training', './src/main/server', './src/main/cli'],
    message: 'Statistics are plain functions over numbers (src/main/statistics/README.md): they import src/shared and ../util only.',
  },
]

export default defineConfig(
  { ignores: ['out/', 'dist/', 'node_modules/', 'coverage/', 'test-artifacts/'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // With noUncheckedIndexedAccess, `!` after a checked index is ordinary numeric code.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,vue}'],
    plugins: {
      'import-x': importX,
      equimodal: { rules: { 'no-cross-method-imports': createNoCrossMethodImports(path.join(root, 'src/main/training/methods')) } },
    },
    settings: { 'import-x/resolver-next': [createPathResolver(root)] },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones }],
      'equimodal/no-cross-method-imports': 'error',
    },
  },
  ...packageRules,
  // The PDF export needs a hidden BrowserWindow (style.md §6.1): the one service allowed to import electron.
  { files: ['src/main/services/reports/pdf-export.ts'], rules: { 'no-restricted-imports': 'off' } },
)
