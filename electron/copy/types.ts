/** What `dockhand copy` (and the wizard's Add files step) plans, does and reports. */
import type { DriveIdentity } from '../drives/index';
import type { Manifest } from '../protocol/manifest/types';

/** Temporary files are named `<TEMP_PREFIX><random hex>` in the file's own folder until complete. */
export const TEMP_PREFIX = '.dockhand-copy-';

export interface CopyRequest {
  /** Files and folders on this machine, copied the way `cp -r SOURCE... DEST/` does. */
  sources: string[];
  /** The drive, captured when the person chose it; re-checked before starting and before each resume. */
  identity: DriveIdentity;
  /** Folder on the drive, relative to its root ('' = the root). */
  targetDir: string;
  /** Its ignore rules, prefix and substitutions decide what is copied and what each key becomes. */
  manifest?: Manifest;
}

/** One regular file to put on the drive. */
export interface PlannedFile {
  /** Absolute source path, raw bytes (names need not be UTF-8). */
  source: Buffer;
  /** Drive-relative destination, `/`-separated, as raw bytes. */
  dest: Buffer;
  /** Decoded `dest` for messages and records. */
  destPath: string;
  size: number;
  mtimeMs: number;
}

/** Why something in the sources is not copied. `ignored`, `symlink` and `special-file` are by design. */
export type NotCopiedReason =
  | 'ignored'
  | 'symlink'
  | 'special-file'
  | 'name-not-utf8'
  | 'key-too-long'
  | 'file-too-large'
  | 'unreadable'
  | 'source-vanished'
  | 'device-full'
  | 'read-only'
  | 'device-gone'
  | 'name-not-representable'
  | 'write-failed'
  | 'cancelled';

export interface NotCopied {
  /** The source path as given (decoded). */
  source: string;
  reason: NotCopiedReason;
  /** What happened, naming the file. */
  message: string;
  /** What to do about it. */
  fix: string;
}

/** Reasons that are the manifest's or the file type's doing, not a failure: they do not make the run fail. */
export const BY_DESIGN: readonly NotCopiedReason[] = ['ignored', 'symlink', 'special-file'];

export interface CopyPlan {
  files: PlannedFile[];
  /** Folders to create (drive-relative, parents first), so empty folders arrive too. */
  dirs: Buffer[];
  notCopied: NotCopied[];
  bytes: number;
}

export interface FitCheck {
  fits: boolean;
  /** Bytes the files need on the drive, rounded up to its block size. */
  neededBytes: number;
  freeBytes: number;
  /** Why it does not fit, naming the limit; empty when it fits. */
  problems: string[];
}

export type CopyPhase = 'planning' | 'copying' | 'verifying';

export interface CopyProgress {
  phase: CopyPhase;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  bytesPerSecond: number;
  /** null while unknown. */
  secondsLeft: number | null;
}

export interface VerifyMismatch {
  path: string;
  expectedMd5: string;
  /** null when the file could not be read back at all. */
  actualMd5: string | null;
  message: string;
}

export interface CopyResult {
  mountpoint: string;
  targetDir: string;
  copied: number;
  copiedBytes: number;
  /** Already on the drive from an earlier run, recorded and unchanged: not read again. */
  skippedUnchanged: number;
  /** Temporary files of an interrupted run that were removed. */
  leftoversRemoved: number;
  notCopied: NotCopied[];
  verify?: { files: number; bytes: number; mismatches: VerifyMismatch[]; method: string };
  cancelled: boolean;
}
