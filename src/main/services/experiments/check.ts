/**
 * Checks an experiment config the way a run would before it starts (schema, dataset, protocol,
 * method compositions) without running anything, and counts its jobs.
 */
import type { ConfigCheck } from '../../../shared/ipc/views'
import { AppFailure } from '../../../shared/result'
import { checkProtocol, foldCount } from '../../protocol/check'
import { checkArms } from '../../training/host/method-catalog'
import { configHash } from '../runs/job-plan'
import { parseExperimentConfig } from '../runs/run-experiment'
import { committedJobKeys, findResumableRun, getDatasetMeta, loadDataset, type Workspace } from '../workspace'

/**
 * @returns the composition warnings (plus a line when starting would resume an unfinished run of
 *   the same config) and the number of jobs (arms × seeds × folds).
 * @throws AppFailure `VALIDATION` naming the field, `NOT_FOUND` for a missing dataset,
 *   `VALIDATION`/`BAD_INPUT` for a protocol the data cannot support, `CONFLICT` for an arm whose
 *   methods cannot be composed (the message names the arm and why).
 */
export async function checkExperiment(ws: Workspace, input: unknown): Promise<ConfigCheck> {
  const config = parseExperimentConfig(input)
  const meta = await getDatasetMeta(ws, config.dataset)
  if (!meta) throw AppFailure.of('NOT_FOUND', `No dataset "${config.dataset}" in the workspace.`, { location: { field: 'dataset' } })
  checkProtocol(await loadDataset(ws, meta.id), config.protocol)
  const warnings = await checkArms(config.arms, config.model)
  const jobs = config.arms.length * config.seeds.length * foldCount(config.protocol)
  const previous = await findResumableRun(ws, configHash(config, meta.id))
  if (previous) {
    const committed = (await committedJobKeys(ws, previous.runId)).size
    warnings.push(`An unfinished run of this config exists (${previous.runId}, ${previous.status}, ${committed} of ${jobs} jobs committed): starting resumes it.`)
  }
  return { warnings, jobs }
}
