/** Turns the import wizard's column mapping into an import spec (`@shared/import`), and previews its modalities. */
import type { ImportSpecInput } from '@shared/import'

export type ModalityMode = 'prefix' | 'single'

export interface ColumnMapping {
  format: 'csv' | 'parquet'
  /** The file on this machine. */
  path: string
  name: string
  /** null: ids are the row numbers. */
  idColumn: string | null
  labelColumn: string
  attributes: string[]
  /** `prefix`: one modality per text before "__"; `single`: one modality of every remaining column. */
  modalities: ModalityMode
  /** Cell texts read as missing (besides the empty cell). */
  missingTokens?: string[]
}

export interface PlannedModality {
  name: string
  columns: string[]
  /** The spec's column prefix (`omics__`), when the modality is a prefix group. */
  prefix?: string
}

const SEPARATOR = '__'

/** Which columns each modality gets under `mapping`; role columns are never features. */
export function planModalities(columns: readonly string[], mapping: Pick<ColumnMapping, 'idColumn' | 'labelColumn' | 'attributes' | 'modalities'>): PlannedModality[] {
  const roles = new Set([mapping.idColumn, mapping.labelColumn, ...mapping.attributes].filter((c): c is string => !!c))
  const features = columns.filter((c) => !roles.has(c))
  if (mapping.modalities === 'single') return features.length ? [{ name: 'features', columns: features }] : []
  const groups = new Map<string, string[]>()
  const loose: string[] = []
  for (const c of features) {
    const at = c.indexOf(SEPARATOR)
    if (at > 0) {
      const p = c.slice(0, at)
      let list = groups.get(p)
      if (!list) groups.set(p, (list = []))
      list.push(c)
    } else loose.push(c)
  }
  const planned: PlannedModality[] = [...groups].map(([p, cols]) => ({ name: p, columns: cols, prefix: `${p}${SEPARATOR}` }))
  if (loose.length) {
    let name = 'other'
    while (groups.has(name)) name = `${name}_`
    planned.push({ name, columns: loose })
  }
  return planned
}

/** Why the mapping cannot be imported yet, or null. */
export function mappingProblem(columns: readonly string[], mapping: ColumnMapping): string | null {
  if (!mapping.path.trim()) return 'Give the path of the file to import.'
  if (!mapping.name.trim()) return 'Give the dataset a name.'
  if (!mapping.labelColumn) return 'Choose the label column.'
  if (mapping.idColumn && mapping.idColumn === mapping.labelColumn) return 'The id and label columns must differ.'
  if (mapping.attributes.includes(mapping.labelColumn)) return `"${mapping.labelColumn}" is the label; it cannot also be an attribute.`
  const planned = planModalities(columns, mapping)
  if (planned.length === 0) return 'No feature columns are left after the id, label and attributes.'
  if (mapping.modalities === 'prefix' && planned.every((m) => !m.prefix)) {
    return 'No column name has a modality prefix (text before "__", e.g. omics__g1); choose "one modality" instead.'
  }
  return null
}

/** The csv/parquet import spec of the mapping. */
export function buildTabularSpec(columns: readonly string[], mapping: ColumnMapping): ImportSpecInput {
  const modalities = planModalities(columns, mapping).map((m) =>
    m.prefix ? { name: m.name, prefix: m.prefix } : mapping.modalities === 'single' ? { name: m.name } : { name: m.name, columns: m.columns },
  )
  const spec = {
    format: mapping.format,
    name: mapping.name.trim(),
    file: mapping.path.trim(),
    labelColumn: mapping.labelColumn,
    attributes: [...mapping.attributes],
    modalities,
    ...(mapping.idColumn ? { idColumn: mapping.idColumn } : {}),
    ...(mapping.missingTokens && mapping.missingTokens.length ? { missingTokens: ['', ...mapping.missingTokens] } : {}),
  }
  return spec as ImportSpecInput
}

/** A MOGONET folder import. */
export function buildMogonetSpec(folder: string, name: string): ImportSpecInput {
  return { format: 'mogonet', name: name.trim(), folder: folder.trim() }
}
