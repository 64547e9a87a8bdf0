import { describe, expect, it } from 'vitest';
import { parseBlkidExport, parseLsblkJson, parseMountinfo } from '../../../electron/drives/probe-parsers';

describe('parseLsblkJson', () => {
  it('reads util-linux 2.38 output with partitions, MOUNTPOINTS arrays and numbers', () => {
    const text = JSON.stringify({
      blockdevices: [
        {
          name: 'sdb',
          path: '/dev/sdb',
          serial: ' 4C530001 ',
          model: 'SanDisk Extreme',
          fstype: null,
          label: null,
          size: 64023257088,
          mountpoints: [null],
          ro: false,
          rm: true,
          tran: 'usb',
          hotplug: true,
          fsused: null,
          fsavail: null,
          pkname: null,
          type: 'disk',
          uuid: null,
          children: [
            {
              name: 'sdb1',
              path: '/dev/sdb1',
              fstype: 'ntfs',
              label: 'My\\x20Photos',
              size: 64022208512,
              mountpoints: ['/media/me/My Photos'],
              ro: false,
              fsused: 1000,
              fsavail: 2000,
              pkname: 'sdb',
              type: 'part',
              uuid: 'ABCD',
            },
          ],
        },
      ],
    });
    const [disk] = parseLsblkJson(text);
    expect(disk).toMatchObject({
      path: '/dev/sdb',
      serial: '4C530001',
      transport: 'usb',
      removable: true,
      hotplug: true,
      sizeBytes: 64023257088,
      mountpoints: [],
    });
    expect(disk?.children[0]).toMatchObject({
      path: '/dev/sdb1',
      label: 'My Photos',
      fsType: 'ntfs',
      mountpoints: ['/media/me/My Photos'],
      fsUsedBytes: 1000,
      fsAvailBytes: 2000,
      parentName: 'sdb',
    });
  });

  it('tolerates old lsblk: MOUNTPOINT string, "0"/"1" flags, numeric strings, no PATH or FSUSED', () => {
    const text =
      '{"blockdevices":[{"name":"sdc","size":"1000000","mountpoint":"/mnt/x","ro":"1","rm":"0","type":"disk"}]}';
    const [disk] = parseLsblkJson(text);
    expect(disk).toMatchObject({
      path: '/dev/sdc',
      sizeBytes: 1_000_000,
      mountpoints: ['/mnt/x'],
      readOnly: true,
      removable: false,
      fsUsedBytes: null,
      serial: '',
    });
  });

  it('returns nothing for an empty device list', () => {
    expect(parseLsblkJson('{}')).toEqual([]);
  });
});

describe('parseBlkidExport', () => {
  it('reads several devices separated by blank lines', () => {
    const text = 'DEVNAME=/dev/zram1\nLABEL=DOCK\nUUID=b627\nTYPE=ext4\n\nDEVNAME=/dev/zram2\nTYPE=ntfs\n';
    const m = parseBlkidExport(text);
    expect(m.get('/dev/zram1')).toEqual({
      device: '/dev/zram1',
      fsType: 'ext4',
      label: 'DOCK',
      uuid: 'b627',
    });
    expect(m.get('/dev/zram2')?.fsType).toBe('ntfs');
  });
});

describe('parseMountinfo', () => {
  it('reads the per-mount read-only flag, fs type, source and escaped paths', () => {
    const text = [
      '27 1 254:0 / / rw,relatime - ext4 /dev/vda rw',
      '90 27 252:1 / /tmp/with\\040space ro,relatime - ext4 /dev/zram1 ro',
      '91 27 252:2 / /mnt/nt rw,relatime - fuseblk /dev/zram2 rw,user_id=0',
    ].join('\n');
    expect(parseMountinfo(text)).toEqual([
      { devNumber: '254:0', mountpoint: '/', readOnly: false, fsType: 'ext4', source: '/dev/vda' },
      {
        devNumber: '252:1',
        mountpoint: '/tmp/with space',
        readOnly: true,
        fsType: 'ext4',
        source: '/dev/zram1',
      },
      { devNumber: '252:2', mountpoint: '/mnt/nt', readOnly: false, fsType: 'fuseblk', source: '/dev/zram2' },
    ]);
  });
});
