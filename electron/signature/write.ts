/**
 * Writes SignatureFileContents to `<mountpoint>/SIGNATURE` so that nothing else on the device changes and a
 * failure never leaves half a file: identity and eligibility re-checked first, then temp file, fsync,
 * rename, fsync of the directory, read back and compare.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { copyFile, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  SIGNATURE_FILE_NAME,
  SignatureFileError,
  normalizeSignatureFileContents,
  parseSignatureFile,
  type SignatureFile,
} from '../protocol/signature-file';
import { appDataDir } from '../app-paths';
import { eligibilityContextFor, ineligibleReasons, listDrives, verifyIdentity } from '../drives/index';
import type { Drive, DriveIdentity } from '../drives/index';
import { SignatureWriteError, codeForErrno, messageForWriteFailure } from './errors';
import { syncDirectory } from '../platform/sync-directory';

export interface WriteSignatureInput {
  /** Captured when the person chose the drive (electron/drives captureIdentity). */
  identity: DriveIdentity;
  /** SignatureFileContents from CreateJob or GetStatus. */
  contents: string;
  jobId: string;
  /** Replace a SIGNATURE of another job (a copy is kept in backupDir first). */
  confirmReplace?: boolean;
  /**
   * Where another job's SIGNATURE is kept before it is replaced: the app's data, never the device (a backup
   * left on the drive was imported into the customer's bucket). Defaults to signatureBackupDir(env).
   */
  backupDir?: string;
  /** Edges, injectable for tests. */
  list?: () => Promise<Drive[]>;
  env?: NodeJS.ProcessEnv;
}

export interface WriteSignatureResult {
  path: string;
  bytes: number;
  /** Where another job's SIGNATURE was kept before it was replaced (in the app's data, not on the drive). */
  backupPath?: string;
  /** What was at SIGNATURE before. */
  replaced: 'nothing' | 'same-job' | 'other-job';
  /** The job whose SIGNATURE was replaced ('UNKNOWN' when that file did not parse). */
  replacedJobId?: string;
}

/** The folder in the app's data that keeps replaced SIGNATURE files. */
export function signatureBackupDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(appDataDir(env), 'signature-backups');
}

/** The SIGNATURE at a mountpoint, undefined when there is none; a file that does not parse is an error. */
export async function readSignature(mountpoint: string): Promise<SignatureFile | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(mountpoint, SIGNATURE_FILE_NAME), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return parseSignatureFile(text);
}

/** True when the SIGNATURE at a mountpoint holds exactly the expected contents (normalised). */
export async function verifySignature(mountpoint: string, expectedContents: string): Promise<boolean> {
  try {
    const text = await readFile(path.join(mountpoint, SIGNATURE_FILE_NAME), 'utf8');
    return text === normalizeSignatureFileContents(expectedContents);
  } catch {
    return false;
  }
}

function fail(
  code: ConstructorParameters<typeof SignatureWriteError>[0],
  message: string,
  id: DriveIdentity,
  other?: string,
) {
  return new SignatureWriteError(code, message, id.device, id.mountpoint, other);
}

async function fsyncPath(p: string, flags: number): Promise<void> {
  const handle = await open(p, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `data` to `target` through a temporary file in the same directory; the temp file never survives. */
async function atomicWrite(target: string, data: Buffer): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    await syncDirectory(dir);
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

/**
 * `SIGNATURE.<jobid>.<serial>.bak` in the backup folder, or .2.bak, .3.bak... when an older backup of that
 * job from that drive is there (a drive re-used for the same old job twice); one holding these very bytes
 * is reused.
 */
async function freeBackupPath(
  dir: string,
  jobId: string,
  serial: string,
  bytes: Buffer,
): Promise<{ path: string; exists: boolean }> {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || 'UNKNOWN';
  const stem = `${SIGNATURE_FILE_NAME}.${safe(jobId)}.${safe(serial)}`;
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, `${stem}${n === 1 ? '' : `.${n}`}.bak`);
    let existing: Buffer;
    try {
      existing = await readFile(candidate);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { path: candidate, exists: false };
      throw err;
    }
    if (existing.equals(bytes)) return { path: candidate, exists: true };
  }
}

/** The backup lives on this machine, so its failure is not the drive's: say where, and that nothing was written. */
function backupFailed(err: unknown, backup: string, id: DriveIdentity): SignatureWriteError {
  const e = err as NodeJS.ErrnoException;
  return fail(
    'WriteFailed',
    `The other job's SIGNATURE could not be kept at ${backup} (${e.code ?? e.message}); nothing was written to ${id.device}. Free space in Dockhand's data folder or set DOCKHAND_HOME, then try again.`,
    id,
  );
}

export async function writeSignature(input: WriteSignatureInput): Promise<WriteSignatureResult> {
  const id = input.identity;
  let contents: string;
  let parsed: SignatureFile;
  try {
    contents = normalizeSignatureFileContents(input.contents);
    parsed = parseSignatureFile(contents);
  } catch (err) {
    const detail = err instanceof SignatureFileError ? err.message : String(err);
    throw fail(
      'InvalidContents',
      `The SIGNATURE contents from the service are not usable (${detail}); fetch them again with get-status.`,
      id,
    );
  }
  if (parsed.jobId.toUpperCase() !== input.jobId.toUpperCase()) {
    throw fail(
      'JobIdMismatch',
      `These SIGNATURE contents are for job ${parsed.jobId}, not ${input.jobId}; nothing was written.`,
      id,
    );
  }
  if (!id.mountpoint) {
    throw fail('NotMounted', `${id.device} is not mounted; mount it, then choose it again.`, id);
  }

  const check = await verifyIdentity(id, input.list ?? listDrives);
  if (!check.ok) {
    const code =
      check.mismatch.code === 'gone'
        ? 'DeviceGone'
        : check.mismatch.code === 'read-only'
          ? 'ReadOnly'
          : 'DifferentDrive';
    throw fail(code, check.mismatch.message, id);
  }
  const reasons = ineligibleReasons(check.drive, await eligibilityContextFor(undefined, input.env));
  if (reasons.length > 0) {
    const code = reasons.some((r) => r.code === 'read-only') ? 'ReadOnly' : 'NotEligible';
    throw fail(
      code,
      `Dockhand will not write to ${id.device}: ${reasons.map((r) => r.message).join(' ')}`,
      id,
    );
  }

  const target = path.join(id.mountpoint, SIGNATURE_FILE_NAME);
  try {
    let existing: SignatureFile | undefined;
    try {
      existing = await readSignature(id.mountpoint);
    } catch {
      // An unreadable SIGNATURE is treated as another job's: kept, and replaced only when confirmed.
      existing = { version: '', signingMethod: '', jobId: 'UNKNOWN', signature: '' };
    }
    let replaced: WriteSignatureResult['replaced'] = 'nothing';
    let backupPath: string | undefined;
    let replacedJobId: string | undefined;
    if (existing) {
      if (existing.jobId.toUpperCase() === parsed.jobId.toUpperCase()) {
        replaced = 'same-job';
      } else {
        if (!input.confirmReplace) {
          throw fail(
            'OtherJobSignature',
            `${id.device} (mounted at ${id.mountpoint}) already holds the SIGNATURE of job ${existing.jobId}. ` +
              `Each device carries one job; confirm to replace it (a copy of the old file is kept in Dockhand's data, not on the drive).`,
            id,
            existing.jobId,
          );
        }
        const backupDir = input.backupDir ?? signatureBackupDir(input.env);
        await mkdir(backupDir, { recursive: true, mode: 0o700 });
        const free = await freeBackupPath(backupDir, existing.jobId, id.serial, await readFile(target));
        backupPath = free.path;
        const backup = backupPath;
        if (!free.exists) {
          await copyFile(target, backup, fsConstants.COPYFILE_EXCL).catch(async (err: unknown) => {
            // A backup that could not be completed must not be mistaken for a good one later.
            if ((err as NodeJS.ErrnoException).code !== 'EEXIST') await rm(backup, { force: true });
            throw backupFailed(err, backup, id);
          });
          await fsyncPath(backup, fsConstants.O_RDONLY);
        }
        replacedJobId = existing.jobId;
        replaced = 'other-job';
      }
    }
    const data = Buffer.from(contents, 'utf8');
    await atomicWrite(target, data);
    const back = await readFile(target);
    if (!back.equals(data)) {
      throw fail('VerifyFailed', messageForWriteFailure('VerifyFailed', id.device, id.mountpoint, ''), id);
    }
    return {
      path: target,
      bytes: data.length,
      replaced,
      ...(backupPath ? { backupPath } : {}),
      ...(replacedJobId ? { replacedJobId } : {}),
    };
  } catch (err) {
    if (err instanceof SignatureWriteError) throw err;
    const e = err as NodeJS.ErrnoException;
    const code = codeForErrno(e.code);
    throw new SignatureWriteError(
      code,
      messageForWriteFailure(code, id.device, id.mountpoint, e.code ?? e.message),
      id.device,
      id.mountpoint,
    );
  }
}
