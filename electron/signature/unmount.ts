/** "Safe to unplug" is said only after the device's file system is flushed and unmounted. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { DriveIdentity } from '../drives/index';
import { ejectSteps, isBusyEjectFailure } from '../platform/index';
import { SignatureWriteError } from './errors';

const run = promisify(execFile);
const UNMOUNT_TIMEOUT_MS = 60_000;

export interface UnmountResult {
  device: string;
  mountpoint: string;
  safeToUnplug: true;
}

export async function flushAndUnmount(identity: DriveIdentity): Promise<UnmountResult> {
  const { device, mountpoint } = identity;
  if (!mountpoint) {
    throw new SignatureWriteError(
      'NotMounted',
      `${device} is not mounted; nothing to unmount.`,
      device,
      mountpoint,
    );
  }
  try {
    // Linux: sync -f then umount; macOS: diskutil eject; Windows: Explorer's Eject (electron/platform).
    for (const step of ejectSteps(process.platform, device, mountpoint)) {
      await run(step.command, step.args, { timeout: UNMOUNT_TIMEOUT_MS });
    }
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? (err as Error).message).trim();
    const busy = isBusyEjectFailure(stderr);
    throw new SignatureWriteError(
      busy ? 'Busy' : 'WriteFailed',
      busy
        ? `${device} (mounted at ${mountpoint}) is busy: a program still has files open on it. Close them, then eject again.`
        : `${device} could not be unmounted from ${mountpoint} (${stderr.split('\n')[0]}); do not unplug it yet. Eject it from your desktop, then unplug.`,
      device,
      mountpoint,
    );
  }
  return { device, mountpoint, safeToUnplug: true };
}
