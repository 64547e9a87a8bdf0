import type { Drive } from '../../../electron/drives/types';

/** A mounted, writable 64 GB USB stick with ext4; override what a case is about. */
export function makeDrive(over: Partial<Drive> = {}): Drive {
  return {
    device: '/dev/sdb',
    displayName: 'BACKUP (/dev/sdb)',
    model: 'SanDisk Extreme',
    serial: '4C530001',
    serialSource: 'hardware',
    sizeBytes: 64_000_000_000,
    mountpoints: [{ path: '/media/me/BACKUP', label: 'BACKUP' }],
    fileSystem: 'ext4',
    label: 'BACKUP',
    fsUuid: 'u-1',
    usedBytes: 1000,
    freeBytes: 2000,
    bus: 'USB',
    isSystem: false,
    isReadOnly: false,
    isRemovable: true,
    isVirtual: false,
    ...over,
  };
}
