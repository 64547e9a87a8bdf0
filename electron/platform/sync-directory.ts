/** Making a rename or removal inside a folder durable: one place, so every writer follows the platform rule. */
import { constants as fsConstants } from 'node:fs';
import { open } from 'node:fs/promises';
import { canFsyncDirectory, type Platform } from './index';

/**
 * fsyncs the folder `dir` (a path, or its bytes where a name is not UTF-8) so that a rename or removal in it
 * survives a pulled drive or a power cut. On Windows there is no such call (NTFS journals the rename itself),
 * so it does nothing there.
 */
export async function syncDirectory(
  dir: string | Buffer,
  platform: Platform = process.platform,
): Promise<void> {
  if (!canFsyncDirectory(platform)) return;
  const handle = await open(dir, fsConstants.O_RDONLY | fsConstants.O_DIRECTORY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
