/** CancelJob: only before the data transfer starts; a second cancel is CanceledJobIdException. */
import { isExpiredByAge } from '../job-view';
import {
  OperationError,
  checkApiVersion,
  findOwnJob,
  refuseClosedJob,
  requireParam,
  type OperationContext,
  type OperationHandler,
} from './context';
import type { QueryParams } from '../../protocol/query';

/** Re-decisions allowed when the dock changes the job between our read and our write. */
export const MAX_RACE_RETRIES = 5;

export const cancelJob: OperationHandler = (params, ctx) => cancelOnce(params, ctx, 0);

const cancelOnce = async (params: QueryParams, ctx: OperationContext, attempt: number) => {
  checkApiVersion(params);
  const job = findOwnJob(ctx, requireParam(params, 'JobId'));
  const now = ctx.now().getTime();
  refuseClosedJob(job, now, isExpiredByAge);
  // The model's rule ("fails if the job has already started or is complete"), the stricter of the two (reference 4.4).
  if (job.progress !== 'Pending') {
    throw new OperationError(
      'UnableToCancelJobIdException',
      `Job ${job.id} is ${job.progress}; a job can only be canceled before its data transfer starts`,
    );
  }
  if (!ctx.store.applyPatch(job, { progress: 'Canceled', canceled: true }, now, 'cancel')) {
    // The dock moved the job in the meantime; decide again on its new state.
    if (attempt + 1 >= MAX_RACE_RETRIES) throw new Error(`job ${job.id} kept changing during CancelJob`);
    return cancelOnce(params, ctx, attempt + 1);
  }
  ctx.log(`CancelJob ${job.id}`);
  return { Success: true };
};
