import { describe, expect, it } from 'vitest';
import {
  ineligibleReasons,
  isEligible,
  mountpointContaining,
  type EligibilityContext,
  type IneligibleCode,
} from '../../../electron/drives/eligibility';
import { MAX_DEVICE_BYTES } from '../../../electron/protocol/manifest/limits';
import type { Drive } from '../../../electron/drives/types';
import { makeDrive } from './drive-fixture';

const TB16 = MAX_DEVICE_BYTES;

describe('ineligibleReasons', () => {
  const cases: Array<[string, Partial<Drive>, EligibilityContext, IneligibleCode[]]> = [
    ['a mounted ext4 USB stick for S3 import', {}, { jobKind: 's3-import' }, []],
    [
      'the system drive',
      { isSystem: true, mountpoints: [{ path: '/' }] },
      {},
      ['system', 'system-mountpoint'],
    ],
    ['a second disk mounted at /home', { mountpoints: [{ path: '/home' }] }, {}, ['system-mountpoint']],
    ['a disk mounted at /var', { mountpoints: [{ path: '/var' }] }, {}, ['system-mountpoint']],
    ['a disk mounted below /media is fine', { mountpoints: [{ path: '/media/x' }] }, {}, []],
    ['write-protected', { isReadOnly: true }, {}, ['read-only']],
    ['not mounted, S3 import', { mountpoints: [] }, { jobKind: 's3-import' }, ['not-mounted']],
    ['not mounted, no job kind', { mountpoints: [] }, {}, ['not-mounted']],
    [
      'not mounted, EBS import (imaged, never mounted)',
      { mountpoints: [], fileSystem: '' },
      { jobKind: 'ebs-import' },
      [],
    ],
    ['not mounted, Glacier import', { mountpoints: [] }, { jobKind: 'glacier-import' }, []],
    ['exactly 16 TiB', { sizeBytes: TB16 }, {}, []],
    ['one byte over 16 TiB', { sizeBytes: TB16 + 1 }, {}, ['too-large']],
    ['NTFS for S3 import', { fileSystem: 'ntfs' }, { jobKind: 's3-import' }, []],
    ['vfat for S3 export', { fileSystem: 'vfat' }, { jobKind: 's3-export' }, []],
    ['HFS+ for S3 import', { fileSystem: 'hfsplus' }, { jobKind: 's3-import' }, []],
    ['HFS+ for S3 export', { fileSystem: 'hfsplus' }, { jobKind: 's3-export' }, ['unsupported-file-system']],
    ['exFAT for S3 import', { fileSystem: 'exfat' }, { jobKind: 's3-import' }, ['unsupported-file-system']],
    [
      'no file system for S3 import',
      { fileSystem: '' },
      { jobKind: 's3-import' },
      ['unsupported-file-system'],
    ],
    ['exFAT for EBS import', { fileSystem: 'exfat' }, { jobKind: 'ebs-import' }, []],
    [
      'the drive holding the app data',
      { mountpoints: [{ path: '/media/data' }] },
      { appDataDir: '/media/data/dockhand', appDataMountpoint: '/media/data' },
      ['holds-app-data'],
    ],
    [
      'another drive than the app data one',
      {},
      { appDataDir: '/media/data/dockhand', appDataMountpoint: '/media/data' },
      [],
    ],
    [
      'read-only, too large, exFAT and unmounted at once',
      { isReadOnly: true, sizeBytes: TB16 * 2, fileSystem: 'exfat', mountpoints: [] },
      { jobKind: 's3-export' },
      ['read-only', 'not-mounted', 'too-large', 'unsupported-file-system'],
    ],
  ];

  it.each(cases)('%s', (_name, over, ctx, codes) => {
    const drive = makeDrive(over);
    expect(ineligibleReasons(drive, ctx).map((r) => r.code)).toEqual(codes);
    expect(isEligible(drive, ctx)).toBe(codes.length === 0);
  });

  it('explains each reason in a sentence naming the device', () => {
    const [system] = ineligibleReasons(makeDrive({ isSystem: true, device: '/dev/vda' }));
    expect(system?.message).toBe('/dev/vda is the system drive: Dockhand never writes to it.');
    const [fs] = ineligibleReasons(makeDrive({ fileSystem: 'exfat' }), { jobKind: 's3-export' });
    expect(fs?.message).toContain('NTFS, EXT2, EXT3, EXT4, FAT32');
    expect(fs?.message).toContain('exfat');
  });
});

describe('mountpointContaining', () => {
  it.each([
    ['/home/me/.local/share/dockhand', ['/', '/home', '/media/x'], '/home'],
    ['/media/xy/dockhand', ['/', '/media/x'], '/'],
    ['/media/x', ['/', '/media/x'], '/media/x'],
    ['/srv/a', [], undefined],
  ] as const)('%s within %j -> %s', (target, mps, expected) => {
    expect(mountpointContaining(target, mps)).toBe(expected);
  });
});
