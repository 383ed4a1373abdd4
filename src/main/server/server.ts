/**
 * Server mode: the built renderer over HTTP and the typed contract over a WebSocket at /ws, both
 * behind a random token, bound to loopback unless asked otherwise. See README.md beside this file.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import type { EventChannel, EventPayload } from '../../shared/ipc/contract'
import { TOKEN_PARAM, WS_PATH } from '../../shared/ipc/wire'
import { AppFailure } from '../../shared/result'
import { createBackgroundWorker } from '../services/background/host'
import { eventLoopDiagnostics, startEventLoopMonitor } from '../services/diagnostics'
import { cancelAllRuns } from '../services/runs/run-registry'
import type { ServiceContext } from '../services/service-api'
import { openWorkspace } from '../services/workspace'
import type { SpawnTrainer } from '../training/host/trainer-child'
import { contentSecurityPolicy, hostAllowed, isLoopbackHost, newToken, originAllowed, tokenMatches, urlHost } from './access'
import { backgroundTrainers, servingPoolSize } from './background-trainers'
import { bridgeSockets } from './socket-bridge'
import { defaultRendererDir, lookupStatic, readStatic, requireRendererDir } from './static-files'

export interface ServerOptions {
  /** Workspace folder (opened, and locked, for as long as the server runs). */
  workspaceDir: string
  /** TCP port; 0 (default) picks a free one. */
  port?: number
  /** Interface to bind; default 127.0.0.1. A non-loopback host needs `allowRemote`. */
  host?: string
  allowRemote?: boolean
  /** The built renderer; default `out/renderer` of this checkout (or $EQUIMODAL_RENDERER_DIR). */
  rendererDir?: string
  /** How trainer processes are started (default: child_process.fork); either way at background priority. */
  spawnTrainer?: SpawnTrainer
  /** Trainer processes of a run that does not ask for a number (default: cores − 1, at least 1). */
  poolSize?: number
  /** Where warnings go (default: stderr). */
  warn?: (line: string) => void
}

export interface RunningServer {
  /** The page URL, token included. */
  url: string
  port: number
  token: string
  /** Stops accepting, cancels the run in progress (committed jobs stay), closes sockets and the workspace. Idempotent. */
  close(): Promise<void>
}

/** Longest wait for a cancelled run to wind down before the workspace is closed anyway. */
const CANCEL_WAIT_MS = 30_000
const MAX_FRAME_BYTES = 8 * 1024 * 1024

/**
 * Starts server mode and resolves once it listens.
 * @throws AppFailure `VALIDATION` for a non-loopback host without `allowRemote`; `NOT_FOUND` when the
 *   renderer is not built; `WORKSPACE_BUSY` when another process holds the workspace; `CONFLICT` when
 *   the port is taken.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1'
  const allowRemote = opts.allowRemote ?? false
  const warn = opts.warn ?? ((line: string) => process.stderr.write(`${line}\n`))
  if (!isLoopbackHost(host) && !allowRemote)
    throw AppFailure.of(
      'VALIDATION',
      `Refusing to listen on "${host}": it is not a loopback address, so other machines could reach the server. ` +
        'Use an SSH tunnel to 127.0.0.1 instead, or pass --allow-remote if you really mean it.',
      { location: { field: 'host' } },
    )
  const rendererDir = requireRendererDir(opts.rendererDir ?? process.env['EQUIMODAL_RENDERER_DIR'] ?? defaultRendererDir())
  const token = newToken()
  const workspace = await openWorkspace(opts.workspaceDir)

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
  // File parsing (previews, imports) and PDF rendering run in a worker thread: the socket keeps answering meanwhile.
  const background = createBackgroundWorker()
  const ctx: ServiceContext = {
    workspaceDir: workspace.dir,
    workspace: async () => workspace,
    emit: <E extends EventChannel>(event: E, payload: EventPayload<E>) => sockets.broadcast(event, payload),
    spawnTrainer: backgroundTrainers(opts.spawnTrainer),
    defaultPoolSize: opts.poolSize ?? servingPoolSize(),
    background,
  }
  const sockets = bridgeSockets(wss, () => ctx)
  const http: HttpContext = { rendererDir, token, allowRemote, fallbackHost: urlHost(host) }
  const server = createServer((req, res) => {
    handleHttp(req, res, http).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end(`Internal error: ${e instanceof Error ? e.message : String(e)}\n`)
    })
  })
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = upgradeRefusal(req, token, allowRemote)
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      socket.destroy()
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })

  try {
    await listen(server, opts.port ?? 0, host)
  } catch (e) {
    await workspace.close()
    throw e
  }
  startEventLoopMonitor()
  eventLoopDiagnostics(true)
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 0)
  http.fallbackHost = `${urlHost(host)}:${port}`
  if (!isLoopbackHost(host))
    warn(`warning: listening on ${host}:${port}, not on loopback: anyone who has the URL (it contains the token) can read and change this workspace and run code on this machine through it.`)

  let closing: Promise<void> | undefined
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      const serverClosed = new Promise<void>((r) => server.close(() => r()))
      // Timers stay ref'd: in the CLI nothing else may keep the process alive while it shuts down.
      let timer: NodeJS.Timeout | undefined
      await Promise.race([cancelAllRuns(ctx), new Promise<void>((r) => (timer = setTimeout(r, CANCEL_WAIT_MS)))])
      clearTimeout(timer)
      for (const ws of wss.clients) ws.close(1001, 'The server is shutting down.')
      await new Promise<void>((r) => setTimeout(r, 50))
      for (const ws of wss.clients) ws.terminate()
      wss.close()
      server.closeAllConnections()
      await serverClosed
      await background.close()
      await workspace.close()
    })())
  return { url: `http://${urlHost(host)}:${port}/?${TOKEN_PARAM}=${token}`, port, token, close }
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void => {
      if (e.code === 'EADDRINUSE') reject(AppFailure.of('CONFLICT', `Port ${port} on ${host} is already in use: choose another with --port (0 picks a free one).`))
      else if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND')
        reject(AppFailure.of('VALIDATION', `Cannot listen on "${host}": no such address on this machine.`, { location: { field: 'host' } }))
      else reject(e)
    }
    server.once('error', onError)
    server.listen(port, host, () => {
      server.removeListener('error', onError)
      resolve()
    })
  })
}

const requestUrl = (req: IncomingMessage): URL | null => {
  try {
    return new URL(req.url ?? '/', 'http://server.invalid')
  } catch {
    return null
  }
}

/** Why a socket upgrade is refused (status line), or null to accept it. */
function upgradeRefusal(req: IncomingMessage, token: string, allowRemote: boolean): string | null {
  const url = requestUrl(req)
  if (!url || url.pathname !== WS_PATH) return '404 Not Found'
  if (!hostAllowed(req, allowRemote) || !originAllowed(req)) return '403 Forbidden'
  if (!tokenMatches(url.searchParams.get(TOKEN_PARAM), token)) return '401 Unauthorized'
  return null
}

interface HttpContext {
  rendererDir: string
  token: string
  allowRemote: boolean
  /** host:port for the CSP's ws origin when a request has no Host header. */
  fallbackHost: string
}

const BASE_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' }

function plain(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra })
  res.end(`${text}\n`)
}

/**
 * `/` and `/index.html` need the token; every other path is a public file of the built bundle
 * (no workspace data is ever served over HTTP: it travels only over the token-checked socket).
 */
async function handleHttp(req: IncomingMessage, res: ServerResponse, c: HttpContext): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed.', { Allow: 'GET, HEAD' })
  if (!hostAllowed(req, c.allowRemote)) return plain(res, 403, 'Forbidden: this server answers only requests addressed to a loopback name (127.0.0.1, localhost).')
  const url = requestUrl(req)
  if (!url) return plain(res, 400, 'Bad request.')
  if (url.pathname === WS_PATH) return plain(res, 426, 'This is the WebSocket endpoint.', { Upgrade: 'websocket' })
  const isPage = url.pathname === '/' || url.pathname === '/index.html'
  if (isPage && !tokenMatches(url.searchParams.get(TOKEN_PARAM), c.token))
    return plain(res, 401, 'Unauthorized: open the full URL that `equimodal serve` printed (it ends with ?token=…).')
  // Browsers ask for /favicon.ico on pages without an icon link (the 401 page): the bundled SVG answers.
  const file = isPage ? '/index.html' : url.pathname === '/favicon.ico' ? '/favicon.svg' : url.pathname
  const found = await lookupStatic(c.rendererDir, file)
  if (found.kind === 'bad-path') return plain(res, 400, 'Bad path.')
  if (found.kind === 'not-found') return plain(res, 404, 'Not found.')
  const body = await readStatic(found.file)
  const headers: Record<string, string | number> = {
    ...BASE_HEADERS,
    'Content-Type': found.contentType,
    'Content-Length': body.length,
    'Cache-Control': isPage ? 'no-store' : 'no-cache',
  }
  if (found.contentType.startsWith('text/html')) headers['Content-Security-Policy'] = contentSecurityPolicy(req, c.fallbackHost)
  res.writeHead(200, headers)
  res.end(req.method === 'HEAD' ? undefined : body)
}
