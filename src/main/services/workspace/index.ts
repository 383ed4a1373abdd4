/** The workspace: one folder, one DuckDB database, one writer. See README.md beside this file. */
export { resolveWorkspaceDir, defaultWorkspaceDir, type WorkspaceDirOptions } from './paths'
export { openWorkspace, Workspace, DB_FILE } from './workspace'
export { SCHEMA_VERSION } from './schema'
export { saveDataset, listDatasets, getDatasetMeta, loadDataset, deleteDataset } from './dataset-store'
export {
  createRun,
  findResumableRun,
  getRun,
  listRuns,
  setRunStatus,
  setRunBackend,
  RUN_STATUSES,
  type NewRun,
  type RunRow,
  type RunStatus,
} from './run-store'
export { commitJob, committedJobKeys, listJobs, getEpochs, getPredictions, getJobDiagnostics, type JobCommit, type JobRow, type PredictionRow } from './job-store'
