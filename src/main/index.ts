/** Electron entry: app lifecycle only (single instance, ready, activate, quit); the pieces live in app/ and ipc/. */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, Menu } from 'electron'
import { buildAppMenu } from './app/menu'
import { isAppUrl, resolveRendererLocation } from './app/renderer-location'
import { installSecurity } from './app/security'
import { createMainWindow } from './app/window'
import { registerAppHandlers } from './ipc/handlers/app'
import { registerServiceHandlers } from './ipc/handlers/services'
import { utilityTrainerSpawner } from './app/utility-trainer'
import { createBackgroundWorker } from './services/background/host'
import { openWorkspace, resolveWorkspaceDir, type Workspace } from './services/workspace'
import type { ServiceContext } from './services/service-api'
import { trustSenders } from './ipc/register'

const mainDir = path.dirname(fileURLToPath(import.meta.url))
const renderer = resolveRendererLocation(process.env, mainDir)
const preload = path.join(mainDir, '../preload/index.cjs')
const isOwnUrl = (url: string): boolean => isAppUrl(url, renderer)

let workspace: Promise<Workspace> | undefined
let backend: string | null = null
const services: ServiceContext = {
  workspaceDir: resolveWorkspaceDir({ env: process.env }),
  workspace: () => (workspace ??= openWorkspace(services.workspaceDir)),
  emit: (event, payload) => {
    if (event === 'runs:backend') backend = (payload as { backend: string }).backend
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(event, payload)
  },
  spawnTrainer: utilityTrainerSpawner(mainDir),
  // File parsing (previews, imports) and PDF rendering run in a worker thread, never in the main process.
  background: createBackgroundWorker(path.join(mainDir, 'background-worker.js')),
}

function openWindow(): BrowserWindow {
  return createMainWindow({ preload, renderer })
}

function focusExistingWindow(): void {
  const win = BrowserWindow.getAllWindows()[0]
  if (!win) return
  if (win.isMinimized()) win.restore()
  win.focus()
}

async function start(): Promise<void> {
  await app.whenReady()
  Menu.setApplicationMenu(buildAppMenu({ dev: renderer.kind === 'dev' }))
  trustSenders(isOwnUrl)
  registerAppHandlers(() => ({ version: app.getVersion(), backend, workspace: services.workspaceDir }))
  registerServiceHandlers(services)
  openWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow()
  })
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  installSecurity(isOwnUrl)
  app.on('second-instance', focusExistingWindow)
  app.on('will-quit', () => {
    void workspace?.then((ws) => ws.close())
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  start().catch((e: unknown) => {
    console.error('[main] startup failed:', e)
    app.exit(1)
  })
}
