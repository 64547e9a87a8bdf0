/** `dockhand get-status --job-id ID`: aws importexport get-status. */
import { parseCommandArgs, requireFlag, type CliContext } from '../context';
import { openSession } from '../session';
import { getStatusOptions } from '../specs/importexport';

export async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs('get-status', args, getStatusOptions);
  const jobId = requireFlag('get-status', values, 'job-id');
  const { client } = await openSession(ctx);
  ctx.print(await client.getStatus(jobId));
  return 0;
}
