/**
 * "Is this still the drive the user chose?" Captured when the user picks a drive, checked again right
 * before every write: a drive swapped at the same mountpoint or device path must never get another job's
 * SIGNATURE.
 */
import { listDrives } from './source';
import type { Drive } from './types';

export interface DriveIdentity {
  device: string;
  serial: string;
  sizeBytes: number;
  /** The mountpoint chosen for writing ('' when the drive was not mounted). */
  mountpoint: string;
  fsUuid?: string;
}

export type IdentityMismatchCode =
  | 'gone'
  | 'different-serial'
  | 'different-size'
  | 'different-file-system'
  | 'different-mountpoint'
  | 'read-only';

export interface IdentityMismatch {
  code: IdentityMismatchCode;
  message: string;
}

export type IdentityCheck = { ok: true; drive: Drive } | { ok: false; mismatch: IdentityMismatch };

/** `mountpoint` picks one when the drive has several; by default the first. */
export function captureIdentity(drive: Drive, mountpoint?: string): DriveIdentity {
  const mp = mountpoint ?? drive.mountpoints[0]?.path ?? '';
  if (mountpoint !== undefined && !drive.mountpoints.some((m) => m.path === mountpoint)) {
    throw new Error(`${drive.device} is not mounted at ${mountpoint}`);
  }
  return {
    device: drive.device,
    serial: drive.serial,
    sizeBytes: drive.sizeBytes,
    mountpoint: mp,
    ...(drive.fsUuid ? { fsUuid: drive.fsUuid } : {}),
  };
}

const AGAIN = 'Choose the drive again before writing to it.';

/** Pure: compares the captured identity with a fresh list of drives. */
export function compareIdentity(captured: DriveIdentity, drives: readonly Drive[]): IdentityCheck {
  const fail = (code: IdentityMismatchCode, message: string): IdentityCheck => ({
    ok: false,
    mismatch: { code, message },
  });
  const drive = drives.find((d) => d.device === captured.device);
  if (!drive) {
    const moved = drives.find((d) => d.serial === captured.serial);
    return fail(
      'gone',
      moved
        ? `${captured.device} is gone; the same drive (serial ${captured.serial}) now shows as ${moved.device}. ${AGAIN}`
        : `${captured.device} (serial ${captured.serial}) is no longer connected. Plug it back in and choose it again.`,
    );
  }
  if (drive.serial !== captured.serial) {
    return fail(
      'different-serial',
      `${captured.device} is now a different drive (serial ${drive.serial}, expected ${captured.serial}). ${AGAIN}`,
    );
  }
  if (drive.sizeBytes !== captured.sizeBytes) {
    return fail(
      'different-size',
      `${captured.device} now holds ${drive.sizeBytes} bytes, not the ${captured.sizeBytes} it held when chosen. ${AGAIN}`,
    );
  }
  if (captured.fsUuid && drive.fsUuid && drive.fsUuid !== captured.fsUuid) {
    return fail(
      'different-file-system',
      `${captured.device} was reformatted (file system ${drive.fsUuid}, expected ${captured.fsUuid}). ${AGAIN}`,
    );
  }
  if (captured.mountpoint && !drive.mountpoints.some((m) => m.path === captured.mountpoint)) {
    const now = drive.mountpoints.map((m) => m.path).join(', ');
    return fail(
      'different-mountpoint',
      `${captured.device} is no longer mounted at ${captured.mountpoint}${now ? ` (now at ${now})` : ''}. Mount it there again or choose it again.`,
    );
  }
  if (drive.isReadOnly) {
    return fail(
      'read-only',
      `${captured.device} is now read-only: check its write-protect switch, or remount it read-write.`,
    );
  }
  return { ok: true, drive };
}

/** Re-scans and compares; call right before every write. */
export async function verifyIdentity(
  captured: DriveIdentity,
  list: () => Promise<Drive[]> = listDrives,
): Promise<IdentityCheck> {
  return compareIdentity(captured, await list());
}
