import { describe, expect, it } from 'vitest';
import { deriveSerial } from '../../../electron/drives/serial';

describe('deriveSerial', () => {
  it.each([
    ['/dev/sdb', 'WD-WX1234', 'u-1', 1, 'WD-WX1234', 'hardware'],
    ['/dev/zram3', '', 'b627d7ce', 1, 'zram:b627d7ce', 'file-system-uuid'],
    ['/dev/sdc', '0000000000000000', 'AB12', 1, 'sd:AB12', 'file-system-uuid'],
    ['/dev/nvme0n1', '  ', '', 512, 'nvme0n1:512', 'device-name'],
  ] as const)(
    '%s serial %j uuid %j -> %s',
    (device, hardwareSerial, fsUuid, sizeBytes, serial, serialSource) => {
      expect(deriveSerial({ device, hardwareSerial, fsUuid, sizeBytes })).toEqual({ serial, serialSource });
    },
  );
});
