/** The drive source on real zram devices: what a person would see in the drive list. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  captureIdentity,
  eligibilityContextFor,
  ineligibleReasons,
  listDrives,
  verifyIdentity,
} from '../../electron/drives/index';
import { createZramDrive, unplugAllZramDrives, zramSkipReason } from '../helpers/zram';

const skip = zramSkipReason();
const MiB = 1024 * 1024;

afterEach(async () => {
  await unplugAllZramDrives();
});

describe.skipIf(skip !== undefined)('drive source on real drives', () => {
  it('lists a mounted ext4 drive with its label, fs, usage, a stable derived serial, and as eligible', async () => {
    const z = await createZramDrive({ sizeBytes: 32 * MiB, label: 'DOCKEXT' });
    const d = (await listDrives()).find((x) => x.device === z.devicePath);
    expect(d).toMatchObject({
      fileSystem: 'ext4',
      label: 'DOCKEXT',
      sizeBytes: 32 * MiB,
      serial: `zram:${z.fsUuid}`,
      serialSource: 'file-system-uuid',
      mountpoints: [{ path: z.mountpoint, label: 'DOCKEXT' }],
      bus: 'virtual',
      isSystem: false,
      isReadOnly: false,
    });
    expect(d?.freeBytes).toBeGreaterThan(0);
    expect(ineligibleReasons(d!, await eligibilityContextFor('s3-import'))).toEqual([]);
  });

  it('sees an NTFS drive (ntfs-3g) as NTFS, usable for S3 export', async () => {
    const z = await createZramDrive({ sizeBytes: 32 * MiB, fsType: 'ntfs', label: 'DOCKNT' });
    const d = (await listDrives()).find((x) => x.device === z.devicePath);
    expect(d).toMatchObject({ fileSystem: 'ntfs', label: 'DOCKNT', mountpoints: [{ path: z.mountpoint }] });
    expect(ineligibleReasons(d!, await eligibilityContextFor('s3-export'))).toEqual([]);
  });

  it('reports a read-only remount and an unmounted drive in words', async () => {
    const z = await createZramDrive({ sizeBytes: 32 * MiB });
    const identity = captureIdentity((await listDrives()).find((x) => x.device === z.devicePath)!);
    await z.remountReadOnly();
    const ro = (await listDrives()).find((x) => x.device === z.devicePath)!;
    expect(ineligibleReasons(ro).map((r) => r.code)).toEqual(['read-only']);
    expect(await verifyIdentity(identity)).toMatchObject({ ok: false, mismatch: { code: 'read-only' } });
    await z.unmount();
    const off = (await listDrives()).find((x) => x.device === z.devicePath)!;
    expect(ineligibleReasons(off, { jobKind: 's3-import' }).map((r) => r.code)).toEqual(['not-mounted']);
    expect(ineligibleReasons(off, { jobKind: 'ebs-import' })).toEqual([]);
    await z.unplug();
    expect(await verifyIdentity(identity)).toMatchObject({ ok: false, mismatch: { code: 'gone' } });
  });
});
