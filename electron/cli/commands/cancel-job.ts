/** `dockhand cancel-job --job-id ID`: aws importexport cancel-job. */
import { parseCommandArgs, requireFlag, type CliContext } from '../context';
import { openSession } from '../session';
import { cancelJobOptions } from '../specs/importexport';

export async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs('cancel-job', args, cancelJobOptions);
  const jobId = requireFlag('cancel-job', values, 'job-id');
  const { client } = await openSession(ctx);
  ctx.print(await client.cancelJob(jobId));
  return 0;
}
