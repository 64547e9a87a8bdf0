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
  const type = (await mountedType(mountpoint)) ?? (await findmntType(mountpoint));
  // FUSE NTFS (ntfs-3g) shows as fuseblk; keep the statfs answer unless the mount table names something real.
  if (type && type !== 'fuseblk') info.fileSystem = type;
  else if (type === 'fuseblk' && !info.fileSystem) info.fileSystem = 'ntfs';
  return info;
}

/**
 * The type of the mount holding `target`, from /proc/self/mountinfo (the same table findmnt reads), without
 * starting a process: the longest mount point that contains the target's real path; a later line (a mount
 * on top) wins a tie.
 */
async function mountedType(target: string): Promise<string | undefined> {
  let table: string;
  let real: string;
  try {
    [table, real] = await Promise.all([fsp.readFile('/proc/self/mountinfo', 'utf8'), fsp.realpath(target)]);
  } catch {
    return undefined;
  }
  let best: { point: string; type: string } | undefined;
  for (const line of table.split('\n')) {
    const fields = line.split(' ');
    const dash = fields.indexOf('-');
    const point = fields[4];
    const type = fields[dash + 1];
    if (dash < 0 || point === undefined || type === undefined) continue;
    // Spaces, tabs, newlines and backslashes in mount points are written as octal escapes.
    const decoded = point.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    const inside = decoded === '/' || real === decoded || real.startsWith(decoded + '/');
    if (inside && (!best || decoded.length >= best.point.length)) best = { point: decoded, type };
  }
  return best?.type;
}

/** findmnt (util-linux), where there is no /proc. */
async function findmntType(target: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('findmnt', ['-n', '-o', 'FSTYPE', '--target', target], {
      timeout: FINDMNT_TIMEOUT_MS,
    });
    return stdout.trim().split('\n')[0]?.trim() || undefined;
  } catch {
    return undefined;
  }
}
