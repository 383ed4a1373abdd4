/** Page geometry, text styles and the table/chart building blocks every report section uses. */
import type { ChartSvg } from './charts/render-svg'
import type { Content, ContentNode } from './pdf'

/** A4 portrait, 40 pt side margins: 515 pt of content width. */
export const PAGE_MARGINS: [number, number, number, number] = [40, 48, 40, 48]
export const CONTENT_WIDTH = 515

export const STYLES: Record<string, ContentNode> = {
  title: { fontSize: 20, bold: true, color: '#102a43', margin: [0, 0, 0, 4] },
  subtitle: { fontSize: 10, color: '#52606d', margin: [0, 0, 0, 12] },
  h1: { fontSize: 14, bold: true, color: '#102a43', margin: [0, 14, 0, 6] },
  h2: { fontSize: 11, bold: true, color: '#243b53', margin: [0, 10, 0, 4] },
  body: { fontSize: 9, color: '#1f2933', lineHeight: 1.2 },
  note: { fontSize: 8, color: '#52606d', italics: true, margin: [0, 3, 0, 6] },
  th: { fontSize: 8, bold: true, color: '#102a43', fillColor: '#e8eef4' },
  td: { fontSize: 8, color: '#1f2933' },
  small: { fontSize: 7, color: '#334e68' },
  box: { fontSize: 9, color: '#102a43' },
}

export const DEFAULT_STYLE: ContentNode = { font: 'Roboto', fontSize: 9, color: '#1f2933' }

export const h1 = (text: string, pageBreak = false): ContentNode => ({ text, style: 'h1', headlineLevel: 1, ...(pageBreak ? { pageBreak: 'before' } : {}) })
export const h2 = (text: string): ContentNode => ({ text, style: 'h2', headlineLevel: 2 })
/** An h2 that starts a new page (see HEADING_LIMIT level 3). */
export const h2NewPage = (text: string): ContentNode => ({ text, style: 'h2', headlineLevel: 3 })

/**
 * Below these shares of the page height a heading moves to the next page (no heading alone at the
 * bottom). Level 3 = a heading that starts its own page unless it already stands at the top (an
 * explicit `pageBreak` there left an empty page when the content before it ended on a page's last line).
 */
const HEADING_LIMIT: Record<number, number> = { 1: 0.72, 2: 0.8, 3: 0.12 }

/** pdfmake's `pageBreakBefore`: keeps headings with what follows them. */
export function keepHeadingsWithContent(node: { headlineLevel?: number; startPosition?: { verticalRatio?: number } }): boolean {
  const limit = node.headlineLevel ? HEADING_LIMIT[node.headlineLevel] : undefined
  return limit !== undefined && (node.startPosition?.verticalRatio ?? 0) > limit
}
export const para = (text: string | Content[]): ContentNode => ({ text, style: 'body', margin: [0, 0, 0, 4] })
export const note = (text: string): ContentNode => ({ text, style: 'note' })
export const bullets = (items: string[]): ContentNode => ({ ul: items.map((t) => ({ text: t, style: 'body', margin: [0, 0, 0, 2] })), margin: [0, 0, 0, 6] })

export interface Cell {
  text: string
  bold?: boolean
  /** Right-aligned (numbers). */
  num?: boolean
  color?: string
  fillColor?: string
  /** Spans this many columns (the caller still supplies the covered cells, e.g. ''). */
  colSpan?: number
}

export type CellInput = string | Cell

const NUMERIC = /^[-+<]?\s?[\d.]+( ±.*| %| \(min \d+\))?$|^—$/

const isNumeric = (c: CellInput): boolean => (typeof c === 'string' ? NUMERIC.test(c) : Boolean(c.num))

const cell = (c: CellInput, style: string, right: boolean): ContentNode => {
  const v: Cell = typeof c === 'string' ? { text: c } : c
  return {
    text: v.text,
    style,
    ...(right ? { alignment: 'right' } : {}),
    ...(v.bold ? { bold: true } : {}),
    ...(v.color ? { color: v.color } : {}),
    ...(v.fillColor ? { fillColor: v.fillColor } : {}),
    ...(v.colSpan ? { colSpan: v.colSpan } : {}),
  }
}

/** A table with a repeated header row; numeric cells, and the headers of all-numeric columns, are right-aligned. */
export function table(header: string[], rows: CellInput[][], widths?: (number | string)[]): ContentNode {
  const plainRows = rows.filter((r) => !r.some((c) => typeof c !== 'string' && c.colSpan))
  const numericColumn = header.map((_, i) => i > 0 && plainRows.length > 0 && plainRows.every((r) => r[i] === undefined || isNumeric(r[i]!)))
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: widths ?? header.map((_, i) => (i === 0 ? '*' : 'auto')),
      body: [header.map((h, i) => cell(h, 'th', numericColumn[i]!)), ...rows.map((r) => r.map((c) => cell(c, 'td', isNumeric(c))))],
    },
    layout: {
      hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === 0 || i === 1 || i === node.table.body.length ? 0.8 : 0.3),
      vLineWidth: () => 0,
      hLineColor: (i: number) => (i <= 1 ? '#486581' : '#bcccdc'),
      paddingLeft: () => 4,
      paddingRight: () => 4,
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
    margin: [0, 2, 0, 6],
  }
}

/** Two-column key/value table (labels bold). */
export function keyValues(pairs: [string, string][], labelWidth = 150): ContentNode {
  return {
    table: { widths: [labelWidth, '*'], body: pairs.map(([k, v]) => [{ text: k, style: 'td', bold: true }, { text: v, style: 'td' }]) },
    layout: 'noBorders',
    margin: [0, 0, 0, 6],
  }
}

/** An SVG chart scaled to `width` pt (its aspect ratio kept). */
export function chart(c: ChartSvg, width = CONTENT_WIDTH): ContentNode {
  return { svg: c.svg, width, height: (width * c.height) / c.width, margin: [0, 2, 0, 6] }
}

/** Charts side by side in `slots` equal columns (a short last row keeps the same widths), each with a caption above it. */
export function chartRow(items: { caption: string; chart: ChartSvg }[], slots = items.length, gap = 12): ContentNode {
  const width = (CONTENT_WIDTH - gap * (slots - 1)) / slots
  const columns: ContentNode[] = items.map((i) => ({ width, stack: [{ text: i.caption, style: 'small', bold: true, alignment: 'center' }, chart(i.chart, width)] }))
  while (columns.length < slots) columns.push({ width, text: '' })
  return { columns, columnGap: gap, unbreakable: true }
}

/** Splits `items` into rows of `n`. */
export function rowsOf<T>(items: T[], n: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n))
  return out
}

/** A shaded box (key findings). */
export function box(content: Content[]): ContentNode {
  return {
    table: { widths: ['*'], body: [[{ stack: content, style: 'box', fillColor: '#f0f4f8', margin: [6, 6, 6, 4] }]] },
    layout: 'noBorders',
    margin: [0, 0, 0, 8],
  }
}
