/** Terminal output: aligned tables, mean ± std cells, and a one-line progress bar on a TTY. */

export interface Printer {
  json: boolean
  line(text?: string): void
  /** Writes `value` as JSON when --json is set, else calls `human`. */
  result(value: unknown, human: () => void): void
}

export function createPrinter(json: boolean, out: NodeJS.WriteStream = process.stdout): Printer {
  return {
    json,
    line: (text = '') => {
      if (!json) out.write(`${text}\n`)
    },
    result: (value, human) => {
      if (json) out.write(`${JSON.stringify(value, null, 2)}\n`)
      else human()
    },
  }
}

export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const numeric = (c: string): boolean => /^[-+]?[\d.]+( ±.*)?$|^—$/.test(c)
  const fmt = (cells: string[]) => cells.map((c, i) => (i > 0 && numeric(c) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ')
  return [fmt(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n')
}

/** "81.5 ± 2.1" in percent, or "—" when there is no value. */
export function pct(m: { mean: number; std: number; n: number }): string {
  if (m.n === 0 || !Number.isFinite(m.mean)) return '—'
  return `${(m.mean * 100).toFixed(1)} ± ${(m.std * 100).toFixed(1)}`
}

export function plain(m: { mean: number; std: number; n: number }, digits = 3): string {
  if (m.n === 0 || !Number.isFinite(m.mean)) return '—'
  return `${m.mean.toFixed(digits)} ± ${m.std.toFixed(digits)}`
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000)
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
}

/** Progress bar redrawn in place on a TTY; on a pipe it prints nothing (callers log lines instead). */
export class ProgressBar {
  private last = ''
  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}
  get enabled(): boolean {
    return Boolean(this.stream.isTTY)
  }
  draw(fraction: number, text: string): void {
    if (!this.enabled) return
    const width = 28
    const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width)
    const bar = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${text}`
    const cols = this.stream.columns ?? 100
    const line = bar.slice(0, cols - 1)
    if (line === this.last) return
    this.last = line
    this.stream.write(`\r\x1b[2K${line}`)
  }
  /** Clears the bar so a normal line can be printed, then the next draw() restores it. */
  clear(): void {
    if (!this.enabled || !this.last) return
    this.stream.write('\r\x1b[2K')
    this.last = ''
  }
}
