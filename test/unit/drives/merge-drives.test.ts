import { describe, expect, it } from 'vitest';
import { mergeDrives, type DrivelistEntry, type ProbeSnapshot } from '../../../electron/drives/merge-drives';
import { parseLsblkJson, parseMountinfo } from '../../../electron/drives/probe-parsers';

function dl(over: Partial<DrivelistEntry> & { device: string }): DrivelistEntry {
  return {
    description: '',
    size: null,
    mountpoints: [],
    isReadOnly: false,
    isSystem: false,
    isRemovable: false,
    isVirtual: false,
    busType: 'UNKNOWN',
    ...over,
  };
}

function snapshot(over: Partial<ProbeSnapshot>): ProbeSnapshot {
  return {
    drivelist: [],
    lsblk: [],
    blkid: new Map(),
    mounts: [],
    swapDevices: [],
    usage: new Map(),
    ...over,
  };
}

/** What this very machine looked like without udev: lsblk knows sizes and mounts, blkid knows the rest. */
const NO_UDEV_LSBLK = JSON.stringify({
  blockdevices: [
    { name: 'zram0', path: '/dev/zram0', size: 0, mountpoints: [null], type: 'disk' },
    {
      name: 'zram1',
      path: '/dev/zram1',
      size: 67108864,
      mountpoints: ['/tmp/zt1'],
      fsused: 24576,
      fsavail: 53956608,
      type: 'disk',
    },
    { name: 'zram2', path: '/dev/zram2', size: 67108864, mountpoints: [null], type: 'disk' },
    {
      name: 'vda',
      path: '/dev/vda',
      size: 274877906944,
      mountpoints: ['/'],
      fsused: 1,
      fsavail: 2,
      type: 'disk',
    },
  ],
});

describe('mergeDrives', () => {
  const snap = snapshot({
    drivelist: [
      dl({ device: '/dev/zram0', isVirtual: true, isRemovable: true }),
      dl({ device: '/dev/zram1', size: 67108864, isVirtual: true, isRemovable: true }),
      dl({ device: '/dev/zram2', size: 67108864, isVirtual: true, isRemovable: true }),
      dl({ device: '/dev/vda', size: 274877906944, description: '0x1af4', isSystem: true }),
    ],
    lsblk: parseLsblkJson(NO_UDEV_LSBLK),
    blkid: new Map([
      ['/dev/zram1', { device: '/dev/zram1', fsType: 'ext4', label: 'DOCK', uuid: 'b627' }],
      ['/dev/zram2', { device: '/dev/zram2', fsType: 'ntfs', label: '', uuid: '36FF' }],
    ]),
    mounts: parseMountinfo(
      ['27 1 254:0 / / rw - ext4 /dev/vda rw', '90 27 252:1 / /tmp/zt1 rw - ext4 /dev/zram1 rw'].join('\n'),
    ),
  });
  const drives = mergeDrives(snap);

  it('skips devices of size 0 (an unsized zram, an empty card slot)', () => {
    expect(drives.map((d) => d.device)).toEqual(['/dev/vda', '/dev/zram1', '/dev/zram2']);
  });

  it('fills file system, label and UUID from blkid and derives a serial from the UUID', () => {
    expect(drives[1]).toMatchObject({
      device: '/dev/zram1',
      displayName: 'DOCK (/dev/zram1)',
      fileSystem: 'ext4',
      label: 'DOCK',
      fsUuid: 'b627',
      serial: 'zram:b627',
      serialSource: 'file-system-uuid',
      mountpoints: [{ path: '/tmp/zt1', label: 'DOCK' }],
      usedBytes: 24576,
      freeBytes: 53956608,
      bus: 'virtual',
      isRemovable: true,
      isSystem: false,
      isReadOnly: false,
    });
    expect(drives[2]).toMatchObject({
      fileSystem: 'ntfs',
      mountpoints: [],
      usedBytes: null,
      freeBytes: null,
    });
  });

  it('marks the drive holding / as the system drive', () => {
    expect(drives[0]).toMatchObject({ device: '/dev/vda', isSystem: true, model: '0x1af4' });
  });

  it('sees a read-only remount through mountinfo even though the block device is writable', () => {
    const ro = mergeDrives({
      ...snap,
      mounts: parseMountinfo('90 27 252:1 / /tmp/zt1 ro,relatime - ext4 /dev/zram1 ro'),
    });
    expect(ro.find((d) => d.device === '/dev/zram1')?.isReadOnly).toBe(true);
  });

  it('treats a device used as swap as a system drive', () => {
    const withSwap = mergeDrives({ ...snap, swapDevices: ['/dev/zram2'] });
    expect(withSwap.find((d) => d.device === '/dev/zram2')?.isSystem).toBe(true);
  });

  it('takes a USB disk file system, label and mounts from its partition, and its hardware serial', () => {
    const lsblk = parseLsblkJson(
      JSON.stringify({
        blockdevices: [
          {
            name: 'sdb',
            path: '/dev/sdb',
            serial: 'WD-123',
            model: 'My Passport',
            size: 2000398934016,
            tran: 'usb',
            rm: false,
            hotplug: true,
            type: 'disk',
            children: [
              {
                name: 'sdb1',
                path: '/dev/sdb1',
                fstype: 'ntfs',
                label: 'PASSPORT',
                uuid: 'AAA',
                size: 2000397885440,
                mountpoints: ['/media/me/PASSPORT'],
                fsused: 10,
                fsavail: 20,
                type: 'part',
              },
            ],
          },
        ],
      }),
    );
    const [usb] = mergeDrives(snapshot({ drivelist: null, lsblk }));
    expect(usb).toMatchObject({
      device: '/dev/sdb',
      displayName: 'PASSPORT (/dev/sdb)',
      serial: 'WD-123',
      serialSource: 'hardware',
      bus: 'USB',
      fileSystem: 'ntfs',
      mountpoints: [{ path: '/media/me/PASSPORT', label: 'PASSPORT' }],
      usedBytes: 10,
      freeBytes: 20,
      isRemovable: true,
    });
    expect(usb?.partitions?.[0]).toMatchObject({ device: '/dev/sdb1', fileSystem: 'ntfs', fsUuid: 'AAA' });
  });

  it('uses statfs figures when lsblk is too old for FSUSED/FSAVAIL', () => {
    const lsblk = parseLsblkJson(
      '{"blockdevices":[{"name":"sdc","size":"1000","mountpoint":"/mnt/c","type":"disk"}]}',
    );
    const [d] = mergeDrives(
      snapshot({ drivelist: null, lsblk, usage: new Map([['/mnt/c', { usedBytes: 7, freeBytes: 9 }]]) }),
    );
    expect(d).toMatchObject({ usedBytes: 7, freeBytes: 9, mountpoints: [{ path: '/mnt/c' }] });
  });
});
