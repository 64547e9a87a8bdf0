/** `dockhand write-signature`: the job's SIGNATURE onto the chosen drive's root, verified. */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { captureIdentity, listDrives, type Drive } from '../../drives/index';
import { writeSignature } from '../../signature/index';
import { CliError, parseCommandArgs, requireFlag, type CliContext } from '../context';
import { openSession } from '../session';
import { EXIT } from '../exit-codes';
import { writeSignatureOptions } from '../specs/devices';

/** The drive and mountpoint meant by --mountpoint or --device; an error that lists the choices otherwise. */
export async function resolveDrive(
  drives: readonly Drive[],
  target: { mountpoint?: string; device?: string },
): Promise<{ drive: Drive; mountpoint: string }> {
  if (target.mountpoint !== undefined) {
    const wanted = await realpath(path.resolve(target.mountpoint)).catch(() =>
      path.resolve(target.mountpoint as string),
    );
    for (const drive of drives) {
      const mp = drive.mountpoints.find((m) => m.path === wanted);
      if (mp) return { drive, mountpoint: mp.path };
    }
    throw new CliError(
      'NoSuchDrive',
      `No drive is mounted at ${wanted}. Run "dockhand drives" to see the drives and where they are mounted.`,
    );
  }
  const device = target.device as string;
  const drive = drives.find((d) => d.device === device || d.partitions?.some((p) => p.device === device));
  if (!drive) {
    throw new CliError(
      'NoSuchDrive',
      `${device} is not a drive Dockhand can see. Run "dockhand drives" to list them.`,
    );
  }
  const mountpoint =
    drive.partitions?.find((p) => p.device === device)?.mountpoints[0]?.path ?? drive.mountpoints[0]?.path;
  if (!mountpoint) {
    throw new CliError('NotMounted', `${device} is not mounted; mount it, then run the command again.`);
  }
  return { drive, mountpoint };
}

export async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs('write-signature', args, writeSignatureOptions);
  const jobId = requireFlag('write-signature', values, 'job-id').toUpperCase();
  if ((values.mountpoint === undefined) === (values.device === undefined)) {
    throw new CliError(
      'InvalidArguments',
      'dockhand write-signature: give exactly one of --mountpoint DIR or --device DEV',
      EXIT.USAGE,
    );
  }
  const { drive, mountpoint } = await resolveDrive(await listDrives(), {
    ...(values.mountpoint !== undefined ? { mountpoint: values.mountpoint } : {}),
    ...(values.device !== undefined ? { device: values.device } : {}),
  });
  // The identity is captured before the network call and checked again right before the write.
  const identity = captureIdentity(drive, mountpoint);
  const session = await openSession(ctx);
  const status = await session.client.getStatus(jobId);
  if (!status.SignatureFileContents) {
    throw new CliError(
      'NoSignature',
      `Job ${jobId} has no SIGNATURE file (EBS and Glacier jobs use the barcode PDF in their ArtifactList instead).`,
    );
  }
  const result = await writeSignature({
    identity,
    contents: status.SignatureFileContents,
    jobId,
    confirmReplace: values.force === true,
  });
  try {
    const { openJournal } = await import('../../jobs/journal');
    const journal = openJournal({ endpoint: session.endpointId });
    try {
      if (journal.getJob(jobId)) {
        journal.recordDrive(jobId, {
          device: drive.device,
          serial: drive.serial,
          sizeBytes: drive.sizeBytes,
          mountpoint,
        });
        journal.recordSignature(jobId, { path: result.path, bytes: result.bytes });
      }
    } finally {
      journal.close();
    }
  } catch (err) {
    ctx.err(
      `warning: the SIGNATURE was written but not recorded in the local journal (${(err as Error).message})`,
    );
  }
  ctx.print({
    JobId: jobId,
    Device: drive.device,
    Serial: drive.serial,
    Path: result.path,
    Bytes: result.bytes,
    Replaced: result.replaced,
    ...(result.backupPath ? { BackupPath: result.backupPath } : {}),
    ...(result.replacedJobId ? { ReplacedJobId: result.replacedJobId } : {}),
  });
  if (result.replacedJobId) {
    // On stderr, so --output json stays one document; a person running --force reads what to do next here.
    ctx.err(
      `The SIGNATURE of job ${result.replacedJobId} that was on ${drive.device} is kept at ${result.backupPath ?? '(no backup)'}, ` +
        `in Dockhand's data, not on the drive.`,
    );
    if (result.replacedJobId !== 'UNKNOWN') {
      ctx.err(
        `That drive now carries job ${jobId}. If job ${result.replacedJobId} will not ship, cancel it: ` +
          `dockhand cancel-job --job-id ${result.replacedJobId}`,
      );
    }
  }
  return 0;
}
