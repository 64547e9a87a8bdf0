import { describe, expect, it } from 'vitest';
import {
  canonicalFileSystem,
  isFileSystemSupported,
  MAX_DEVICE_BYTES,
  MAX_FILE_BYTES,
  MAX_KEY_BYTES,
  SUPPORTED_FILE_SYSTEMS,
} from '../../../electron/protocol/manifest/limits';

describe('limits', () => {
  it('carries the DG numbers', () => {
    expect(MAX_KEY_BYTES).toBe(1024);
    expect(MAX_FILE_BYTES).toBe(5 * 1024 ** 4);
    expect(MAX_DEVICE_BYTES).toBe(16 * 1024 ** 4);
    expect(SUPPORTED_FILE_SYSTEMS['s3-export']).not.toContain('HFSPlus');
  });

  it.each([
    ['s3-import', 'ntfs', true],
    ['s3-import', 'hfs+', true],
    ['s3-import', 'vfat', true],
    ['s3-import', 'btrfs', false],
    ['s3-export', 'ext4', true],
    ['s3-export', 'hfsplus', false],
    ['ebs-import', 'btrfs', true],
    ['glacier-import', '', true],
  ] as const)('%s on %s → %s', (kind, fs, expected) => {
    expect(isFileSystemSupported(kind, fs)).toBe(expected);
  });

  it('names file systems canonically', () => {
    expect(['NTFS', 'ext2', 'Ext3', 'EXT4', 'msdos', 'HFSPlus', 'zfs'].map(canonicalFileSystem)).toEqual([
      'NTFS',
      'EXT2',
      'EXT3',
      'EXT4',
      'FAT32',
      'HFSPlus',
      undefined,
    ]);
  });
});
