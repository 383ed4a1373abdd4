/** Renderer-side declaration of the preload bridge; absent when the UI runs in a plain browser (server mode). */
import type { EquimodalBridge } from '../shared/ipc/bridge'

declare global {
  interface Window {
    equimodal?: EquimodalBridge
  }
}

export {}
