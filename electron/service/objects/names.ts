/**
 * Rules for bucket names and object keys as the object store sees them (pure). Keys never become paths:
 * the store names each object's file by a random id, so `../x`, `/etc/passwd` or a NUL cannot reach the
 * file system. These checks only keep what S3 itself would refuse out of the store.
 */
import { MAX_KEY_BYTES } from '../../protocol/manifest/limits';

/** S3's bucket-name shape (3–63 characters of lower-case letters, digits, dots and hyphens). */
const BUCKET_NAME_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function isValidBucketName(name: string): boolean {
  return BUCKET_NAME_PATTERN.test(name) && !name.includes('..');
}

export type KeyProblem = 'empty' | 'too-long' | 'nul' | 'not-utf8';

/**
 * Why a key cannot be stored, or undefined. NUL is refused although S3 accepts it: no device file name can
 * hold one, and the log report would carry it (our choice).
 */
export function keyProblem(key: string): KeyProblem | undefined {
  if (key.length === 0) return 'empty';
  if (key.includes('\0')) return 'nul';
  if (!isWellFormed(key)) return 'not-utf8';
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return 'too-long';
  return undefined;
}

/** A lone surrogate cannot be written as UTF-8. */
function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/**
 * Keys are stored as UTF-8 BLOBs so SQLite's memcmp ordering is S3's order (UTF-8 byte order), which a
 * TEXT column with JavaScript string comparison would not be for characters beyond the BMP.
 */
export function keyBlob(key: string): Buffer {
  return Buffer.from(key, 'utf8');
}

/** The smallest blob greater than every blob starting with `prefix`, or undefined when there is none. */
export function prefixUpperBound(prefix: Buffer): Buffer | undefined {
  const bytes = Buffer.from(prefix);
  for (let i = bytes.length - 1; i >= 0; i--) {
    if (bytes[i] !== 0xff) {
      bytes[i] = (bytes[i] as number) + 1;
      return bytes.subarray(0, i + 1);
    }
  }
  return undefined;
}
