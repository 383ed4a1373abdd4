import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

const nativeTf = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node', '@duckdb/node-api']

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          trainer: resolve(__dirname, 'src/main/training/worker/entry.ts'),
          'background-worker': resolve(__dirname, 'src/main/services/background/entry.ts'),
        },
        external: nativeTf,
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload must be one CommonJS file with no npm imports.
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    resolve: { alias: { '@renderer': resolve(__dirname, 'src/renderer/src'), '@shared': resolve(__dirname, 'src/shared') } },
    plugins: [vue()],
  },
})
