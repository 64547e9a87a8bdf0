/**
 * Writes a stream of bytes to a new file, computing its digests on the way (MD5 always; SHA-256 and one
 * flexible checksum when asked), then fsyncs it. The bytes are never held in memory.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createChecksummer, type ChecksumAlgorithm } from './checksums';

export interface BlobDigestRequest {
  sha256?: boolean;
  checksum?: ChecksumAlgorithm;
}

export interface WrittenBlob {
  size: number;
  /** Hex. */
  md5: string;
  /** Hex, when asked for. */
  sha256?: string;
  /** Base64, when asked for. */
  checksum?: string;
}

export async function writeBlob(
  file: string,
  body: Buffer | Readable,
  want: BlobDigestRequest = {},
): Promise<WrittenBlob> {
  const md5 = createHash('md5');
  const sha256 = want.sha256 ? createHash('sha256') : undefined;
  const checksum = want.checksum ? createChecksummer(want.checksum) : undefined;
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      md5.update(chunk);
      sha256?.update(chunk);
      checksum?.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
  await pipeline(source, meter, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  fsyncFile(file);
  return {
    size,
    md5: md5.digest('hex'),
    ...(sha256 ? { sha256: sha256.digest('hex') } : {}),
    ...(checksum ? { checksum: checksum.digest().toString('base64') } : {}),
  };
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
