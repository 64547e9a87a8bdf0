import { describe, expect, it } from 'vitest';
import { checkFit, FAT32_MAX_FILE_BYTES } from '../../../electron/copy/fit';

const MiB = 1024 * 1024;
const space = { freeBytes: 10 * MiB, blockBytes: 4096, deviceSizeBytes: 64 * MiB, fileSystem: 'ext4' };

describe('checkFit', () => {
  it('counts whole blocks per file and a block per new folder', () => {
    const r = checkFit(
      [
        { size: 1, destPath: 'a' },
        { size: 4097, destPath: 'b' },
        { size: 0, destPath: 'c' },
      ],
      2,
      space,
    );
    expect(r.fits).toBe(true);
    // 1 + 2 + 0 blocks, 2 folders, plus the 0.1% margin rounded up.
    expect(r.neededBytes).toBe(5 * 4096 + Math.ceil((5 * 4096) / 1000));
  });

  it('says how much is missing when it does not fit', () => {
    const r = checkFit([{ size: 12 * MiB, destPath: 'big.bin' }], 0, space);
    expect(r.fits).toBe(false);
    expect(r.problems[0]).toMatch(
      /need 12\.0 MiB on the drive but it has 10\.0 MiB free\. Free 2\.0 MiB on it/,
    );
  });

  it('names files FAT32 cannot hold', () => {
    const r = checkFit([{ size: FAT32_MAX_FILE_BYTES + 1, destPath: 'movie.mkv' }], 0, {
      ...space,
      freeBytes: 2 ** 40,
      fileSystem: 'vfat',
    });
    expect(r.problems).toEqual([
      expect.stringContaining('movie.mkv is 4.0 GiB; a FAT32 drive holds files of at most 4 GiB'),
    ]);
  });
});
