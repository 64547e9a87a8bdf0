/** CancelJob: only before the data transfer starts; a second cancel is CanceledJobIdException. */
import { isExpiredByAge } from '../job-view';
import {
  OperationError,
  checkApiVersion,
  findOwnJob,
  refuseClosedJob,
  requireParam,
  type OperationHandler,
} from './context';

export const cancelJob: OperationHandler = async (params, ctx) => {
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
    return cancelJob(params, ctx);
  }
  ctx.log(`CancelJob ${job.id}`);
  return { Success: true };
};
