/** `dockhand cancel-job --job-id ID`: aws importexport cancel-job. */
import { parseCommandArgs, requireFlag, type CliContext } from '../context';
import { openSession } from '../session';

export const summary = 'Cancel a job whose device has not been processed yet';

export async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs('cancel-job', args, { 'job-id': { type: 'string' } });
  const jobId = requireFlag('cancel-job', values, 'job-id');
  const { client } = await openSession(ctx);
  ctx.print(await client.cancelJob(jobId));
  return 0;
}
