/** A table as RFC 4180 CSV (d3-dsv quoting): header row, numbers in shortest round-trip form, null as an empty field. */
import { csvFormatRows } from 'd3-dsv'
import type { Table, Value } from './tables'

const field = (v: Value): string => (v === null ? '' : typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v))

export function tableToCsv(table: Table): string {
  return `${csvFormatRows([table.columns.map((c) => c.name), ...table.rows.map((r) => r.map(field))])}\n`
}
