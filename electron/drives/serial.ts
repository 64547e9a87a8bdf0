/**
 * A serial for every drive. The manifest's deviceId and our identity checks both need one, but zram, most
 * VMs and many USB bridges report none. Our choice (documented in the README): fall back to
 * `<kernel name stem>:<file-system UUID>` (e.g. `zram:b627d7ce-...`, `sd:36FF1D48...`), which survives
 * re-plugging and changes when the device is reformatted; with no file system either, `<kernel name>:<size>`,
 * which is only as stable as the device's name.
 */
import path from 'node:path';
import type { SerialSource } from './types';

export interface DerivedSerial {
  serial: string;
  serialSource: SerialSource;
}

/** Bridges and VMs often report placeholders instead of nothing. */
const PLACEHOLDER_SERIALS = new Set(['', '0', '00000000', '0000000000000000', 'none', 'null', 'unknown']);

export function deriveSerial(input: {
  device: string;
  hardwareSerial: string;
  fsUuid: string;
  sizeBytes: number;
}): DerivedSerial {
  const hw = input.hardwareSerial.trim();
  if (!PLACEHOLDER_SERIALS.has(hw.toLowerCase())) return { serial: hw, serialSource: 'hardware' };
  const name = path.basename(input.device);
  if (input.fsUuid) {
    // sdb and sdc are the same kind of device: drop the drive letters so a re-plug keeps the id.
    const stem = /^(sd|hd|vd|xvd)[a-z]+$/.exec(name)?.[1] ?? /^[a-z]+/i.exec(name)?.[0] ?? 'dev';
    return { serial: `${stem}:${input.fsUuid}`, serialSource: 'file-system-uuid' };
  }
  return { serial: `${name}:${input.sizeBytes}`, serialSource: 'device-name' };
}
