/**
 * The flexible checksums S3 verifies and returns (`x-amz-checksum-crc32|crc32c|sha1|sha256`): computed while
 * the bytes stream past, encoded as S3 encodes them (base64 of the big-endian digest).
 */
import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { crc32c } from './crc32c';

export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'SHA1', 'SHA256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** FULL_OBJECT: the checksum of the whole object's bytes; COMPOSITE: a checksum of the parts' checksums, "-N". */
export type ChecksumType = 'FULL_OBJECT' | 'COMPOSITE';

export function isChecksumAlgorithm(name: string): name is ChecksumAlgorithm {
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(name);
}

/** `x-amz-checksum-crc32` for CRC32, and so on. */
export function checksumHeaderName(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

/** Raw digest length in bytes, to check a value a client sent before streaming anything. */
export const CHECKSUM_BYTES: Readonly<Record<ChecksumAlgorithm, number>> = {
  CRC32: 4,
  CRC32C: 4,
  SHA1: 20,
  SHA256: 32,
};

export interface Checksummer {
  update(chunk: Uint8Array): void;
  /** The raw digest (call once). */
  digest(): Buffer;
}

class CrcChecksummer implements Checksummer {
  private crc = 0;
  constructor(private readonly fn: (data: Uint8Array, crc: number) => number) {}
  update(chunk: Uint8Array): void {
    this.crc = this.fn(chunk, this.crc);
  }
  digest(): Buffer {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(this.crc >>> 0);
    return out;
  }
}

class HashChecksummer implements Checksummer {
  private readonly hash: Hash;
  constructor(name: 'sha1' | 'sha256') {
    this.hash = createHash(name);
  }
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
  }
  digest(): Buffer {
    return this.hash.digest();
  }
}

export function createChecksummer(algorithm: ChecksumAlgorithm): Checksummer {
  switch (algorithm) {
    case 'CRC32':
      return new CrcChecksummer((data, crc) => crc32(data, crc));
    case 'CRC32C':
      return new CrcChecksummer(crc32c);
    case 'SHA1':
      return new HashChecksummer('sha1');
    case 'SHA256':
      return new HashChecksummer('sha256');
    default: {
      const never: never = algorithm;
      throw new Error(`unknown checksum algorithm ${String(never)}`);
    }
  }
}

export function checksumOf(algorithm: ChecksumAlgorithm, data: Uint8Array): string {
  const c = createChecksummer(algorithm);
  c.update(data);
  return c.digest().toString('base64');
}

/**
 * S3's composite checksum of a multipart object: the algorithm over the concatenated raw part checksums,
 * base64, then `-<number of parts>`.
 */
export function compositeChecksum(
  algorithm: ChecksumAlgorithm,
  partChecksumsBase64: readonly string[],
): string {
  const raw = Buffer.concat(partChecksumsBase64.map((v) => Buffer.from(v, 'base64')));
  return `${checksumOf(algorithm, raw)}-${partChecksumsBase64.length}`;
}
