/** Does the plan fit the drive? Pure: the caller gathers free space and block size (statfs). */
import { formatBytes } from '../inventory/findings';
import { MAX_DEVICE_BYTES } from '../protocol/manifest/limits';
import type { FitCheck, PlannedFile } from './types';

/** FAT32 stores a file's size in 32 bits. */
export const FAT32_MAX_FILE_BYTES = 2 ** 32 - 1;

export interface DriveSpace {
  freeBytes: number;
  blockBytes: number;
  deviceSizeBytes: number;
  /** As the OS reports it (`ext4`, `vfat`, `ntfs`...). */
  fileSystem: string;
}

export function checkFit(
  files: readonly Pick<PlannedFile, 'size' | 'destPath'>[],
  dirCount: number,
  space: DriveSpace,
): FitCheck {
  const block = Math.max(512, space.blockBytes);
  // Each file takes whole blocks; each new folder at least one. Metadata beyond that (extent trees for very
  // fragmented files) is small next to a block per file and is what the margin below is for.
  let needed = dirCount * block;
  for (const f of files) needed += Math.ceil(f.size / block) * block;
  const marginBytes = Math.ceil(needed / 1000);
  needed += marginBytes;
  const problems: string[] = [];
  if (needed > space.freeBytes) {
    problems.push(
      `The files need ${formatBytes(needed)} on the drive but it has ${formatBytes(space.freeBytes)} free. ` +
        `Free ${formatBytes(needed - space.freeBytes)} on it, copy fewer files, or use a larger drive.`,
    );
  }
  if (space.deviceSizeBytes > MAX_DEVICE_BYTES) {
    problems.push(
      `The drive holds ${formatBytes(space.deviceSizeBytes)}; AWS Import/Export takes devices of at most ${formatBytes(MAX_DEVICE_BYTES)}. Use a smaller drive.`,
    );
  }
  if (/^(vfat|fat32|msdos)$/i.test(space.fileSystem)) {
    const tooBig = files.filter((f) => f.size > FAT32_MAX_FILE_BYTES);
    for (const f of tooBig.slice(0, 10)) {
      problems.push(
        `${f.destPath} is ${formatBytes(f.size)}; a FAT32 drive holds files of at most 4 GiB. Format the drive as exFAT, NTFS or ext4, or split the file.`,
      );
    }
    if (tooBig.length > 10) problems.push(`...and ${tooBig.length - 10} more files over 4 GiB.`);
  }
  return { fits: problems.length === 0, neededBytes: needed, freeBytes: space.freeBytes, problems };
}
