/**
 * Limits from the Developer Guide's "Guidelines and Limitations" (reference 8.1) and the manifest rules
 * (reference 2.2). Drives, inventory and the receiving dock import these; keep them free of I/O.
 */
import type { JobKind } from './types';

/** Largest S3 object key, in UTF-8 bytes (also the cap on logPrefix + log name). */
export const MAX_KEY_BYTES = 1024;

/**
 * Largest file the service imports: "5 TB". We read TB as TiB (5 * 1024^4 bytes), the same reading S3 uses
 * for its 5 TB object limit; the DG does not say which.
 */
export const MAX_FILE_BYTES = 5 * 1024 ** 4;

/** Largest device capacity for S3 and EBS jobs: "16 TB", read as TiB like MAX_FILE_BYTES. */
export const MAX_DEVICE_BYTES = 16 * 1024 ** 4;

/** EBS devices larger than this (the old 1 TB EBS volume limit) land as image objects in logBucket. */
export const EBS_SNAPSHOT_MAX_DEVICE_BYTES = 1024 ** 4;

export const FILE_SYSTEM_NAMES = ['NTFS', 'EXT2', 'EXT3', 'EXT4', 'FAT32', 'HFSPlus'] as const;
export type FileSystemName = (typeof FILE_SYSTEM_NAMES)[number];

/**
 * File systems the service can read (import) or write (export). EBS and Glacier devices are imaged block by
 * block and never mounted, so any file system (or none) will do.
 */
export const SUPPORTED_FILE_SYSTEMS: Readonly<Record<JobKind, readonly FileSystemName[] | 'any'>> = {
  's3-import': ['NTFS', 'EXT2', 'EXT3', 'EXT4', 'FAT32', 'HFSPlus'],
  's3-export': ['NTFS', 'EXT2', 'EXT3', 'EXT4', 'FAT32'],
  'ebs-import': 'any',
  'glacier-import': 'any',
};

/**
 * The canonical name for a file-system label as tools report it (`ntfs`, `ext4`, `vfat`, `hfs+`...), or
 * undefined when it is none we know. Case-insensitive.
 */
export function canonicalFileSystem(name: string): FileSystemName | undefined {
  const n = name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  switch (n) {
    case 'ntfs':
      return 'NTFS';
    case 'ext2':
      return 'EXT2';
    case 'ext3':
      return 'EXT3';
    case 'ext4':
      return 'EXT4';
    case 'fat32':
    case 'vfat':
    case 'msdos':
      return 'FAT32';
    case 'hfsplus':
    case 'hfs+':
    case 'hfsx':
      return 'HFSPlus';
    default:
      return undefined;
  }
}

/** True when a device with this file system can be used for a job of this kind. */
export function isFileSystemSupported(kind: JobKind, fileSystem: string): boolean {
  const supported = SUPPORTED_FILE_SYSTEMS[kind];
  if (supported === 'any') return true;
  const canonical = canonicalFileSystem(fileSystem);
  return canonical !== undefined && supported.includes(canonical);
}
