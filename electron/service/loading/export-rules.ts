/** Where an exported object lands on the device (reference 2.5), as pure functions. */
import { createHash } from 'node:crypto';
import type { ExportOperation } from '../../protocol/manifest/types';

/**
 * recoveryDirectory when the manifest names none. The DG's default was cut off (unconfirmed); the DG's
 * example value `LostAndFound` is our choice.
 */
export const DEFAULT_RECOVERY_DIRECTORY = 'LostAndFound';
/** Longest file-name component on the export file systems (ext4, NTFS), in bytes. */
export const MAX_NAME_BYTES = 255;

/** Whether `key` is in the operation's slice: prefix, after beginMarker (exclusive), up to endMarker (inclusive). */
export function inOperation(op: ExportOperation, key: string): boolean {
  const k = Buffer.from(key, 'utf8');
  if (op.prefix !== undefined && !key.startsWith(op.prefix)) return false;
  if (op.beginMarker !== undefined && Buffer.compare(k, Buffer.from(op.beginMarker, 'utf8')) <= 0)
    return false;
  if (op.endMarker !== undefined && Buffer.compare(k, Buffer.from(op.endMarker, 'utf8')) > 0) return false;
  return true;
}

function applySubstitutions(text: string, substitutions: Record<string, string> | undefined): string {
  let out = text;
  for (const [from, to] of Object.entries(substitutions ?? {}))
    if (from !== '') out = out.split(from).join(to);
  return out;
}

function usableComponent(part: string): boolean {
  return (
    part !== '' &&
    part !== '.' &&
    part !== '..' &&
    !part.includes('\0') &&
    !part.includes('\\') &&
    Buffer.byteLength(part, 'utf8') <= MAX_NAME_BYTES
  );
}

function splitDirectory(dir: string | undefined): string[] {
  return (dir ?? '').split('/').filter((p) => p !== '');
}

/**
 * The device-relative path for a key: `targetDirectory/bucket/key` (the bucket is the top-level directory
 * under the target; substitutions rename), or undefined when the key cannot be a file name (empty or dot
 * components, a trailing `/`, a component over 255 bytes, NUL or backslash).
 */
export function exportPathFor(
  op: ExportOperation,
  key: string,
  substitutions?: Record<string, string>,
): string | undefined {
  const parts = applySubstitutions(key, substitutions).split('/');
  if (!parts.every(usableComponent)) return undefined;
  const dir = splitDirectory(op.targetDirectory);
  if (!dir.every(usableComponent)) return undefined;
  return [...dir, op.exportBucket, ...parts].join('/');
}

/**
 * The recovery path for a key that cannot be a file name: `recoveryDirectory/bucket/<name>`, the name being
 * the key percent-encoded (so it is one safe component), or its SHA-256 when that is too long (our choice).
 */
export function recoveryPathFor(recoveryDirectory: string | undefined, bucket: string, key: string): string {
  const encoded = encodeURIComponent(key).replace(/\./g, '%2E');
  const name =
    Buffer.byteLength(encoded) <= MAX_NAME_BYTES
      ? encoded
      : createHash('sha256').update(key, 'utf8').digest('hex');
  const dir = splitDirectory(recoveryDirectory ?? DEFAULT_RECOVERY_DIRECTORY).filter(usableComponent);
  return [...(dir.length > 0 ? dir : [DEFAULT_RECOVERY_DIRECTORY]), bucket, name].join('/');
}
