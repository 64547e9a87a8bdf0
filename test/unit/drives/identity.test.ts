import { describe, expect, it } from 'vitest';
import {
  captureIdentity,
  compareIdentity,
  type IdentityMismatchCode,
} from '../../../electron/drives/identity';
import type { Drive } from '../../../electron/drives/types';
import { makeDrive } from './drive-fixture';

describe('captureIdentity', () => {
  it('keeps device, serial, size, the first mountpoint and the fs UUID', () => {
    expect(captureIdentity(makeDrive())).toEqual({
      device: '/dev/sdb',
      serial: '4C530001',
      sizeBytes: 64_000_000_000,
      mountpoint: '/media/me/BACKUP',
      fsUuid: 'u-1',
    });
  });
  it('refuses a mountpoint the drive does not have', () => {
    expect(() => captureIdentity(makeDrive(), '/mnt/other')).toThrow(/not mounted at \/mnt\/other/);
  });
});

describe('compareIdentity', () => {
  const captured = captureIdentity(makeDrive());
  const cases: Array<[string, Drive[], IdentityMismatchCode | 'ok']> = [
    ['the same drive', [makeDrive()], 'ok'],
    ['the same drive with more data on it', [makeDrive({ usedBytes: 5, freeBytes: 1 })], 'ok'],
    ['nothing plugged in', [], 'gone'],
    ['the drive moved to another device path', [makeDrive({ device: '/dev/sdc' })], 'gone'],
    ['another drive at the same device path', [makeDrive({ serial: 'OTHER' })], 'different-serial'],
    ['a different size', [makeDrive({ sizeBytes: 1 })], 'different-size'],
    ['reformatted', [makeDrive({ fsUuid: 'u-2' })], 'different-file-system'],
    ['unmounted', [makeDrive({ mountpoints: [] })], 'different-mountpoint'],
    ['mounted elsewhere', [makeDrive({ mountpoints: [{ path: '/mnt/x' }] })], 'different-mountpoint'],
    ['remounted read-only', [makeDrive({ isReadOnly: true })], 'read-only'],
  ];
  it.each(cases)('%s', (_name, drives, expected) => {
    const result = compareIdentity(captured, drives);
    expect(result.ok ? 'ok' : result.mismatch.code).toBe(expected);
  });

  it('says where a moved drive went', () => {
    const result = compareIdentity(captured, [makeDrive({ device: '/dev/sdc' })]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.mismatch.message).toContain('/dev/sdc');
  });
});
