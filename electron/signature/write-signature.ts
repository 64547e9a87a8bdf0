/**
 * Writes the SIGNATURE file to the root of a chosen drive, and reads it back. The order matters:
 *   1. the drive is still the one chosen (identity) and still allowed (eligibility);
 *   2. the contents are canonical and belong to this job;
 *   3. a temp file is written and fsynced first, so a full or read-only device fails before anything else
 *      is touched;
 *   4. another job's SIGNATURE is kept (hard link, else copy) as SIGNATURE.<jobid>.bak, only when confirmed;
 *   5. rename over SIGNATURE (atomic), fsync the directory, read back byte for byte.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, link, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import {
  normalizeSignatureFileContents,
  parseSignatureFile,
  SIGNATURE_FILE_NAME,
  SignatureFileError,
  type SignatureFile,
} from '../../protocol/signature-file';
import type { JobKind } from '../../protocol/manifest/types';
import { eligibilityContextFor } from '../drives/app-data';
import { ineligibleReasons } from '../drives/eligibility';
import { verifyIdentity, type DriveIdentity, type IdentityMismatchCode } from '../drives/identity';
import { listDrives } from '../drives/source';
import type { Drive } from '../drives/types';
import {
  assertNever,
  codeForErrno,
  messageForWriteFailure,
  SignatureWriteError,
  type SignatureWriteErrorCode,
} from './errors';

export interface WriteSignatureOptions {
  identity: DriveIdentity;
  /** SignatureFileContents as GetStatus/CreateJob returned it. */
  contents: string;
  jobId: string;
  /** Replace another job's SIGNATURE (kept as SIGNATURE.<oldjobid>.bak). */
  confirmReplace?: boolean;
  /** Checks the file system for this job kind too. */
  jobKind?: JobKind;
  /** Edge for tests: the drive list used for the identity and eligibility checks. */
  listDrives?: () => Promise<Drive[]>;
  env?: NodeJS.ProcessEnv;
}

export interface WriteSignatureResult {
  path: string;
  bytes: number;
  backupPath?: string;
  /** The job whose SIGNATURE was replaced, if any. */
  replacedJobId?: string;
}

function identityCode(code: IdentityMismatchCode): SignatureWriteErrorCode {
  switch (code) {
    case 'gone':
      return 'DeviceGone';
    case 'read-only':
      return 'ReadOnly';
    case 'different-mountpoint':
      return 'NotMounted';
    case 'different-serial':
    case 'different-size':
    case 'different-file-system':
      return 'DifferentDrive';
    default:
      return assertNever(code);
  }
}

/** Job IDs are case-insensitive (reference section 1). */
function sameJob(a: string, b: string): boolean {
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (err) {
    // FUSE (ntfs-3g) and some others refuse fsync on a directory; the rename is still durable after umount.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EISDIR' && code !== 'EBADF') throw err;
  } finally {
    await handle.close();
  }
}

/** A free SIGNATURE.<jobid>[.n].bak name, or the existing one when it already holds these very bytes. */
async function backupPathFor(
  dir: string,
  oldJobId: string,
  bytes: Buffer,
): Promise<{ path: string; exists: boolean }> {
  const safeId = oldJobId.replace(/[^A-Za-z0-9_-]/g, '_') || 'unknown';
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, `${SIGNATURE_FILE_NAME}.${safeId}${n === 1 ? '' : `.${n}`}.bak`);
    const existing = await readIfExists(candidate);
    if (!existing) return { path: candidate, exists: false };
    if (existing.equals(bytes)) return { path: candidate, exists: true };
  }
}

async function keepBackup(signaturePath: string, backupPath: string): Promise<void> {
  try {
    // A hard link needs no space and is atomic: the old SIGNATURE stays intact either way.
    await link(signaturePath, backupPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw err;
    await copyFile(signaturePath, backupPath);
    const h = await open(backupPath, 'r+');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  }
}

export async function writeSignature(options: WriteSignatureOptions): Promise<WriteSignatureResult> {
  const { identity } = options;
  const device = identity.device;
  const mountpoint = identity.mountpoint;
  const fail = (code: SignatureWriteErrorCode, message: string, existingJobId?: string): never => {
    throw new SignatureWriteError(code, message, device, mountpoint, existingJobId);
  };

  // 2 first: bad contents are the caller's mistake and need no device at all.
  let canonical: string;
  let parsed: SignatureFile;
  try {
    canonical = normalizeSignatureFileContents(options.contents);
    parsed = parseSignatureFile(canonical);
  } catch (err) {
    if (!(err instanceof SignatureFileError)) throw err;
    return fail(
      'InvalidContents',
      `The SIGNATURE contents for job ${options.jobId} are not usable: ${err.message}. Fetch them again with "dockhand get-status --job-id ${options.jobId}".`,
    );
  }
  if (!sameJob(parsed.jobId, options.jobId)) {
    return fail(
      'JobIdMismatch',
      `The SIGNATURE contents are for job ${parsed.jobId}, not job ${options.jobId}. Fetch the contents for job ${options.jobId} again.`,
    );
  }
  if (!mountpoint) {
    return fail(
      'NotMounted',
      `${device} is not mounted: mount it, choose it again, then write the SIGNATURE file.`,
    );
  }

  // 1. Identity and eligibility, against a fresh scan.
  const check = await verifyIdentity(identity, options.listDrives ?? listDrives);
  if (!check.ok) return fail(identityCode(check.mismatch.code), check.mismatch.message);
  const ctx = await eligibilityContextFor(options.jobKind, options.env);
  const reasons = ineligibleReasons(check.drive, ctx);
  if (reasons.length > 0) {
    return fail(
      reasons[0]?.code === 'read-only' ? 'ReadOnly' : 'NotEligible',
      `Dockhand will not write to ${device}: ${reasons.map((r) => r.message).join(' ')}`,
    );
  }

  const signaturePath = path.join(mountpoint, SIGNATURE_FILE_NAME);
  const bytes = Buffer.from(canonical, 'utf8');
  const tempPath = path.join(mountpoint, `.${SIGNATURE_FILE_NAME}.${randomBytes(6).toString('hex')}.tmp`);
  let tempCreated = false;
  let stage = 'reading the existing SIGNATURE';
  try {
    // 4 (decision only): whose SIGNATURE is there now?
    const existing = await readIfExists(signaturePath);
    let oldJobId: string | undefined;
    if (existing) {
      try {
        oldJobId = parseSignatureFile(existing.toString('utf8')).jobId;
      } catch {
        oldJobId = 'unreadable';
      }
      if (sameJob(oldJobId, options.jobId)) oldJobId = undefined;
      else if (!options.confirmReplace) {
        return fail(
          'OtherJobSignature',
          `${device} (mounted at ${mountpoint}) already carries the SIGNATURE of job ${oldJobId}. Each device ships for one job: use another drive, or replace it with --force (the old file is kept as SIGNATURE.${oldJobId}.bak).`,
          oldJobId,
        );
      }
    }

    // 3. Temp file, fully on disk before anything else changes.
    stage = 'writing a temporary file';
    const handle = await open(tempPath, 'wx', 0o644);
    tempCreated = true;
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }

    let backupPath: string | undefined;
    if (existing && oldJobId !== undefined) {
      stage = 'keeping the old SIGNATURE';
      const backup = await backupPathFor(mountpoint, oldJobId, existing);
      if (!backup.exists) await keepBackup(signaturePath, backup.path);
      backupPath = backup.path;
    }

    // 5. Atomic swap, then make the directory entry durable.
    stage = 'renaming into place';
    await rename(tempPath, signaturePath);
    tempCreated = false;
    await fsyncDir(mountpoint);

    stage = 'reading back';
    const back = await readFile(signaturePath);
    if (!back.equals(bytes)) {
      return fail('VerifyFailed', messageForWriteFailure('VerifyFailed', device, mountpoint, 'bytes differ'));
    }
    return {
      path: signaturePath,
      bytes: bytes.length,
      ...(backupPath ? { backupPath } : {}),
      ...(oldJobId !== undefined ? { replacedJobId: oldJobId } : {}),
    };
  } catch (err) {
    if (tempCreated) await unlink(tempPath).catch(() => undefined);
    if (err instanceof SignatureWriteError) throw err;
    const errno = (err as NodeJS.ErrnoException).code;
    const code = codeForErrno(errno);
    const detail = `${errno ?? 'error'} while ${stage}: ${(err as Error).message}`;
    throw new SignatureWriteError(
      code,
      messageForWriteFailure(code, device, mountpoint, detail),
      device,
      mountpoint,
    );
  }
}

export interface SignatureOnDrive {
  path: string;
  text: string;
  /** Null when the file is not a readable SIGNATURE; `error` says why. */
  parsed: SignatureFile | null;
  error?: string;
}

/** The SIGNATURE in a mountpoint's root, or null when there is none. */
export async function readSignature(mountpoint: string): Promise<SignatureOnDrive | null> {
  const file = path.join(mountpoint, SIGNATURE_FILE_NAME);
  const bytes = await readIfExists(file);
  if (!bytes) return null;
  const text = bytes.toString('utf8');
  try {
    return { path: file, text, parsed: parseSignatureFile(text) };
  } catch (err) {
    return { path: file, text, parsed: null, error: (err as Error).message };
  }
}

export type SignatureVerification =
  | { ok: true; path: string; exact: boolean }
  | { ok: false; reason: 'missing' | 'unreadable' | 'different'; message: string };

/**
 * Does the drive carry these contents? Field-by-field, as the service reads it leniently; `exact` says
 * whether the bytes are the canonical ones Dockhand writes.
 */
export async function verifySignature(
  mountpoint: string,
  expectedContents: string,
): Promise<SignatureVerification> {
  const expected = parseSignatureFile(expectedContents);
  const found = await readSignature(mountpoint);
  if (!found) {
    return { ok: false, reason: 'missing', message: `There is no SIGNATURE file in ${mountpoint}.` };
  }
  if (!found.parsed) {
    return {
      ok: false,
      reason: 'unreadable',
      message: `${found.path} is not a valid SIGNATURE file (${found.error ?? 'unreadable'}); write it again.`,
    };
  }
  const p = found.parsed;
  const same =
    p.version === expected.version &&
    p.signingMethod === expected.signingMethod &&
    sameJob(p.jobId, expected.jobId) &&
    p.signature === expected.signature;
  if (!same) {
    return {
      ok: false,
      reason: 'different',
      message: sameJob(p.jobId, expected.jobId)
        ? `${found.path} is for job ${p.jobId} but its signature differs (the job may have been updated); write it again.`
        : `${found.path} belongs to job ${p.jobId}, not job ${expected.jobId}.`,
    };
  }
  return {
    ok: true,
    path: found.path,
    exact: found.text === normalizeSignatureFileContents(expectedContents),
  };
}
