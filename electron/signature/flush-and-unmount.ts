/** The wizard's last step on a drive: flush it, unmount it, and say when it is safe to pull. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { DriveIdentity } from '../drives/identity';
import { codeForErrno, messageForWriteFailure, SignatureWriteError } from './errors';

const run = promisify(execFile);

/** A dying drive can make sync hang for a long time; beyond this we give up and tell the user. */
const FLUSH_TIMEOUT_MS = 60_000;

export interface UnmountResult {
  device: string;
  mountpoint: string;
  message: string;
}

export async function flushAndUnmount(identity: DriveIdentity): Promise<UnmountResult> {
  const { device, mountpoint } = identity;
  if (!mountpoint) {
    return { device, mountpoint, message: `${device} is not mounted: it is safe to unplug.` };
  }
  try {
    // syncfs on just this file system: the rest of the machine's dirty pages are none of our business.
    await run('sync', ['-f', mountpoint], { timeout: FLUSH_TIMEOUT_MS });
    await run(
      process.platform === 'darwin' ? 'diskutil' : 'umount',
      process.platform === 'darwin' ? ['unmount', mountpoint] : [mountpoint],
      {
        timeout: FLUSH_TIMEOUT_MS,
      },
    );
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? '');
    const code = /busy/i.test(stderr)
      ? 'Busy'
      : /not mounted|no mount point/i.test(stderr)
        ? undefined
        : codeForErrno((err as NodeJS.ErrnoException).code);
    if (code === undefined) {
      return {
        device,
        mountpoint,
        message: `${device} is not mounted at ${mountpoint} any more: it is safe to unplug.`,
      };
    }
    throw new SignatureWriteError(
      code,
      code === 'Busy'
        ? messageForWriteFailure('Busy', device, mountpoint, stderr.trim())
        : `Could not unmount ${device} from ${mountpoint} (${stderr.trim() || (err as Error).message}). Do not unplug it yet; close any program using it and try again.`,
      device,
      mountpoint,
    );
  }
  return { device, mountpoint, message: `${device} is flushed and unmounted: it is safe to unplug.` };
}
