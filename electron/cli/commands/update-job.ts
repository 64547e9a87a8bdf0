/** `dockhand update-job`: aws importexport update-job, with the same local manifest checks as create-job. */
import type { UpdateJobInput } from '../../protocol/api';
import { parseCommandArgs, requireFlag, type CliContext } from '../context';
import { openSession } from '../session';
import {
  fillAccessKeyId,
  jobTypeFlag,
  lintManifest,
  readManifestArgument,
  validateOnlyFlag,
} from './create-job';
import { updateJobOptions } from '../specs/importexport';

export async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs('update-job', args, updateJobOptions);
  const jobId = requireFlag('update-job', values, 'job-id');
  const jobType = jobTypeFlag('update-job', values);
  const given = await readManifestArgument('update-job', requireFlag('update-job', values, 'manifest'));
  const validateOnly = validateOnlyFlag('update-job', values);
  const { client, accessKeyId } = await openSession(ctx);
  const manifest = fillAccessKeyId(ctx, given, accessKeyId);
  await lintManifest(ctx, 'update-job', manifest, jobType);
  const input: UpdateJobInput = {
    JobId: jobId,
    JobType: jobType,
    Manifest: manifest.text,
    ValidateOnly: validateOnly,
  };
  if (values['api-version'] !== undefined) input.APIVersion = values['api-version'];
  ctx.print(await client.updateJob(input));
  return 0;
}
