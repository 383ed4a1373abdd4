/**
 * Datasets in the workspace. A dataset is one row of `datasets` (metadata, ids, labels, split,
 * groups) plus one row per modality and per sensitive attribute, each matrix a BLOB of its raw
 * typed-array bytes, so `loadDataset` gives back exactly what `saveDataset` got (NaN included).
 */
import type { AttributeData, DatasetData, DatasetMeta, ModalityData } from '../../../shared/dataset'
import { AppFailure } from '../../../shared/result'
import { blobOf, fromJson, toJson, typedFromBlob } from './codec'
import { num, str, type Session, type SqlRow } from './session'
import type { Workspace } from './workspace'

/**
 * Stores a dataset in one transaction: all of it, or nothing.
 * @throws AppFailure `CONFLICT` when a dataset with this id or name exists; `VALIDATION` when the
 *   arrays disagree with each other or with `meta` (lengths, label or group indices out of range).
 */
export async function saveDataset(ws: Workspace, meta: DatasetMeta, data: DatasetData): Promise<void> {
  checkShape(meta, data)
  const n = data.ids.length
  await ws.write(async (s) => {
    const clash = await s.one('SELECT id, name FROM datasets WHERE id = ? OR name = ? LIMIT 1', [meta.id, meta.name])
    if (clash) {
      const what = clash.name === meta.name ? `named "${meta.name}"` : `with id "${meta.id}"`
      throw AppFailure.of('CONFLICT', `A dataset ${what} already exists in the workspace; choose another name or delete it first.`, {
        location: { field: clash.name === meta.name ? 'name' : 'id' },
      })
    }
    await s.exec(
      `INSERT INTO datasets (id, name, created_at, samples, meta, ids, class_names, labels, split, groups)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        meta.id,
        meta.name,
        meta.createdAt,
        n,
        toJson(meta),
        toJson(data.ids),
        toJson(data.classNames),
        blobOf(data.labels),
        data.split ? blobOf(data.split) : null,
        data.groups ? toJson(data.groups) : null,
      ],
    )
    for (const [ord, m] of data.modalities.entries()) {
      await s.exec('INSERT INTO dataset_modalities (dataset_id, ord, name, features, feature_names, data) VALUES (?, ?, ?, ?, ?, ?)', [
        meta.id,
        ord,
        m.name,
        m.featureNames.length,
        toJson(m.featureNames),
        blobOf(m.values),
      ])
    }
    for (const [ord, a] of data.attributes.entries()) {
      await s.exec('INSERT INTO dataset_attributes (dataset_id, ord, name, groups, data) VALUES (?, ?, ?, ?, ?)', [
        meta.id,
        ord,
        a.name,
        toJson(a.groups),
        blobOf(a.values),
      ])
    }
  })
}

/** Metadata of every dataset, oldest first. */
export async function listDatasets(ws: Workspace): Promise<DatasetMeta[]> {
  const rows = await ws.read((s) => s.all('SELECT meta FROM datasets ORDER BY created_at, name'))
  return rows.map((r) => fromJson<DatasetMeta>(str(r.meta)))
}

/** Metadata of the dataset with this id or, failing that, this name; undefined when there is none. */
export async function getDatasetMeta(ws: Workspace, idOrName: string): Promise<DatasetMeta | undefined> {
  const row = await ws.read((s) => findDataset(s, idOrName, 'meta'))
  return row ? fromJson<DatasetMeta>(str(row.meta)) : undefined
}

/**
 * The stored arrays of a dataset (by id or name), exactly as saved.
 * @throws AppFailure `NOT_FOUND`.
 */
export async function loadDataset(ws: Workspace, idOrName: string): Promise<DatasetData> {
  return ws.read(async (s) => {
    const row = await findDataset(s, idOrName, 'id, samples, ids, class_names, labels, split, groups')
    if (!row) throw notFound(idOrName)
    const id = str(row.id)
    const n = num(row.samples)
    const modalities = await s.all('SELECT name, features, feature_names, data FROM dataset_modalities WHERE dataset_id = ? ORDER BY ord', [id])
    const attributes = await s.all('SELECT name, groups, data FROM dataset_attributes WHERE dataset_id = ? ORDER BY ord', [id])
    const data: DatasetData = {
      ids: fromJson<string[]>(str(row.ids)),
      classNames: fromJson<string[]>(str(row.class_names)),
      labels: typedFromBlob(Int32Array, row.labels, n, `labels of dataset ${id}`),
      modalities: modalities.map((m): ModalityData => {
        const name = str(m.name)
        return {
          name,
          featureNames: fromJson<string[]>(str(m.feature_names)),
          values: typedFromBlob(Float32Array, m.data, n * num(m.features), `modality ${name} of dataset ${id}`),
        }
      }),
      attributes: attributes.map((a): AttributeData => {
        const name = str(a.name)
        return { name, groups: fromJson<string[]>(str(a.groups)), values: typedFromBlob(Int32Array, a.data, n, `attribute ${name} of dataset ${id}`) }
      }),
    }
    if (row.split != null) data.split = typedFromBlob(Uint8Array, row.split, n, `split of dataset ${id}`)
    if (row.groups != null) data.groups = fromJson<string[]>(str(row.groups))
    return data
  })
}

/**
 * Removes a dataset (by id or name) and its arrays, in one transaction. Runs made on it keep their
 * results. @throws AppFailure `NOT_FOUND`.
 */
export async function deleteDataset(ws: Workspace, idOrName: string): Promise<void> {
  await ws.write(async (s) => {
    const row = await findDataset(s, idOrName, 'id')
    if (!row) throw notFound(idOrName)
    const id = str(row.id)
    await s.exec('DELETE FROM dataset_modalities WHERE dataset_id = ?', [id])
    await s.exec('DELETE FROM dataset_attributes WHERE dataset_id = ?', [id])
    await s.exec('DELETE FROM datasets WHERE id = ?', [id])
  })
}

/** The row whose id is `idOrName`, else the one with that name. `columns` is our own SQL text. */
function findDataset(s: Session, idOrName: string, columns: string): Promise<SqlRow | undefined> {
  return s.one(`SELECT ${columns} FROM datasets WHERE id = ? OR name = ? ORDER BY (id = ?) DESC LIMIT 1`, [idOrName, idOrName, idOrName])
}

const notFound = (idOrName: string): AppFailure =>
  AppFailure.of('NOT_FOUND', `No dataset "${idOrName}" in the workspace (see \`equimodal datasets\`).`, { location: { field: 'dataset' } })

/** Everything `loadDataset` relies on, checked before anything is written. */
function checkShape(meta: DatasetMeta, data: DatasetData): void {
  const n = data.ids.length
  const problems: string[] = []
  if (!meta.id) problems.push('the id is empty')
  if (!meta.name) problems.push('the name is empty')
  if (meta.samples !== n) problems.push(`meta.samples is ${meta.samples} but there are ${n} ids`)
  if (data.labels.length !== n) problems.push(`${data.labels.length} labels for ${n} samples`)
  const c = data.classNames.length
  const badLabel = data.labels.findIndex((y) => y < 0 || y >= c)
  if (badLabel >= 0) problems.push(`label ${data.labels[badLabel]} of sample ${badLabel} is not a class index (0..${c - 1})`)
  for (const m of data.modalities) {
    const d = m.featureNames.length
    if (m.values.length !== n * d) problems.push(`modality "${m.name}" has ${m.values.length} values, expected ${n} × ${d}`)
  }
  for (const a of data.attributes) {
    if (a.values.length !== n) problems.push(`attribute "${a.name}" has ${a.values.length} values for ${n} samples`)
    const bad = a.values.findIndex((v) => v < -1 || v >= a.groups.length)
    if (bad >= 0) problems.push(`attribute "${a.name}" of sample ${bad} is ${a.values[bad]}, not a group index (-1..${a.groups.length - 1})`)
  }
  if (data.split) {
    if (data.split.length !== n) problems.push(`split has ${data.split.length} entries for ${n} samples`)
    const bad = data.split.findIndex((v) => v > 1)
    if (bad >= 0) problems.push(`split of sample ${bad} is ${data.split[bad]} (0 = train, 1 = test)`)
  }
  if (data.groups && data.groups.length !== n) problems.push(`groups has ${data.groups.length} entries for ${n} samples`)
  if (problems.length) {
    throw AppFailure.of('VALIDATION', `Cannot store dataset "${meta.name}": ${problems.join('; ')}.`, { details: problems })
  }
}
