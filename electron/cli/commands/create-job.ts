/** `dockhand create-job`: aws importexport create-job, with the manifest checked locally before it is sent. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isJobType, type CreateJobInput, type JobType } from '../../protocol/api';
import { readManifest } from '../../protocol/manifest/index';
import type { ManifestIssue, ManifestReadResult } from '../../protocol/manifest/types';
import { CliError, parseCommandArgs, requireFlag, type CliContext } from '../context';
import { redactAccessKeyId } from '../../importexport/redact';
import { captureIdentity, listDrives } from '../../drives/index';
import { writeSignature } from '../../signature/index';
import { openSession } from '../session';
import { newRequestToken, stampRequestToken } from '../../importexport/request-token';
import { packageInfo } from '../../runtime-layout';
import { resolveDrive } from './write-signature';
import { EXIT } from '../exit-codes';
import { createJobOptions } from '../specs/importexport';

/**
 * Our choice: without --validate-only or --no-validate-only the job is created (the AWS CLI leaves the
 * required boolean to the service, which then answers MissingParameterException).
 */
export const DEFAULT_VALIDATE_ONLY = false;

export interface ManifestArgument {
  text: string;
  /** The file it came from, for messages; undefined for inline text. */
  file?: string;
}

/**
 * `file://path` reads a file, anything else is the manifest text itself, as in the AWS CLI. A bare path
 * that names an existing file is almost always a forgotten `file://` (aws-cli issue #1298), so it fails.
 */
export async function readManifestArgument(command: string, value: string): Promise<ManifestArgument> {
  if (value.startsWith('file://')) {
    // As in the AWS CLI: file://m.yaml is relative to the working directory, file:///abs/m.yaml absolute.
    const file = path.resolve(value.slice('file://'.length));
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new CliError(
        'ManifestNotReadable',
        `dockhand ${command}: --manifest ${value}: cannot read ${file} (${code ?? (err as Error).message}); check the path.`,
        EXIT.USAGE,
      );
    }
    if (text.trim().length === 0) {
      throw new CliError(
        'EmptyManifest',
        `dockhand ${command}: --manifest ${value}: ${file} is empty.`,
        EXIT.USAGE,
      );
    }
    return { text, file };
  }
  const looksLikePath = !value.includes('\n') && value.length < 4096;
  if (looksLikePath) {
    const isFile = await stat(value).then(
      (s) => s.isFile(),
      () => false,
    );
    if (isFile) {
      throw new CliError(
        'ManifestIsAPath',
        `dockhand ${command}: --manifest ${value} names a file, but without file:// its name would be sent as the manifest. Use --manifest file://${value}`,
        EXIT.USAGE,
      );
    }
  }
  return { text: value };
}

export function formatIssue(issue: ManifestIssue, file?: string): string {
  const where = [file, issue.line, issue.column].filter((p) => p !== undefined).join(':');
  // Messages usually start with the field already; name it only when they do not.
  const field = issue.field && !issue.message.startsWith(issue.field) ? `${issue.field}: ` : '';
  return `${issue.severity}: ${where ? where + ': ' : ''}${field}${issue.message}\n  fix: ${issue.fix}`;
}

/**
 * Lints the manifest locally and prints every issue with its fix. Throws (nothing is sent) when any is an
 * error. Returns the read result for callers that want the job kind.
 */
export async function lintManifest(
  ctx: CliContext,
  command: string,
  manifest: ManifestArgument,
  jobType: JobType,
): Promise<ManifestReadResult> {
  const result = readManifest(manifest.text, jobType);
  const issues = result.ok ? result.warnings : result.issues;
  for (const issue of issues) ctx.err(formatIssue(issue, manifest.file));
  if (!result.ok) {
    const errors = result.issues.filter((i) => i.severity === 'error').length;
    const first = result.issues[0];
    throw new CliError(
      first?.code ?? 'InvalidManifest',
      `dockhand ${command}: the manifest${manifest.file ? ` ${manifest.file}` : ''} has ${errors} problem${errors === 1 ? '' : 's'} (listed above); nothing was sent. Fix them and run the command again.`,
      EXIT.USAGE,
    );
  }
  return result;
}

/**
 * The manifest must name the access key that signs the request. When it names none, we fill in the one in
 * use (and say so) rather than make the person look it up, e.g. for the local test endpoint's demo account.
 */
export function withAccessKeyId(text: string, accessKeyId: string): { text: string; added: boolean } {
  if (/^accessKeyId\s*:/m.test(text)) return { text, added: false };
  const version = /^manifestVersion\s*:.*(?:\r?\n|$)/m.exec(text);
  const line = `accessKeyId: ${accessKeyId}\n`;
  if (!version) return { text: line + text, added: true };
  const at = version.index + version[0].length;
  const sep = version[0].endsWith('\n') ? '' : '\n';
  return { text: text.slice(0, at) + sep + line + text.slice(at), added: true };
}

/** Fills in accessKeyId when the manifest has none, telling the person on stderr. */
export function fillAccessKeyId(
  ctx: CliContext,
  manifest: ManifestArgument,
  accessKeyId: string,
): ManifestArgument {
  const filled = withAccessKeyId(manifest.text, accessKeyId);
  if (filled.added) {
    ctx.err(
      `note: the manifest names no accessKeyId; using the signing key ${redactAccessKeyId(accessKeyId)}`,
    );
  }
  return { ...manifest, text: filled.text };
}

export function validateOnlyFlag(command: string, values: Record<string, unknown>): boolean {
  const yes = values['validate-only'] === true;
  const no = values['no-validate-only'] === true;
  if (yes && no) {
    throw new CliError(
      'InvalidArguments',
      `dockhand ${command}: give --validate-only or --no-validate-only, not both`,
      EXIT.USAGE,
    );
  }
  return yes ? true : no ? false : DEFAULT_VALIDATE_ONLY;
}

export function jobTypeFlag(command: string, values: Record<string, unknown>): JobType {
  const v = requireFlag(command, values, 'job-type');
  if (!isJobType(v)) {
    throw new CliError(
      'InvalidParameter',
      `dockhand ${command}: --job-type must be Import or Export, not "${v}"`,
      EXIT.USAGE,
    );
  }
  return v;
}

/**
 * One device, one live job: a second create-job for a deviceId the journal already holds a live job for is
 * refused before anything is sent (252, as a command-line problem the flag resolves), naming the job.
 */
async function refuseDuplicateDevice(endpointId: string, deviceId: string): Promise<void> {
  const { openJournal } = await import('../../jobs/journal');
  const { describeJob, liveJobsForDevice } = await import('../../jobs/device-jobs');
  const journal = openJournal({ endpoint: endpointId });
  let live;
  try {
    live = liveJobsForDevice(journal.listJobs(), deviceId);
  } finally {
    journal.close();
  }
  const [newest] = live;
  if (!newest) return;
  throw new CliError(
    'DuplicateDevice',
    `dockhand create-job: the local journal already holds live job${live.length > 1 ? 's' : ''} ` +
      `${live.map(describeJob).join(', ')} for deviceId ${deviceId}. One device goes with one job: ` +
      `finish that job or cancel it (dockhand cancel-job --job-id ${newest.jobId}), or add ` +
      '--allow-duplicate-device to create another job for this device anyway. Nothing was sent.',
    EXIT.USAGE,
  );
}

export async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs('create-job', args, createJobOptions);
  const jobType = jobTypeFlag('create-job', values);
  const given = await readManifestArgument('create-job', requireFlag('create-job', values, 'manifest'));
  const validateOnly = validateOnlyFlag('create-job', values);
  // The drive is resolved (and its identity captured) before the job exists, so a wrong mountpoint
  // costs nothing; writeSignature checks the identity again right before writing.
  const target =
    values['write-signature'] === undefined
      ? undefined
      : await resolveDrive(await listDrives(), { mountpoint: values['write-signature'] });
  const session = await openSession(ctx);
  const filled = fillAccessKeyId(ctx, given, session.accessKeyId);
  // This run's token, in the generator: after a network fault the client takes only a job carrying it.
  const manifest = validateOnly
    ? filled
    : {
        ...filled,
        text: stampRequestToken(filled.text, newRequestToken(), `Dockhand ${packageInfo().version}`),
      };
  const read = await lintManifest(ctx, 'create-job', manifest, jobType);
  if (!validateOnly && read.ok && values['allow-duplicate-device'] !== true) {
    await refuseDuplicateDevice(session.endpointId, read.manifest.deviceId);
  }

  const input: CreateJobInput = { JobType: jobType, Manifest: manifest.text, ValidateOnly: validateOnly };
  if (values['manifest-addendum'] !== undefined) input.ManifestAddendum = values['manifest-addendum'];
  if (values['api-version'] !== undefined) input.APIVersion = values['api-version'];
  const output = await session.client.createJob(input);
  ctx.print(output);

  if (!validateOnly) {
    const drive = target && {
      device: target.drive.device,
      serial: target.drive.serial,
      sizeBytes: target.drive.sizeBytes,
      mountpoint: target.mountpoint,
    };
    try {
      const { recordCreatedJob } = await import('../../jobs/journal');
      recordCreatedJob({
        endpoint: session.endpointId,
        input,
        output,
        ...(read.ok ? { kind: read.manifest.kind } : {}),
        ...(drive ? { drive } : {}),
      });
    } catch (err) {
      // The job exists at the endpoint either way; the journal is our local memory of it.
      ctx.err(
        `warning: job ${output.JobId} was created but could not be recorded in the local journal (${(err as Error).message}); "dockhand list-jobs" still shows it.`,
      );
    }
  }
  if (target && !validateOnly) {
    if (!output.SignatureFileContents) {
      throw new CliError(
        'NoSignature',
        `Job ${output.JobId} was created, but it has no SIGNATURE file (EBS and Glacier jobs use the barcode PDF in ArtifactList).`,
      );
    }
    const written = await writeSignature({
      identity: captureIdentity(target.drive, target.mountpoint),
      contents: output.SignatureFileContents,
      jobId: output.JobId,
    }).catch((err: unknown) => {
      ctx.err(
        `Job ${output.JobId} was created; its SIGNATURE was not written. Fix the drive, then run: dockhand write-signature --job-id ${output.JobId} --mountpoint ${target.mountpoint}`,
      );
      throw err;
    });
    ctx.err(
      `SIGNATURE for ${output.JobId} written to ${written.path} (${written.bytes} bytes) and read back.`,
    );
  }
  return 0;
}
