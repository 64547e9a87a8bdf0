/**
 * What the loading station does with each device file on an S3 import (reference 2.4, 3, 7, 8.1), as pure
 * functions: skip or import, under which key, with which Content-Type and Content-Encoding.
 */
import { LOG_STATUS } from '../../protocol/log-report';
import { isIgnored, objectKeyFor } from '../../protocol/manifest';
import { MAX_FILE_BYTES, MAX_KEY_BYTES } from '../../protocol/manifest/limits';
import type { S3ImportManifest } from '../../protocol/manifest/types';
import { SIGNATURE_FILE_NAME } from '../../protocol/signature-file';
import { DEFAULT_CONTENT_TYPE } from '../objects/index';

/** The gzip magic bytes (RFC 1952). */
export const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
/** Extensions dropped before picking a type when setContentEncodingForGzFiles is on (reference 2.4). */
const GZIP_EXTENSIONS = ['.gz', '.gzip'];

export interface DeviceFile {
  /** Device-relative, forward slashes, no leading slash; invalid UTF-8 shows as U+FFFD. */
  path: string;
  /** False when the name's bytes are not valid UTF-8. */
  validUtf8: boolean;
  size: number;
}

export type SkipReason = 'signature-file' | 'ignored' | 'name-not-utf8' | 'file-too-large' | 'key-too-long';

export type FileVerdict =
  | { kind: 'import'; key: string }
  | { kind: 'skip'; reason: SkipReason; status: number; code: string; key: string };

function skip(reason: SkipReason, status: { status: number; code: string }, key = ''): FileVerdict {
  return { kind: 'skip', reason, status: status.status, code: status.code, key };
}

/** The order matters only for which reason a file is listed with; SIGNATURE first, as the DG's sample log. */
export function classifyFile(
  file: DeviceFile,
  manifest: Pick<S3ImportManifest, 'prefix' | 'substitutions'>,
  ignore: readonly RegExp[],
): FileVerdict {
  if (file.path === SIGNATURE_FILE_NAME) return skip('signature-file', LOG_STATUS.ignored);
  if (!file.validUtf8) return skip('name-not-utf8', LOG_STATUS.invalidName);
  if (isIgnored(file.path, ignore)) return skip('ignored', LOG_STATUS.ignored);
  if (file.size > MAX_FILE_BYTES) return skip('file-too-large', LOG_STATUS.tooLarge);
  const key = objectKeyFor(manifest, file.path);
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return skip('key-too-long', LOG_STATUS.keyTooLong);
  return { kind: 'import', key };
}

export interface ContentHeaders {
  contentType: string;
  contentEncoding?: string;
}

/**
 * Content-Type from `contentTypes` (extension → type, case-sensitive) or `defaultContentType`; with
 * setContentEncodingForGzFiles, gzip content gets Content-Encoding gzip and `.gz`/`.gzip` is dropped before
 * the extension is looked up, so `page.html.gz` becomes text/html + gzip.
 */
export function contentHeadersFor(
  manifest: Pick<S3ImportManifest, 'contentTypes' | 'defaultContentType' | 'setContentEncodingForGzFiles'>,
  path: string,
  firstBytes: Buffer,
): ContentHeaders {
  let name = path.slice(path.lastIndexOf('/') + 1);
  const gzip = manifest.setContentEncodingForGzFiles === true && firstBytes.subarray(0, 2).equals(GZIP_MAGIC);
  if (gzip) {
    const lower = name.toLowerCase();
    const ext = GZIP_EXTENSIONS.find((e) => lower.endsWith(e));
    if (ext !== undefined) name = name.slice(0, -ext.length);
  }
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1) : '';
  const fallback = manifest.defaultContentType ?? DEFAULT_CONTENT_TYPE;
  const contentType = extension === '' ? fallback : (manifest.contentTypes?.[extension] ?? fallback);
  return { contentType, ...(gzip ? { contentEncoding: 'gzip' } : {}) };
}
