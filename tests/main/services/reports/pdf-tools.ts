/** poppler-utils helpers for the report tests: text of a PDF, its fonts, and a page as grey pixels. */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'

/** The PDF's text with every run of whitespace collapsed to one space (so wrapped lines still match). */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
}

export function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN)
}

/** `pdffonts` rows: font name and whether it is embedded. */
export function pdfFonts(file: string): { name: string; embedded: boolean }[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2)
  return lines.map((l) => {
    const cols = l.trim().split(/\s+/)
    // name type… encoding emb sub uni id gen: emb is the 5th column from the end.
    return { name: cols[0] ?? '', embedded: cols[cols.length - 5] === 'yes' }
  })
}

export interface GreyImage {
  width: number
  height: number
  /** 0 = black … 255 = white, row-major. */
  pixels: Uint8Array
}

/** Renders one page at `dpi` to a binary PGM (pdftoppm -gray) and decodes it. */
export function renderPageGrey(file: string, page: number, dpi: number, outDir: string): GreyImage {
  const prefix = path.join(outDir, `page-${page}`)
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), '-singlefile', file, prefix])
  return parsePgm(readFileSync(`${prefix}.pgm`))
}

/** Decodes a binary (P5) PGM with maxval < 256. */
export function parsePgm(buf: Buffer): GreyImage {
  let pos = 0
  const token = (): string => {
    while (pos < buf.length) {
      const ch = buf[pos]!
      if (ch === 0x23) while (pos < buf.length && buf[pos] !== 0x0a) pos++ // comment
      else if (ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09) pos++
      else break
    }
    const start = pos
    while (pos < buf.length && ![0x20, 0x0a, 0x0d, 0x09].includes(buf[pos]!)) pos++
    return buf.subarray(start, pos).toString('ascii')
  }
  if (token() !== 'P5') throw new Error('not a binary PGM')
  const width = Number(token())
  const height = Number(token())
  const max = Number(token())
  if (!(max < 256)) throw new Error(`PGM maxval ${max} not supported`)
  pos++ // the single whitespace after maxval
  return { width, height, pixels: buf.subarray(pos, pos + width * height) }
}

/** Share of pixels darker than `threshold`. */
export function inkShare(img: GreyImage, threshold = 200): number {
  let dark = 0
  for (const p of img.pixels) if (p < threshold) dark++
  return dark / Math.max(1, img.pixels.length)
}
