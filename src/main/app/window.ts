/** Creates the one main window with secure webPreferences and loads the renderer page. */
import { BrowserWindow } from 'electron'
import type { RendererLocation } from './renderer-location'

export interface MainWindowOptions {
  /** Absolute path of the bundled CommonJS preload (`out/preload/index.cjs`). */
  preload: string
  renderer: RendererLocation
}

export function createMainWindow({ preload, renderer }: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Equimodal',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  const loading = renderer.kind === 'dev' ? win.loadURL(renderer.url) : win.loadFile(renderer.indexHtml)
  loading.catch((e: unknown) => console.error('[window] failed to load the renderer:', e))
  return win
}
