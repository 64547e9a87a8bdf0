/** Facts about the mounted device that the OS knows: its file system type and its capacity. */
import { execFile } from 'node:child_process';
import fsp from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const FINDMNT_TIMEOUT_MS = 5_000;

/** statfs magic numbers (linux/magic.h) for when findmnt is missing. ext2/3/4 share one; all three are accepted alike. */
const FS_MAGIC: ReadonlyMap<number, string> = new Map([
  [0xef53, 'ext4'],
  [0x4d44, 'vfat'],
  [0x5346544e, 'ntfs'],
  [0x482b, 'hfsplus'],
  [0x2011bab0, 'exfat'],
  [0x01021994, 'tmpfs'],
  [0x58465342, 'xfs'],
  [0x9123683e, 'btrfs'],
  [0x794c7630, 'overlay'],
]);

export interface DeviceInfo {
  fileSystem?: string;
  /** The file system's capacity (what the device offers), in bytes. */
  sizeBytes?: number;
}

export async function deviceInfo(mountpoint: string): Promise<DeviceInfo> {
  const info: DeviceInfo = {};
  try {
    const s = await fsp.statfs(mountpoint);
    info.sizeBytes = s.blocks * s.bsize;
    const byMagic = FS_MAGIC.get(s.type);
    if (byMagic) info.fileSystem = byMagic;
  } catch {
    // Reported when the walk fails on the same path, in better words.
  }
  try {
    const { stdout } = await run('findmnt', ['-n', '-o', 'FSTYPE', '--target', mountpoint], {
      timeout: FINDMNT_TIMEOUT_MS,
    });
    const type = stdout.trim().split('\n')[0]?.trim();
    // FUSE NTFS (ntfs-3g) shows as fuseblk; keep the statfs answer unless findmnt names something real.
    if (type && type !== 'fuseblk') info.fileSystem = type;
    else if (type === 'fuseblk' && !info.fileSystem) info.fileSystem = 'ntfs';
  } catch {
    // findmnt is util-linux; without it the statfs answer stands.
  }
  return info;
}
