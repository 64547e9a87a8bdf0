/** Typed failures of writing a SIGNATURE (or unmounting afterwards), each naming the drive and the next step. */

export type SignatureWriteErrorCode =
  | 'DeviceGone'
  | 'DifferentDrive'
  | 'ReadOnly'
  | 'NotMounted'
  | 'NotEligible'
  | 'InvalidContents'
  | 'JobIdMismatch'
  | 'OtherJobSignature'
  | 'DeviceFull'
  | 'PermissionDenied'
  | 'VerifyFailed'
  | 'Busy'
  | 'WriteFailed';

export class SignatureWriteError extends Error {
  constructor(
    readonly code: SignatureWriteErrorCode,
    message: string,
    readonly device: string,
    readonly mountpoint: string,
    /** The other job's id, for OtherJobSignature. */
    readonly existingJobId?: string,
  ) {
    super(message);
    this.name = 'SignatureWriteError';
  }
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value ${String(x)}`);
}

/** Which code an OS error on the device means. */
export function codeForErrno(errno: string | undefined): SignatureWriteErrorCode {
  switch (errno) {
    case 'EROFS':
      return 'ReadOnly';
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return 'DeviceFull';
    case 'EIO':
    case 'ENOENT':
    case 'ENODEV':
    case 'ENXIO':
    case 'ESHUTDOWN':
    case 'ENOTCONN':
      return 'DeviceGone';
    case 'EACCES':
    case 'EPERM':
      return 'PermissionDenied';
    case 'EBUSY':
      return 'Busy';
    default:
      return 'WriteFailed';
  }
}

/** The sentence for an OS-level failure while writing to `mountpoint` on `device`. */
export function messageForWriteFailure(
  code: SignatureWriteErrorCode,
  device: string,
  mountpoint: string,
  detail: string,
): string {
  const where = `${device} (mounted at ${mountpoint})`;
  switch (code) {
    case 'ReadOnly':
      return `${where} is read-only, so the SIGNATURE file cannot be written. Check its write-protect switch or remount it read-write, then try again.`;
    case 'DeviceFull':
      return `${where} is full: the SIGNATURE file needs a few kilobytes. Free some space on it, then try again.`;
    case 'DeviceGone':
      return `${where} went away while the SIGNATURE file was being written (${detail}). Plug it back in, choose it again and retry; nothing was left half-written.`;
    case 'PermissionDenied':
      return `Dockhand may not write to the root of ${where} (${detail}). Mount it so your user can write to it, then try again.`;
    case 'Busy':
      return `${where} is busy: a program still has files open on it. Close them, then try again.`;
    case 'VerifyFailed':
      return `The SIGNATURE file on ${where} did not read back as written; the drive may be failing. Try again or use another drive.`;
    case 'DifferentDrive':
    case 'NotMounted':
    case 'NotEligible':
    case 'InvalidContents':
    case 'JobIdMismatch':
    case 'OtherJobSignature':
    case 'WriteFailed':
      return `Writing the SIGNATURE file to ${where} failed (${detail}). Check the drive, then try again.`;
    default:
      return assertNever(code);
  }
}
