/**
 * `equimodal` command line. Every command calls the same service functions as the app; errors are
 * values with a code, printed as a message and mapped to an exit code.
 */
import { parseArgs } from 'node:util'
import { Backend } from '../../shared/experiment'
import { AppFailure } from '../../shared/result'
import { benchCommand } from './commands/bench'
import { datasetsCommand } from './commands/datasets'
import { demoCommand } from './commands/demo'
import { diagnosticsCommand } from './commands/diagnostics'
import { exportCommand } from './commands/export'
import { importCommand } from './commands/import'
import { methodsCommand } from './commands/methods'
import { reportCommand } from './commands/report'
import { resultsCommand } from './commands/results'
import { runCommand } from './commands/run'
import { serveCommand } from './commands/serve'
import { CliContext } from './context'
import { EXIT, exitCodeFor } from './exit-codes'
import { createPrinter } from './output'

const HELP = `equimodal — balanced, fairness-aware multimodal medical classification

Usage: equimodal <command> [options]

Commands:
  demo                      build the demo dataset, compare baseline / WCE / focal / undersampling,
                            write the PDF report (<workspace>/reports/) and print its path last
  import <spec.json>        import a dataset described by an import spec (CSV, MOGONET folder, join, Parquet)
  import --mogonet <folder> import a MOGONET-style folder (1_tr.csv … labels_te.csv)
  datasets                  list the datasets of the workspace
  methods                   list the registered training methods
  run <experiment.json>     run an experiment (resumes an interrupted run of the same config)
  results [run-id]          results table of a run (or the list of runs)
  diagnostics <run-id>      modality diagnostics per arm: each modality alone, Shapley shares, robustness, per group
  report <run-id>           PDF report of a run (--pdf <file>; default <workspace>/reports/<run-id>.pdf); prints its path
  export <run-id>           every number of a run into --out <dir>: metrics, epochs, predictions (CSV +
                            Parquet), comparison (CSV + LaTeX)
  bench                     benchmarks (import speed, training speed)
  serve                     the app in a browser: serves the UI and the service contract on 127.0.0.1
                            with a random token in the printed URL (open it, or tunnel it over SSH)

Options:
  --workspace <dir>   workspace folder (default: $EQUIMODAL_WORKSPACE, else the OS app-data folder)
  --backend <name>    auto | tensorflow-gpu | tensorflow | wasm | cpu (default auto)
  --pool <n>          trainer processes (default: number of cores, serve: cores − 1 at background
                      priority; 1 for a native GPU backend)
  --name <name>       dataset name for import
  --fresh             run: start a new run instead of resuming
  --json              machine-readable output
  --pdf <file>        report: where to write the PDF
  --out <dir>         export: folder for the files
  --port <n>          serve: TCP port (default 0 = a free port)
  --host <address>    serve: interface to bind (default 127.0.0.1)
  --allow-remote      serve: allow a non-loopback --host (anyone with the URL can use the workspace)
  --open              serve: open the URL in the default browser
  -h, --help          this help
`

type Command = (ctx: CliContext) => Promise<number>
const commands: Record<string, Command> = {
  demo: demoCommand,
  import: importCommand,
  datasets: datasetsCommand,
  methods: methodsCommand,
  run: runCommand,
  results: resultsCommand,
  diagnostics: diagnosticsCommand,
  report: reportCommand,
  export: exportCommand,
  bench: benchCommand,
  serve: serveCommand,
}

export async function main(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        workspace: { type: 'string' },
        backend: { type: 'string', default: 'auto' },
        pool: { type: 'string' },
        name: { type: 'string' },
        pdf: { type: 'string' },
        out: { type: 'string' },
        mogonet: { type: 'string' },
        fresh: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        port: { type: 'string' },
        host: { type: 'string' },
        'allow-remote': { type: 'boolean', default: false },
        open: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n\n${HELP}`)
    return EXIT.usage
  }
  const { values, positionals } = parsed
  const [name, ...rest] = positionals
  if (values.help || !name) {
    process.stdout.write(HELP)
    return values.help ? EXIT.ok : EXIT.usage
  }
  const command = commands[name]
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${HELP}`)
    return EXIT.usage
  }
  const backend = Backend.safeParse(values.backend)
  if (!backend.success) {
    process.stderr.write(`--backend must be one of ${Backend.options.join(', ')} (got "${values.backend}").\n`)
    return EXIT.usage
  }
  const pool = values.pool === undefined ? undefined : Number(values.pool)
  if (pool !== undefined && !(Number.isInteger(pool) && pool >= 1)) {
    process.stderr.write(`--pool must be a positive integer (got "${values.pool}").\n`)
    return EXIT.usage
  }
  const out = createPrinter(values.json)
  let ctx: CliContext | undefined
  try {
    ctx = new CliContext(
      {
        workspace: values.workspace,
        json: values.json,
        backend: backend.data,
        fresh: values.fresh,
        name: values.name,
        pool,
        pdf: values.pdf,
        out: values.out,
        mogonet: values.mogonet,
        port: values.port,
        host: values.host,
        allowRemote: values['allow-remote'],
        open: values.open,
      },
      out,
      rest,
    )
    return await command(ctx)
  } catch (e) {
    if (e instanceof AppFailure) {
      const where = e.error.location
      const loc = where ? [where.file, where.row !== undefined ? `row ${where.row}` : '', where.column ? `column ${where.column}` : ''].filter(Boolean).join(', ') : ''
      if (values.json) process.stdout.write(`${JSON.stringify({ ok: false, error: e.error }, null, 2)}\n`)
      else process.stderr.write(`error [${e.error.code}]: ${e.error.message}${loc && !e.error.message.includes(where?.file ?? '\u0000') ? ` (${loc})` : ''}\n`)
      return exitCodeFor(e.error.code)
    }
    process.stderr.write(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    return EXIT.internal
  } finally {
    await ctx?.close()
  }
}
