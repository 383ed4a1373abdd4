/**
 * pdfmake (0.3.x, Node build) behind a small typed surface: Roboto embedded from the pdfmake
 * package, no URL fetches at all, local file reads limited to those font files.
 */
import { createRequire } from 'node:module'
import path from 'node:path'

/** A pdfmake content node (text, table, columns, svg, stack…) or a list of them. */
export type Content = string | ContentNode | Content[]
export interface ContentNode {
  [key: string]: unknown
}

export interface DocDefinition {
  content: Content[]
  info?: { title?: string; author?: string; subject?: string; creator?: string; producer?: string }
  pageSize?: string
  pageMargins?: [number, number, number, number]
  styles?: Record<string, ContentNode>
  defaultStyle?: ContentNode
  header?: (currentPage: number, pageCount: number) => Content
  footer?: (currentPage: number, pageCount: number) => Content
  pageBreakBefore?: (node: { headlineLevel?: number; startPosition?: { verticalRatio?: number } }) => boolean
}

interface PdfMake {
  setFonts(fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>): void
  setUrlAccessPolicy(policy: (url: string) => boolean): void
  setLocalAccessPolicy(policy: (file: string) => boolean): void
  createPdf(doc: DocDefinition): { getBuffer(): Promise<Buffer> }
}

const nodeRequire = createRequire(import.meta.url)
let pdfmake: PdfMake | undefined

/** The Roboto files shipped inside the pdfmake package (no system fonts, no download). */
export function robotoFiles(): Record<'normal' | 'bold' | 'italics' | 'bolditalics', string> {
  const dir = path.join(path.dirname(nodeRequire.resolve('pdfmake/package.json')), 'fonts', 'Roboto')
  return {
    normal: path.join(dir, 'Roboto-Regular.ttf'),
    bold: path.join(dir, 'Roboto-Medium.ttf'),
    italics: path.join(dir, 'Roboto-Italic.ttf'),
    bolditalics: path.join(dir, 'Roboto-MediumItalic.ttf'),
  }
}

/** Lays out and renders `doc` to PDF bytes. */
export async function renderPdf(doc: DocDefinition): Promise<Buffer> {
  pdfmake ??= nodeRequire('pdfmake') as PdfMake
  // pdfmake is a process-wide singleton: set fonts and policies on every call, in case other code changed them.
  const fonts = robotoFiles()
  const allowed = new Set(Object.values(fonts).map((f) => path.resolve(f)))
  pdfmake.setFonts({ Roboto: fonts })
  pdfmake.setUrlAccessPolicy(() => false)
  pdfmake.setLocalAccessPolicy((file) => allowed.has(path.resolve(file)))
  return pdfmake.createPdf(doc).getBuffer()
}
