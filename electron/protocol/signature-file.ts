/** The SIGNATURE file placed in a device's root for S3 jobs (reference section 3). */
import { createHmac } from 'node:crypto';

export const SIGNATURE_FILE_NAME = 'SIGNATURE';
export const SIGNATURE_FILE_VERSION = '2.0';
export const SIGNATURE_SIGNING_METHOD = 'HmacSHA1';

export interface SignatureFile {
  version: string;
  signingMethod: string;
  jobId: string;
  signature: string;
}

/**
 * The v2.0 algorithm is unpublished (unconfirmed). The endpoint reuses the documented v1.0 construction:
 * base64(HMAC-SHA1(secret, jobId + "\n" + manifest with CRLF turned into LF)).
 */
export function computeJobSignature(secret: string, jobId: string, manifest: string): string {
  return createHmac('sha1', secret)
    .update(`${jobId}\n${manifest.replace(/\r\n/g, '\n')}`, 'utf8')
    .digest('base64');
}

/** The four lines, LF-terminated, exactly as SignatureFileContents carries them. */
export function formatSignatureFile(file: SignatureFile): string {
  return (
    `version:${file.version}\n` +
    `signingMethod:${file.signingMethod}\n` +
    `jobId:${file.jobId}\n` +
    `signature:${file.signature}\n`
  );
}

export class SignatureFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignatureFileError';
  }
}

/**
 * Reads a SIGNATURE file leniently: CRLF or LF, `key:value` or `key: value`, surrounding blank space
 * (a real GetStatus response padded the text). Missing fields are an error that names them.
 */
export function parseSignatureFile(text: string): SignatureFile {
  const fields = new Map<string, string>();
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line.length === 0) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new SignatureFileError(`SIGNATURE line "${line.slice(0, 60)}" is not "name:value"`);
    fields.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const missing = ['version', 'signingMethod', 'jobId', 'signature'].filter((k) => !fields.get(k));
  if (missing.length > 0) throw new SignatureFileError(`SIGNATURE is missing ${missing.join(', ')}`);
  return {
    version: fields.get('version') as string,
    signingMethod: fields.get('signingMethod') as string,
    jobId: fields.get('jobId') as string,
    signature: fields.get('signature') as string,
  };
}

/** The canonical bytes to write for a SignatureFileContents value (trimmed, LF endings, final newline). */
export function normalizeSignatureFileContents(contents: string): string {
  return formatSignatureFile(parseSignatureFile(contents));
}
