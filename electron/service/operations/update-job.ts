/** UpdateJob: replace the whole manifest while the transfer has not started (reference 4.4). */
import { isExpiredByAge } from '../job-view';
import {
  OperationError,
  checkApiVersion,
  findOwnJob,
  refuseClosedJob,
  requireBoolean,
  requireJobType,
  requireParam,
  type OperationContext,
  type OperationHandler,
} from './context';
import type { QueryParams } from '../../protocol/query';
import { MAX_RACE_RETRIES } from './cancel-job';
import { checkManifest, jobFieldsFor } from './manifest-check';
import { artifactsFor } from '../job-view';

export const updateJob: OperationHandler = (params, ctx) => updateOnce(params, ctx, 0);

const updateOnce = async (params: QueryParams, ctx: OperationContext, attempt: number) => {
  checkApiVersion(params);
  const rawId = requireParam(params, 'JobId');
  const text = requireParam(params, 'Manifest');
  const jobType = requireJobType(params);
  const validateOnly = requireBoolean(params, 'ValidateOnly');
  const job = findOwnJob(ctx, rawId);
  const now = ctx.now().getTime();
  refuseClosedJob(job, now, isExpiredByAge);
  if (job.progress !== 'Pending') {
    throw new OperationError(
      'UnableToUpdateJobIdException',
      `Job ${job.id} is ${job.progress}; a job can only be updated before its data transfer starts`,
    );
  }
  if (jobType !== job.type) {
    throw new OperationError(
      'InvalidParameterException',
      `JobType ${jobType} does not match job ${job.id}, which is an ${job.type} job`,
    );
  }
  const checked = checkManifest(ctx, text, jobType);
  if (validateOnly) return { Success: true, WarningMessage: checked.warning, ArtifactList: [] };

  // The signature covers the manifest, so a new manifest gets a new signature (reference 3: clients
  // fetch SignatureFileContents again after an update). Whether AWS did so is unconfirmed; this is our choice.
  const fields = jobFieldsFor(ctx, job.id, checked, text);
  if (!ctx.store.replaceManifest(job, { manifest: text, ...fields }, now)) {
    // The dock moved the job in the meantime; decide again on its new state.
    if (attempt + 1 >= MAX_RACE_RETRIES) throw new Error(`job ${job.id} kept changing during UpdateJob`);
    return updateOnce(params, ctx, attempt + 1);
  }
  ctx.log(`UpdateJob ${job.id}`);
  const updated = ctx.store.getJob(job.id) ?? job;
  return { Success: true, WarningMessage: checked.warning, ArtifactList: artifactsFor(updated, ctx.baseUrl) };
};
