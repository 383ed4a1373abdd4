/**
 * `equimodal serve`: the app in a browser (server mode). Prints the page URL with its token as the
 * last line on stdout and serves until SIGINT/SIGTERM; then the run in progress is interrupted
 * (committed jobs stay) and the workspace closed.
 */
import { spawn } from 'node:child_process'
import { startServer } from '../../server/server'
import type { CliContext } from '../context'
import { EXIT } from '../exit-codes'

/** The line the e2e tests and scripts look for (the last line on stdout). */
export const SERVING_PREFIX = 'Equimodal is serving '

function parsePort(value: string | undefined): number | null {
  if (value === undefined) return 0
  const port = Number(value)
  return /^\d+$/.test(value) && port <= 65535 ? port : null
}

/** Opens `url` in the default browser; a failure is only reported. */
function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]]
  try {
    const child = spawn(cmd, args as string[], { detached: true, stdio: 'ignore' })
    child.on('error', (e) => process.stderr.write(`Could not open a browser (${e.message}); open the URL yourself.\n`))
    child.unref()
  } catch (e) {
    process.stderr.write(`Could not open a browser (${e instanceof Error ? e.message : String(e)}); open the URL yourself.\n`)
  }
}

const untilSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.removeListener('SIGINT', on)
      process.removeListener('SIGTERM', on)
      resolve(signal)
    }
    process.on('SIGINT', on)
    process.on('SIGTERM', on)
  })

export async function serveCommand(ctx: CliContext): Promise<number> {
  const port = parsePort(ctx.flags.port)
  if (port === null) {
    process.stderr.write(`--port must be an integer from 0 to 65535 (got "${ctx.flags.port}"); 0 picks a free port.\n`)
    return EXIT.usage
  }
  const server = await startServer({ workspaceDir: ctx.workspaceDir, port, host: ctx.flags.host, allowRemote: ctx.flags.allowRemote, poolSize: ctx.flags.pool })
  const stopped = untilSignal()
  process.stdout.write(`Workspace: ${ctx.workspaceDir}\nPress Ctrl-C to stop (a run in progress is interrupted; its committed jobs stay).\n`)
  process.stdout.write(`${SERVING_PREFIX}${server.url}\n`)
  if (ctx.flags.open) openInBrowser(server.url)
  const signal = await stopped
  process.stderr.write(`${signal}: stopping the server…\n`)
  await server.close()
  return EXIT.ok
}
