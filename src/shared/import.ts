/**
 * Import specs: how a user's files become a `DatasetData`. One schema per source format,
 * discriminated on `format`:
 *
 * - `csv`: one CSV/TSV (optionally gzipped) with a column → role mapping;
 * - `parquet`: the same mapping over a Parquet file;
 * - `mogonet`: a MOGONET folder (`1_tr.csv … M_te.csv`, `labels_tr.csv`, `labels_te.csv`);
 * - `join`: several CSVs joined on an id column (e.g. omics files + clinical table + target).
 *
 * Relative paths are resolved against the `baseDir` given to the importer (the CLI passes the
 * current directory). Unknown keys are refused (a typo such as `labelcolum` would otherwise be
 * silently ignored). Sensitive attributes are never features: their columns are left out of
 * every modality. Validation messages name the field (see `formatZodError`).
 */
import { z } from 'zod'

const nonEmpty = z.string().min(1)

/** Common options of every format. */
const baseFields = {
  name: z.string().min(1).max(120).describe('Dataset name in the workspace'),
  /**
   * Cell texts that mean "missing". Only empty cells by default: a literal `NA`, `NaN` or `?` is
   * refused (with a hint to list it here) rather than silently read as missing.
   */
  missingTokens: z.array(z.string()).default(['']),
  /** `reject`: any missing feature value refuses the import (count and first location); `keep`: NaN stays in the data. */
  missing: z.enum(['reject', 'keep']).default('reject'),
}

/** Options for reading a delimited text file. */
const textFields = {
  /** One character; auto-detected from the extension and the first line when omitted. */
  delimiter: z.string().length(1).optional(),
  /** Text encoding (an iconv-lite name such as `latin1` or `utf-16le`); UTF-8 by default, checked strictly. */
  charset: nonEmpty.optional(),
}

/**
 * Which columns form a modality, and how they become numeric features. `columns`, `range`
 * and `prefix` may be combined (union, in file order); with none of them the modality takes
 * every column of the file that no role and no other modality uses. Role columns (id, label,
 * attributes, group, split) are always left out.
 */
const selectionFields = {
  columns: z.array(z.string()).min(1).optional(),
  /** Inclusive range by header order, e.g. `{ "from": "g1", "to": "g2000" }`. */
  range: z.strictObject({ from: z.string(), to: z.string() }).optional(),
  /** Every column whose name starts with this. */
  prefix: nonEmpty.optional(),
  /** Columns to leave out of the selection. */
  exclude: z.array(z.string()).optional(),
  /**
   * `numeric`: every cell must be a finite number (or a missing token); `onehot`: each distinct
   * value v of column c becomes a 0/1 feature `c=v`; `auto`: numeric when every non-missing cell
   * of the column is a number, one-hot otherwise.
   */
  encoding: z.enum(['numeric', 'onehot', 'auto']).default('numeric'),
  /** Columns one-hot encoded whatever `encoding` says (e.g. integer code columns). */
  categorical: z.array(z.string()).optional(),
  /** One-hot: keep the most frequent values only; the rest become `c=(other)`. */
  maxCategories: z.number().int().min(1).max(1000).optional(),
  /** One-hot: a missing cell sets a `c=(missing)` feature instead of making the row's indicators NaN. */
  missingIndicator: z.boolean().default(false),
}

export const ModalityMapping = z.strictObject({ name: nonEmpty, ...selectionFields })
export type ModalityMapping = z.infer<typeof ModalityMapping>

/** An attribute read from one column. `groupNames` renames raw values (e.g. `{ "1": "male", "0": "female" }`); other values are refused. */
const columnAttributeFields = {
  column: z.string(),
  name: nonEmpty.optional(),
  groupNames: z.record(z.string(), z.string()).optional(),
}
/**
 * An attribute stored as one-hot indicator columns (e.g. `race_white`, `race_asian`, `race_nan`):
 * column → group name, `null` for "unknown". `none` names the group of a row whose indicators are
 * all 0 (the dropped reference level); `null` (default) makes it unknown.
 */
const oneHotAttributeFields = {
  name: nonEmpty,
  oneHot: z.record(z.string(), z.string().nullable()),
  none: z.string().nullable().default(null),
}
export const ColumnAttribute = z.strictObject(columnAttributeFields)
export const OneHotAttribute = z.strictObject(oneHotAttributeFields)
export const AttributeMapping = z.union([z.string(), ColumnAttribute, OneHotAttribute])
export type AttributeMapping = z.infer<typeof AttributeMapping>

/** Label options shared by the tabular formats. */
const labelFields = {
  /** Raw label values in class order; other values are refused. Default: numeric or alphabetical order. */
  labelOrder: z.array(z.string()).min(2).optional(),
  /** Display names of raw label values, e.g. `{ "0": "alive", "1": "deceased" }`. */
  labelNames: z.record(z.string(), z.string()).optional(),
  /**
   * Classes built from raw label values, in class order; several values make one class (e.g. a
   * binary task from a 3-level column: `[{ "name": "no <30", "values": ["NO", ">30"] }, { "name":
   * "<30", "values": ["<30"] }]`). Other values are refused. Replaces `labelOrder` / `labelNames`.
   */
  labelClasses: z.array(z.strictObject({ name: nonEmpty, values: z.array(z.string()).min(1) })).min(2).optional(),
}

const tabularFields = {
  ...baseFields,
  file: nonEmpty,
  /** Sample ids; without it the ids are `row-<line>` (the line in the file, header = line 1). */
  idColumn: z.string().optional(),
  labelColumn: z.string(),
  ...labelFields,
  /** Sensitive attributes: never features. A string is a column name. */
  attributes: z.array(AttributeMapping).default([]),
  /** Grouping key (e.g. patient id): no group is ever split across folds. */
  groupColumn: z.string().optional(),
  /** Predefined split: values `train` / `test` (case-insensitive). */
  splitColumn: z.string().optional(),
  modalities: z.array(ModalityMapping).min(1),
}

export const CsvImport = z.strictObject({ format: z.literal('csv'), ...tabularFields, ...textFields })
export type CsvImport = z.infer<typeof CsvImport>

export const ParquetImport = z.strictObject({ format: z.literal('parquet'), ...tabularFields })
export type ParquetImport = z.infer<typeof ParquetImport>

export const MogonetImport = z.strictObject({
  format: z.literal('mogonet'),
  ...baseFields,
  folder: nonEmpty,
  /** Names of modalities 1..M (default `modality1` …). */
  modalityNames: z.array(nonEmpty).min(1).optional(),
  /** Names of label values 0..C-1 (default `0`, `1`, …). */
  classNames: z.array(nonEmpty).min(2).optional(),
})
export type MogonetImport = z.infer<typeof MogonetImport>

export const JoinFile = z.strictObject({
  /** Relative to `folder` when given, else to the base directory. */
  path: nonEmpty,
  /** Id column (may be the empty name of a pandas index column: `""`). */
  idColumn: z.string(),
  /** `modality`: its columns (see the selection fields) form a modality; `table`: only read for label / attributes / group / split. */
  role: z.enum(['modality', 'table']),
  /** Modality name (default: the file name without extension). */
  name: nonEmpty.optional(),
  ...selectionFields,
  ...textFields,
})
export type JoinFile = z.infer<typeof JoinFile>

/** A column of one of the join's files, named by its `path` (as written in `files`), its `name`, or its file name without extension. */
const FileColumn = z.strictObject({ file: nonEmpty, column: z.string() })

export const JoinImport = z.strictObject({
  format: z.literal('join'),
  ...baseFields,
  ...textFields,
  folder: nonEmpty.optional(),
  files: z.array(JoinFile).min(1),
  /** The label file defines the samples: an id of another file that it lacks is an error. */
  labelFrom: FileColumn,
  ...labelFields,
  attributes: z
    .array(z.union([z.strictObject({ file: nonEmpty, ...columnAttributeFields }), z.strictObject({ file: nonEmpty, ...oneHotAttributeFields })]))
    .default([]),
  groupFrom: FileColumn.optional(),
  splitFrom: FileColumn.optional(),
  /**
   * A labelled id absent from another file: `reject` (error), `drop` the sample (warning), or
   * `keep` it with NaN for that file's whole modality (needs `missing: "keep"`) and unknown attributes.
   */
  missingIds: z.enum(['reject', 'drop', 'keep']).default('reject'),
})
export type JoinImport = z.infer<typeof JoinImport>

export const ImportSpec = z
  .discriminatedUnion('format', [CsvImport, ParquetImport, MogonetImport, JoinImport])
  .superRefine((spec, ctx) => {
    const modalities =
      spec.format === 'csv' || spec.format === 'parquet'
        ? spec.modalities.map((m, i) => ({ name: m.name, path: ['modalities', i, 'name'] }))
        : spec.format === 'join'
          ? spec.files.flatMap((f, i) => (f.role === 'modality' ? [{ name: f.name ?? fileStem(f.path), path: ['files', i, f.name ? 'name' : 'path'] }] : []))
          : (spec.modalityNames ?? []).map((name, i) => ({ name, path: ['modalityNames', i] }))
    const seen = new Set<string>()
    for (const m of modalities) {
      if (seen.has(m.name)) ctx.addIssue({ code: 'custom', path: m.path, message: `duplicate modality name "${m.name}"` })
      seen.add(m.name)
    }
    if (spec.format === 'join') {
      if (modalities.length === 0) ctx.addIssue({ code: 'custom', path: ['files'], message: 'at least one file needs role "modality"' })
      const known = (file: string): boolean => spec.files.some((f) => joinFileMatches(f, file))
      const refs: { file: string; path: (string | number)[] }[] = [
        { file: spec.labelFrom.file, path: ['labelFrom', 'file'] },
        ...spec.attributes.map((a, i) => ({ file: a.file, path: ['attributes', i, 'file'] })),
        ...(spec.groupFrom ? [{ file: spec.groupFrom.file, path: ['groupFrom', 'file'] }] : []),
        ...(spec.splitFrom ? [{ file: spec.splitFrom.file, path: ['splitFrom', 'file'] }] : []),
      ]
      for (const r of refs) {
        if (!known(r.file)) ctx.addIssue({ code: 'custom', path: r.path, message: `"${r.file}" is not the path or name of an entry of "files"` })
      }
      if (spec.missingIds === 'keep' && spec.missing === 'reject')
        ctx.addIssue({ code: 'custom', path: ['missingIds'], message: '"keep" leaves NaN for ids absent from a file; it needs "missing": "keep"' })
    }
    if (spec.format !== 'mogonet') {
      const attrs: AttributeMapping[] = spec.attributes
      const names = new Set<string>()
      attrs.forEach((a, i) => {
        const name = typeof a === 'string' ? a : (a.name ?? ('column' in a ? a.column : ''))
        if (names.has(name)) ctx.addIssue({ code: 'custom', path: ['attributes', i], message: `duplicate attribute name "${name}"` })
        names.add(name)
      })
    }
  })
export type ImportSpec = z.infer<typeof ImportSpec>
export type ImportSpecInput = z.input<typeof ImportSpec>
export type ImportFormat = ImportSpec['format']

/** Does a reference (`labelFrom.file`, `attributes[].file`…) name this join entry: its path, its name, or its file name without extension? */
export function joinFileMatches(entry: { path: string; name?: string }, ref: string): boolean {
  return entry.path === ref || entry.name === ref || (entry.name === undefined && fileStem(entry.path) === ref)
}

/** `dir/rna.csv.gz` → `rna`. */
export function fileStem(p: string): string {
  const base = p.split(/[\\/]/).pop() ?? p
  return base.replace(/\.gz$/i, '').replace(/\.[^.]*$/, '') || base
}
