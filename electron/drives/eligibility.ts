/**
 * Safety rules: may Dockhand prepare this drive for this kind of job? Pure functions returning typed
 * reasons, each with a sentence for people; the wizard and the CLI show them as they are.
 */
import path from 'node:path';
import { MAX_DEVICE_BYTES, isFileSystemSupported, SUPPORTED_FILE_SYSTEMS } from '../protocol/manifest/limits';
import type { JobKind } from '../protocol/manifest/types';
import type { Drive } from './types';

export type IneligibleCode =
  | 'system'
  | 'system-mountpoint'
  | 'holds-app-data'
  | 'read-only'
  | 'not-mounted'
  | 'too-large'
  | 'unsupported-file-system';

export interface IneligibleReason {
  code: IneligibleCode;
  message: string;
}

export interface EligibilityContext {
  /** Absent: every rule except the file-system one, as for writing a SIGNATURE. */
  jobKind?: JobKind;
  /** appPaths().root, resolved: the drive holding it is never offered. */
  appDataDir?: string;
  /** The mountpoint the app data dir lives under (see mountpointContaining); computed by the caller. */
  appDataMountpoint?: string;
}

/**
 * Mountpoints the OS itself lives on. A drive mounted at one of these is part of the running system even if
 * drivelist does not flag it (a separate /home or /var disk).
 */
export const SYSTEM_MOUNTPOINTS: readonly string[] = [
  '/',
  '/boot',
  '/boot/efi',
  '/efi',
  '/usr',
  '/var',
  '/home',
  '/opt',
  '/srv',
  '/etc',
  '/root',
  '/tmp',
  '/nix',
  '/snap',
  '/System',
  '/Applications',
  '/Users',
  '/private',
];

/** The longest mountpoint that contains `target` (all paths absolute), or undefined. */
export function mountpointContaining(target: string, mountpoints: readonly string[]): string | undefined {
  const t = path.resolve(target);
  let best: string | undefined;
  for (const m of mountpoints) {
    const mp = path.resolve(m);
    const inside = t === mp || t.startsWith(mp.endsWith(path.sep) ? mp : mp + path.sep);
    if (inside && (best === undefined || mp.length > best.length)) best = mp;
  }
  return best;
}

/** True when the job kind needs a mounted file system (S3 jobs carry a SIGNATURE file in the root). */
function needsMount(kind: JobKind | undefined): boolean {
  if (kind === undefined) return true;
  switch (kind) {
    case 's3-import':
    case 's3-export':
      return true;
    case 'ebs-import':
    case 'glacier-import':
      return false;
    default:
      return assertNever(kind);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected job kind ${String(x)}`);
}

function formatTiB(bytes: number): string {
  return `${(bytes / 1024 ** 4).toFixed(1)} TiB`;
}

function fsList(kind: JobKind): string {
  const s = SUPPORTED_FILE_SYSTEMS[kind];
  return s === 'any' ? 'any' : s.join(', ');
}

/** Every reason this drive cannot be used; empty means eligible. Order: most serious first. */
export function ineligibleReasons(drive: Drive, ctx: EligibilityContext = {}): IneligibleReason[] {
  const reasons: IneligibleReason[] = [];
  const mps = drive.mountpoints.map((m) => m.path);
  if (drive.isSystem) {
    reasons.push({
      code: 'system',
      message: `${drive.device} is the system drive: Dockhand never writes to it.`,
    });
  }
  const sysMount = mps.find((m) => SYSTEM_MOUNTPOINTS.includes(m));
  if (sysMount) {
    reasons.push({
      code: 'system-mountpoint',
      message: `${drive.device} is mounted at ${sysMount}, where the operating system lives: Dockhand never writes to it.`,
    });
  }
  if (ctx.appDataMountpoint && mps.includes(ctx.appDataMountpoint)) {
    reasons.push({
      code: 'holds-app-data',
      message: `${drive.device} holds Dockhand's own data (${ctx.appDataDir ?? ctx.appDataMountpoint}); choose another drive or move DOCKHAND_HOME.`,
    });
  }
  if (drive.isReadOnly) {
    reasons.push({
      code: 'read-only',
      message: `${drive.device} is read-only: check its write-protect switch, or remount it read-write.`,
    });
  }
  if (needsMount(ctx.jobKind) && mps.length === 0) {
    reasons.push({
      code: 'not-mounted',
      message: `${drive.device} has no mounted file system: mount it so Dockhand can write the SIGNATURE file to its root.`,
    });
  }
  if (drive.sizeBytes > MAX_DEVICE_BYTES) {
    reasons.push({
      code: 'too-large',
      message: `${drive.device} holds ${formatTiB(drive.sizeBytes)}; AWS Import/Export takes devices up to ${formatTiB(MAX_DEVICE_BYTES)}.`,
    });
  }
  if (ctx.jobKind && !isFileSystemSupported(ctx.jobKind, drive.fileSystem)) {
    reasons.push({
      code: 'unsupported-file-system',
      message: `${drive.device} has ${drive.fileSystem ? `a ${drive.fileSystem} file system` : 'no file system we can read'}; a ${ctx.jobKind} job needs one of: ${fsList(ctx.jobKind)}.`,
    });
  }
  return reasons;
}

export function isEligible(drive: Drive, ctx: EligibilityContext = {}): boolean {
  return ineligibleReasons(drive, ctx).length === 0;
}
