/**
 * The built renderer (`out/renderer`) as static files: content types, no directory listing, no
 * dotfiles, and no way out of the folder (encoded separators, `..`, symlinks).
 */
import { existsSync } from 'node:fs'
import { readFile, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { AppFailure } from '../../shared/result'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
}

export const contentTypeOf = (file: string): string => CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'

/** `out/renderer` of this checkout (this file is src/main/server/static-files.ts). */
export const defaultRendererDir = (): string => path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../out/renderer')

/**
 * The absolute, real path of a built renderer folder.
 * @throws AppFailure `NOT_FOUND` telling to build it when `index.html` is missing.
 */
export function requireRendererDir(dir: string): string {
  const abs = path.resolve(dir)
  if (!existsSync(path.join(abs, 'index.html')))
    throw AppFailure.of(
      'NOT_FOUND',
      `The built user interface is missing (${path.join(abs, 'index.html')}): run \`npm run build\` (or \`npx electron-vite build\`) first, then start \`equimodal serve\` again.`,
      { location: { file: abs } },
    )
  return abs
}

export type StaticLookup = { kind: 'file'; file: string; contentType: string } | { kind: 'bad-path' } | { kind: 'not-found' }

/**
 * Maps a URL path to a file inside `root` (a real path). A segment that decodes to `..`, `.`, or
 * contains a separator or NUL is a bad path; dotfiles, folders and anything whose real path leaves
 * `root` are not found.
 */
export async function lookupStatic(root: string, pathname: string): Promise<StaticLookup> {
  const segments: string[] = []
  for (const raw of pathname.split('/')) {
    if (raw === '') continue
    let seg: string
    try {
      seg = decodeURIComponent(raw)
    } catch {
      return { kind: 'bad-path' }
    }
    if (seg === '.' || seg === '..' || /[/\\\0]/.test(seg)) return { kind: 'bad-path' }
    if (seg.startsWith('.')) return { kind: 'not-found' }
    segments.push(seg)
  }
  if (segments.length === 0) return { kind: 'not-found' }
  const candidate = path.resolve(root, ...segments)
  if (!isInside(root, candidate)) return { kind: 'bad-path' }
  try {
    const real = await realpath(candidate)
    if (!isInside(root, real) || !(await stat(real)).isFile()) return { kind: 'not-found' }
    return { kind: 'file', file: real, contentType: contentTypeOf(real) }
  } catch {
    return { kind: 'not-found' }
  }
}

const isInside = (root: string, file: string): boolean => {
  const rel = path.relative(root, file)
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)
}

export const readStatic = (file: string): Promise<Buffer> => readFile(file)
