/** GetStatus: every field of the job as it stands now; a canceled job reports Canceled, not an error. */
import { statusView } from '../job-view';
import { OperationError, checkApiVersion, findOwnJob, type OperationHandler } from './context';

export const getStatus: OperationHandler = async (params, ctx) => {
  checkApiVersion(params);
  const raw = params.JobId;
  // The model lists no MissingParameterException here; the DG files a missing id under InvalidJobIdException.
  if (raw === undefined || raw.trim() === '')
    throw new OperationError('InvalidJobIdException', 'JobId must be specified');
  const job = findOwnJob(ctx, raw);
  return { ...statusView(job, ctx.now().getTime(), ctx.baseUrl) };
};
