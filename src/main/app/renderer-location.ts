/** Where the renderer page lives (Vite dev server or the built file) and which URLs count as the app's own. */
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export type RendererLocation =
  | { kind: 'dev'; url: string }
  | { kind: 'file'; indexHtml: string }

/** `mainDir` is the folder of the bundled main entry (`out/main`); the built page is `out/renderer/index.html`. */
export function resolveRendererLocation(env: NodeJS.ProcessEnv, mainDir: string): RendererLocation {
  const devUrl = env['ELECTRON_RENDERER_URL']
  if (devUrl) return { kind: 'dev', url: devUrl }
  return { kind: 'file', indexHtml: path.join(mainDir, '../renderer/index.html') }
}

/** True for the dev server's origin, or for a file inside the built renderer folder. */
export function isAppUrl(url: string, location: RendererLocation): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (location.kind === 'dev') return parsed.origin === new URL(location.url).origin
  if (parsed.protocol !== 'file:') return false
  const relative = path.relative(path.dirname(location.indexHtml), fileURLToPath(parsed))
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
}
