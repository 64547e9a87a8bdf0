/** What a failed file means, in words naming it, and whether the run can safely go on with the others. */
import type { NotCopied, NotCopiedReason } from './types';
import { CopySideError } from './write-file';

export type CopyErrorCode =
  | 'DeviceGone'
  | 'DifferentDrive'
  | 'ReadOnly'
  | 'NotMounted'
  | 'NotEligible'
  | 'DoesNotFit'
  | 'InvalidPlan'
  | 'NothingToResume';

/** A refusal before the first byte is written (or a resume that cannot start). */
export class CopyError extends Error {
  constructor(
    readonly code: CopyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CopyError';
  }
}

/** Errors that say the drive as a whole is unusable now: no other file would fare better. */
const STOPPING: readonly NotCopiedReason[] = ['device-full', 'read-only', 'device-gone'];

export function stopsTheRun(reason: NotCopiedReason): boolean {
  return STOPPING.includes(reason);
}

function driveReason(errno: string | undefined): NotCopiedReason {
  switch (errno) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return 'device-full';
    case 'EROFS':
      return 'read-only';
    case 'EIO':
    case 'ENODEV':
    case 'ENXIO':
    case 'ESHUTDOWN':
    case 'ENOTCONN':
    case 'EUCLEAN':
    case 'ESTALE':
      return 'device-gone';
    case 'ENAMETOOLONG':
    case 'EILSEQ':
    case 'EINVAL':
      return 'name-not-representable';
    default:
      return 'write-failed';
  }
}

/** The not-copied entry for a file whose copy failed. */
export function describeFailure(
  source: string,
  destPath: string,
  mountpoint: string,
  err: unknown,
): NotCopied {
  if (!(err instanceof CopySideError)) {
    return {
      source,
      reason: 'write-failed',
      message: `${source} could not be copied to ${destPath}: ${(err as Error).message}.`,
      fix: 'Run the same copy again; finished files are kept and skipped.',
    };
  }
  const errno = err.errno ?? err.message;
  if (err.side === 'source') {
    if (err.errno === 'ENOENT') {
      return {
        source,
        reason: 'source-vanished',
        message: `${source} disappeared before it could be copied (${errno}).`,
        fix: 'If it moved, name it where it is now and run the copy again.',
      };
    }
    return {
      source,
      reason: 'unreadable',
      message: `${source} could not be read while copying (${errno} during ${err.step}).`,
      fix:
        err.errno === 'EACCES' || err.errno === 'EPERM'
          ? 'Give your user read permission on it, then run the same copy again.'
          : 'Check the disk it is on, then run the same copy again.',
    };
  }
  const reason = driveReason(err.errno);
  const again = `run the same copy again (dockhand copy --resume --to ${mountpoint}): finished files are kept and skipped.`;
  switch (reason) {
    case 'device-full':
      return {
        source,
        reason,
        message: `The drive at ${mountpoint} became full while writing ${destPath} (${errno}).`,
        fix: `Free space on the drive (or copy fewer files), then ${again}`,
      };
    case 'read-only':
      return {
        source,
        reason,
        message: `The drive at ${mountpoint} became read-only while writing ${destPath} (${errno}); the OS does this after write errors.`,
        fix: `Check the drive's write-protect switch, unplug and re-plug it, then ${again}`,
      };
    case 'device-gone':
      return {
        source,
        reason,
        message: `The drive at ${mountpoint} stopped answering while writing ${destPath} (${errno}): it was unplugged or failed. Nothing was left half-written under that name.`,
        fix: `Plug the drive back in and mount it, then ${again}`,
      };
    case 'name-not-representable':
      return {
        source,
        reason,
        message: `${destPath} cannot be stored under that name on this drive's file system (${errno}).`,
        fix: 'Rename the file (shorter, without characters such as : ? * " < > | on FAT and NTFS drives), then copy it again.',
      };
    default:
      return {
        source,
        reason,
        message: `${source} could not be written to ${destPath} (${errno} during ${err.step}).`,
        fix: `Check the drive and its permissions, then ${again}`,
      };
  }
}
