/** Mounts a device for the loading station (read-only for an import, read-write for an export) in a temp dir. */
import { execFile } from 'node:child_process';
import { mkdtemp, rmdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Mounted {
  mountpoint: string;
  unmount(): Promise<void>;
}

export async function mountDevice(device: string, mode: 'ro' | 'rw'): Promise<Mounted> {
  const mountpoint = await mkdtemp(path.join(os.tmpdir(), 'dockhand-dock-'));
  try {
    // noexec,nosuid,nodev: a customer's device is data, never code.
    await run('mount', ['-o', `${mode},noexec,nosuid,nodev`, device, mountpoint]);
  } catch (err) {
    await rmdir(mountpoint).catch(() => undefined);
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new Error(
      `could not mount ${device} ${mode === 'ro' ? 'read-only' : 'read-write'}: ${stderr || String(err)}`,
      { cause: err },
    );
  }
  return {
    mountpoint,
    async unmount() {
      await run('umount', [mountpoint]);
      await rmdir(mountpoint);
    },
  };
}
