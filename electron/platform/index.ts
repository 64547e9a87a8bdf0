/**
 * What differs between Linux, macOS and Windows, as pure rules taking the platform (table-tested in
 * test/unit/platform): the callers (signature, drives, labels) run what these say. Linux is what this machine
 * can exercise for real; the macOS and Windows rules follow each system's documented tools.
 */

export type Platform = NodeJS.Platform;

/**
 * Whether a directory can be opened and fsynced to make a rename in it durable. Windows has no such call
 * (opening a directory as a file fails with EISDIR/EPERM; NTFS journals the rename itself), so it is skipped there.
 */
export function canFsyncDirectory(platform: Platform): boolean {
  return platform !== 'win32';
}

/** One command to run, with its arguments (never through a shell). */
export interface CommandStep {
  command: string;
  args: string[];
}

/** `/dev/disk4s1` → `/dev/disk4`: diskutil ejects whole disks. */
export function macWholeDisk(device: string): string {
  return device.replace(/^(\/dev\/r?disk\d+)s\d+$/, '$1');
}

/** `E:\`, `E:` or `e:/` → `E`; undefined for a folder mount point. */
export function windowsDriveLetter(mountpoint: string): string | undefined {
  return /^([A-Za-z]):[\\/]?$/.exec(mountpoint)?.[1]?.toUpperCase();
}

/**
 * How to flush and detach a drive so it is safe to unplug:
 * - Linux (and other Unixes): `sync -f` flushes this file system, `umount` writes the rest and detaches it.
 * - macOS: `diskutil eject` unmounts every volume of the disk (flushing them) and ejects it.
 * - Windows: Explorer's own "Eject" verb on the drive letter (Shell.Application, what the tray icon does),
 *   which flushes and dismounts; a folder mount point has no letter, so `mountvol PATH /p` dismounts it.
 */
export function ejectSteps(platform: Platform, device: string, mountpoint: string): CommandStep[] {
  switch (platform) {
    case 'darwin':
      return [{ command: 'diskutil', args: ['eject', macWholeDisk(device)] }];
    case 'win32': {
      const letter = windowsDriveLetter(mountpoint);
      if (!letter) return [{ command: 'mountvol', args: [mountpoint, '/p'] }];
      // The letter is checked to be A-Z above, so it is safe inside the command text.
      const script =
        "$ErrorActionPreference = 'Stop'; " +
        `$item = (New-Object -ComObject Shell.Application).Namespace(17).ParseName('${letter}:'); ` +
        `if ($null -eq $item) { throw 'drive ${letter}: is not there' }; $item.InvokeVerb('Eject')`;
      return [{ command: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-Command', script] }];
    }
    default:
      return [
        { command: 'sync', args: ['-f', mountpoint] },
        { command: 'umount', args: [mountpoint] },
      ];
  }
}

/** A failed eject because a program still has files open (umount "target is busy", diskutil "dissented"). */
export function isBusyEjectFailure(stderr: string): boolean {
  return /busy|dissent|in use/i.test(stderr);
}

/**
 * How the drive watcher notices a plug or an unplug:
 * - Linux: a fingerprint of /sys/block and the mount table every 250 ms (a few reads), woken early by an
 *   fs.watch on /dev; the full lsblk/blkid scan only when the fingerprint moved.
 * - macOS: the names of /dev/disk* every 250 ms (one readdir), woken early by fs.watch on /dev; mount changes
 *   without a new disk are picked up by the periodic full rescan.
 * - Windows (and anything else): no /dev to read, so no cheap fingerprint; a drivelist scan every 2 s instead of
 *   a full scan every 250 ms.
 */
export interface DrivesWatchPlan {
  intervalMs: number;
  fingerprint: 'sysfs' | 'dev-disks' | 'none';
  watchDev: boolean;
}

export const FINGERPRINT_INTERVAL_MS = 250;
export const NO_FINGERPRINT_INTERVAL_MS = 2_000;

export function drivesWatchPlan(platform: Platform): DrivesWatchPlan {
  switch (platform) {
    case 'linux':
      return { intervalMs: FINGERPRINT_INTERVAL_MS, fingerprint: 'sysfs', watchDev: true };
    case 'darwin':
      return { intervalMs: FINGERPRINT_INTERVAL_MS, fingerprint: 'dev-disks', watchDev: true };
    default:
      return { intervalMs: NO_FINGERPRINT_INTERVAL_MS, fingerprint: 'none', watchDev: false };
  }
}

/** The macOS fingerprint: the whole disks and slices under /dev, sorted (raw `rdisk` twins are the same disks). */
export function macDiskFingerprint(devNames: readonly string[]): string {
  return devNames
    .filter((n) => /^disk\d+(s\d+)?$/.test(n))
    .sort()
    .join(',');
}

/** Labels print through CUPS (`lp`) on Linux and macOS, and through pdf-to-printer (SumatraPDF) on Windows. */
export function printingBackend(platform: Platform): 'cups' | 'windows' {
  return platform === 'win32' ? 'windows' : 'cups';
}
