/** `dockhand jobs`: the local journal for the current endpoint: what this machine did for each job. */
import { canUpdateOrCancel, expiresAt } from '../../jobs/deadlines';
import { openJournal, type JobListing } from '../../jobs/journal';
import { parseCommandArgs, type CliContext } from '../context';
import { openSession } from '../session';
import { jobsOptions } from '../specs/local';

export interface JobRow {
  JobId: string;
  Type: string;
  Drive: string;
  Signature: string;
  Label: string;
  Status: string;
  StatusSince: string;
  Created: string;
  ExpiresAt: string;
  CanUpdateOrCancel: boolean;
}

export function jobRow(job: JobListing): JobRow {
  const d = job.drive;
  return {
    JobId: job.jobId,
    Type: job.kind ?? job.jobType,
    Drive: d ? [d.device, d.serial, d.mountpoint].filter(Boolean).join(' ') : '',
    Signature: job.signature ? `${job.signature.path} (${job.signature.at})` : 'not written',
    Label: job.label
      ? job.label.printer
        ? `printed on ${job.label.printer}`
        : (job.label.savedPath ?? job.label.url)
      : '',
    Status: job.lost
      ? `lost: ${job.lost.reason}`
      : job.status
        ? `${job.status.location}/${job.status.progress}${job.status.trackingNumber ? ` ${job.status.carrier ?? ''} ${job.status.trackingNumber}` : ''}`
        : 'not checked yet',
    StatusSince: job.status?.observedAt ?? '',
    Created: job.createdAt,
    ExpiresAt: job.lost ? '' : (expiresAt(job.createdAt, job.status)?.toISOString() ?? ''),
    CanUpdateOrCancel: !job.lost && canUpdateOrCancel(job.status),
  };
}

export async function run(args: string[], ctx: CliContext): Promise<number> {
  parseCommandArgs('jobs', args, jobsOptions);
  const session = await openSession(ctx);
  const journal = openJournal({ endpoint: session.endpointId });
  try {
    const jobs = journal.listJobs();
    if (jobs.length === 0) {
      ctx.err(
        `No jobs in the local journal for ${session.endpointId}. Create one with "dockhand create-job".`,
      );
    }
    ctx.print(jobs.map(jobRow));
  } finally {
    journal.close();
  }
  return 0;
}
