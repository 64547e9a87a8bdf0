/** `dockhand track [--once]`: follow the journal's open jobs, one JSON line per status change. */
import { openJournal } from '../../jobs/journal';
import { Tracker, type TrackerEvent } from '../../jobs/tracker';
import { assertNever } from '../../protocol/status-codes';
import { parseCommandArgs, type CliContext } from '../context';
import { openSession } from '../session';
import { trackOptions } from '../specs/local';

export async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs('track', args, trackOptions);
  const session = await openSession(ctx);
  const journal = openJournal({ endpoint: session.endpointId });
  ctx.onDispose(() => journal.close());
  const onEvent = (e: TrackerEvent): void => {
    switch (e.type) {
      case 'change':
        ctx.out(JSON.stringify({ jobId: e.jobId, previous: e.previous, current: e.current }));
        break;
      case 'lost':
        ctx.err(
          `Job ${e.jobId}: the endpoint no longer knows it (${e.code}: ${e.message}); no longer tracked.`,
        );
        break;
      case 'error':
        ctx.err(
          `Job ${e.jobId}: ${e.code}: ${e.message}; trying again in ${Math.round(e.retryInMs / 1000)} s.`,
        );
        break;
      default:
        assertNever(e);
    }
  };
  const tracker = new Tracker({ journal, client: session.client, onEvent });
  if (tracker.trackedJobs().length === 0) {
    ctx.err(`No open jobs in the local journal for ${session.endpointId}; nothing to track.`);
    return 0;
  }
  if (values.once) {
    await tracker.pollOnce();
    return 0;
  }
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await tracker.run(controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  if (!controller.signal.aborted) ctx.err('Every job has reached a final state; stopping.');
  return 0;
}
