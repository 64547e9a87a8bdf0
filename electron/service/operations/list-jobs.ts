/** ListJobs: newest first, Marker exclusive, keyset pagination (reference 4.5). */
import { DEFAULT_MAX_JOBS, MAX_JOBS_LIMIT } from '../../protocol/api';
import { normalizeJobId } from '../../protocol/job-id';
import { formatCreationDate } from '../job-view';
import { OperationError, checkApiVersion, type OperationHandler } from './context';

export function parseMaxJobs(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_MAX_JOBS;
  if (!/^\d+$/.test(value) || Number(value) > MAX_JOBS_LIMIT) {
    throw new OperationError(
      'InvalidParameterException',
      `MaxJobs must be a whole number from 0 to ${MAX_JOBS_LIMIT}, not "${value}"`,
    );
  }
  return Number(value);
}

export const listJobs: OperationHandler = async (params, ctx) => {
  checkApiVersion(params);
  const maxJobs = parseMaxJobs(params.MaxJobs);
  const marker =
    params.Marker === undefined || params.Marker === '' ? undefined : normalizeJobId(params.Marker);
  const page = ctx.store.listJobs(ctx.account.accessKeyId, maxJobs, marker);
  if (!page) {
    throw new OperationError(
      'InvalidParameterException',
      `Marker ${params.Marker} is not one of your jobs; pass the JobId of the last job of the previous page`,
    );
  }
  return {
    Jobs: page.jobs.map((job) => ({
      JobId: job.id,
      CreationDate: formatCreationDate(job.createdAt),
      IsCanceled: job.canceled,
      JobType: job.type,
    })),
    IsTruncated: page.isTruncated,
  };
};
