/** `dockhand cancel-job --job-id ID`: aws importexport cancel-job. */
import { parseCommandArgs, requireFlag, type CliContext } from '../context';
import { openSession } from '../session';
import { cancelJobOptions } from '../specs/importexport';

export async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs('cancel-job', args, cancelJobOptions);
  const jobId = requireFlag('cancel-job', values, 'job-id');
  const session = await openSession(ctx);
  ctx.print(await session.client.cancelJob(jobId));
  await noteInJournal(ctx, session, jobId);
  return 0;
}

/**
 * A job this machine created is marked Canceled in the journal right away (from a GetStatus), so its device
 * is free for a new job without waiting for `dockhand track`. Best effort: the cancel already happened.
 */
async function noteInJournal(
  ctx: CliContext,
  session: Awaited<ReturnType<typeof openSession>>,
  jobId: string,
): Promise<void> {
  try {
    const { openJournal } = await import('../../jobs/journal');
    const journal = openJournal({ endpoint: session.endpointId });
    try {
      if (!journal.getJob(jobId)) return;
      const { snapshotOf } = await import('../../jobs/tracker');
      journal.recordStatus(jobId, snapshotOf(await session.client.getStatus(jobId)));
    } finally {
      journal.close();
    }
  } catch (err) {
    ctx.err(
      `warning: job ${jobId} was cancelled; the local journal was not updated (${(err as Error).message})`,
    );
  }
}
