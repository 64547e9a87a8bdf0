/** `dockhand list-jobs [--max-jobs N] [--marker ID]`: aws importexport list-jobs, every page by default. */
import { MAX_JOBS_LIMIT, type JobSummary } from '../../protocol/api';
import { CliError, parseCommandArgs, type CliContext } from '../context';
import { openSession } from '../session';
import { EXIT } from '../exit-codes';
import { listJobsOptions } from '../specs/importexport';

export function parseMaxJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new CliError(
      'InvalidParameter',
      `dockhand list-jobs: --max-jobs must be a whole number of 1 or more, not "${value}"`,
      EXIT.USAGE,
    );
  }
  return n;
}

export async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs('list-jobs', args, listJobsOptions);
  const limit = parseMaxJobs(values['max-jobs']);
  const { client } = await openSession(ctx);
  const jobs: JobSummary[] = [];
  let truncated = false;
  if (values.marker !== undefined) {
    // An explicit marker asks for the page after it, as the AWS CLI's --starting-token would.
    let marker: string | undefined = values.marker;
    while (marker !== undefined && (limit === undefined || jobs.length < limit)) {
      const want = Math.min(MAX_JOBS_LIMIT, limit === undefined ? MAX_JOBS_LIMIT : limit - jobs.length);
      const page = await client.listJobs({ MaxJobs: want, Marker: marker });
      jobs.push(...page.Jobs);
      truncated = page.IsTruncated;
      marker = page.IsTruncated ? page.Jobs[page.Jobs.length - 1]?.JobId : undefined;
    }
  } else {
    const pageSize = limit === undefined ? undefined : Math.min(limit, MAX_JOBS_LIMIT);
    for await (const page of client.listJobPages({
      ...(pageSize !== undefined ? { pageSize } : {}),
      ...(limit !== undefined ? { limit } : {}),
    })) {
      jobs.push(...page.Jobs);
      truncated = page.IsTruncated;
    }
  }
  // Like the AWS CLI: when a limit cut the listing short, say where to go on from.
  const last = jobs[jobs.length - 1];
  ctx.print(truncated && last ? { Jobs: jobs, NextMarker: last.JobId } : { Jobs: jobs });
  return 0;
}
