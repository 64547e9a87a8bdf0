/**
 * Multipart uploads: parts stream to their own files (random names, never the key) in the bucket's
 * `parts/` directory, with rows in objects.sqlite; Complete concatenates the named parts into one file,
 * streaming, and commits it as the object. The ETag is S3's: MD5 of the concatenated binary part MD5s,
 * then `-<parts>`. A flexible checksum is COMPOSITE (the algorithm over the part checksums, `-<parts>`)
 * unless the upload asked for FULL_OBJECT (CRC32/CRC32C of the whole object, computed while concatenating).
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { blobToBuffer } from '../../sqlite/index';
import { writeBlob, fsyncFile } from './blob';
import { compositeChecksum, createChecksummer, type ChecksumAlgorithm, type ChecksumType } from './checksums';
import { ObjectStoreError } from './errors';
import type { ObjectRecord, ObjectStore, PutMetadata } from './index';

/** S3's limits: part numbers 1–10,000; every part but the last at least 5 MiB. */
export const MAX_PART_NUMBER = 10_000;
export const MIN_PART_BYTES = 5 * 1024 * 1024;

export interface Upload {
  uploadId: string;
  bucket: string;
  key: string;
  contentType: string;
  contentEncoding?: string;
  checksumAlgorithm?: ChecksumAlgorithm;
  checksumType?: ChecksumType;
  initiated: number;
}

export interface Part {
  partNumber: number;
  size: number;
  /** Hex; the part's ETag. */
  md5: string;
  /** Base64, in the upload's algorithm. */
  checksum?: string;
  lastModified: number;
}

/** What the client names in CompleteMultipartUpload. */
export interface CompletePart {
  partNumber: number;
  /** Without quotes. */
  etag: string;
  checksum?: string;
}

export interface PartExpect {
  md5?: string;
  sha256?: string;
  /** The checksum the request carries for the part, if any (base64, or a trailer read after the body). */
  checksum?: { algorithm: ChecksumAlgorithm; value?: string | (() => string | undefined) };
  beforeCommit?: () => void;
}

interface UploadRow {
  upload_id: string;
  bucket: string;
  key: Uint8Array;
  content_type: string;
  content_encoding: string | null;
  checksum_algorithm: string | null;
  checksum_type: string | null;
  initiated: number;
}

interface PartRow {
  part_number: number;
  file: string;
  size: number;
  md5: string;
  checksum_value: string | null;
  last_modified: number;
}

const COPY_CHUNK_BYTES = 1024 * 1024;
const YIELD_EVERY_BYTES = 8 * COPY_CHUNK_BYTES;

export class UploadStore {
  constructor(
    private readonly objects: ObjectStore,
    private readonly now: () => Date,
  ) {}

  private get db() {
    return this.objects.database;
  }

  private partsDir(bucket: string): string {
    const dir = path.join(this.objects.bucketDir(bucket), 'parts');
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  create(
    bucket: string,
    key: string,
    meta: PutMetadata,
    checksum?: { algorithm: ChecksumAlgorithm; type: ChecksumType },
  ): Upload {
    this.objects.bucketDir(bucket);
    const upload: Upload = {
      uploadId: randomBytes(32).toString('base64url'),
      bucket,
      key,
      contentType: meta.contentType ?? 'binary/octet-stream',
      ...(meta.contentEncoding ? { contentEncoding: meta.contentEncoding } : {}),
      ...(checksum ? { checksumAlgorithm: checksum.algorithm, checksumType: checksum.type } : {}),
      initiated: this.now().getTime(),
    };
    this.db
      .prepare(
        `INSERT INTO uploads (upload_id, bucket, key, content_type, content_encoding, checksum_algorithm,
           checksum_type, initiated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        upload.uploadId,
        bucket,
        Buffer.from(key, 'utf8'),
        upload.contentType,
        upload.contentEncoding ?? null,
        upload.checksumAlgorithm ?? null,
        upload.checksumType ?? null,
        upload.initiated,
      );
    return upload;
  }

  /** The upload, if it exists for this bucket and key (another key's upload id is NoSuchUpload too). */
  get(uploadId: string, bucket: string, key: string): Upload {
    const row = this.db.prepare('SELECT * FROM uploads WHERE upload_id = ?').get(uploadId) as
      UploadRow | undefined;
    if (!row || row.bucket !== bucket || blobToBuffer(row.key).toString('utf8') !== key) {
      throw new ObjectStoreError(
        'NoSuchUpload',
        'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      );
    }
    return {
      uploadId: row.upload_id,
      bucket: row.bucket,
      key,
      contentType: row.content_type,
      ...(row.content_encoding ? { contentEncoding: row.content_encoding } : {}),
      ...(row.checksum_algorithm
        ? {
            checksumAlgorithm: row.checksum_algorithm as ChecksumAlgorithm,
            checksumType: (row.checksum_type ?? 'COMPOSITE') as ChecksumType,
          }
        : {}),
      initiated: row.initiated,
    };
  }

  /** Streams one part to its own file; a part uploaded again under the same number replaces the old one. */
  async putPart(upload: Upload, partNumber: number, body: Readable, expect: PartExpect): Promise<Part> {
    const claimed = expect.checksum;
    if (claimed && upload.checksumAlgorithm && claimed.algorithm !== upload.checksumAlgorithm) {
      throw new ObjectStoreError(
        'InvalidRequest',
        `Checksum Type mismatch occurred, expected checksum Type: ${upload.checksumAlgorithm.toLowerCase()}, actual checksum Type: ${claimed.algorithm.toLowerCase()}`,
      );
    }
    const algorithm = upload.checksumAlgorithm ?? claimed?.algorithm;
    const fileName = randomBytes(16).toString('hex');
    const file = path.join(this.partsDir(upload.bucket), fileName);
    try {
      const written = await writeBlob(file, body, {
        sha256: expect.sha256 !== undefined,
        ...(algorithm ? { checksum: algorithm } : {}),
      });
      if (expect.md5 !== undefined && expect.md5 !== written.md5) {
        throw new ObjectStoreError(
          'BadDigest',
          'The Content-MD5 you specified did not match what we received',
        );
      }
      if (expect.sha256 !== undefined && expect.sha256 !== written.sha256) {
        throw new ObjectStoreError(
          'XAmzContentSHA256Mismatch',
          'The provided x-amz-content-sha256 header does not match what was computed',
        );
      }
      if (claimed) {
        const value = typeof claimed.value === 'function' ? claimed.value() : claimed.value;
        if (value !== undefined && value !== written.checksum) {
          throw new ObjectStoreError(
            'BadDigest',
            `The ${claimed.algorithm} you specified did not match the calculated checksum.`,
          );
        }
      }
      expect.beforeCommit?.();
      const part: Part = {
        partNumber,
        size: written.size,
        md5: written.md5,
        ...(written.checksum !== undefined ? { checksum: written.checksum } : {}),
        lastModified: this.now().getTime(),
      };
      const old = this.db.immediate(() => {
        // The upload may have been completed or aborted while the part streamed in.
        this.get(upload.uploadId, upload.bucket, upload.key);
        const previous = this.db
          .prepare('SELECT file FROM parts WHERE upload_id = ? AND part_number = ?')
          .get(upload.uploadId, partNumber) as { file: string } | undefined;
        this.db
          .prepare(
            `INSERT INTO parts (upload_id, part_number, file, size, md5, checksum_value, last_modified)
             VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (upload_id, part_number) DO UPDATE SET file = excluded.file, size = excluded.size,
               md5 = excluded.md5, checksum_value = excluded.checksum_value, last_modified = excluded.last_modified`,
          )
          .run(
            upload.uploadId,
            partNumber,
            fileName,
            part.size,
            part.md5,
            part.checksum ?? null,
            part.lastModified,
          );
        return previous?.file;
      });
      if (old !== undefined) await rm(path.join(this.partsDir(upload.bucket), old), { force: true });
      return part;
    } catch (err) {
      await rm(file, { force: true });
      throw err;
    }
  }

  /** Parts after `marker` in number order, at most `limit`. */
  listParts(upload: Upload, marker: number, limit: number): Part[] {
    const rows = this.db
      .prepare('SELECT * FROM parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?')
      .all(upload.uploadId, marker, limit) as PartRow[];
    return rows.map(toPart);
  }

  /**
   * Assembles the named parts into the object. Refuses (storing nothing) parts out of order, unknown parts or
   * ETags, a checksum that differs, and parts other than the last under 5 MiB.
   */
  async complete(
    upload: Upload,
    requested: readonly CompletePart[],
    expectedChecksum?: string,
  ): Promise<ObjectRecord> {
    if (requested.length === 0) {
      throw new ObjectStoreError('InvalidRequest', 'You must specify at least one part');
    }
    const rows = new Map(
      (this.db.prepare('SELECT * FROM parts WHERE upload_id = ?').all(upload.uploadId) as PartRow[]).map(
        (r) => [r.part_number, r],
      ),
    );
    const chosen: PartRow[] = [];
    let last = 0;
    for (const p of requested) {
      if (p.partNumber <= last) {
        throw new ObjectStoreError(
          'InvalidPartOrder',
          'The list of parts was not in ascending order. Parts must be ordered by part number.',
        );
      }
      last = p.partNumber;
    }
    for (const [i, p] of requested.entries()) {
      const row = rows.get(p.partNumber);
      if (!row || row.md5 !== p.etag) {
        throw new ObjectStoreError(
          'InvalidPart',
          `One or more of the specified parts could not be found (part ${p.partNumber}). The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.`,
        );
      }
      if (p.checksum !== undefined && row.checksum_value !== null && p.checksum !== row.checksum_value) {
        throw new ObjectStoreError(
          'InvalidPart',
          `The checksum of part ${p.partNumber} does not match the one uploaded.`,
        );
      }
      if (i < requested.length - 1 && row.size < MIN_PART_BYTES) {
        throw new ObjectStoreError(
          'EntityTooSmall',
          `Your proposed upload is smaller than the minimum allowed size: part ${p.partNumber} is ${row.size} bytes; every part but the last must be at least ${MIN_PART_BYTES} bytes`,
        );
      }
      chosen.push(row);
    }
    const partsDir = this.partsDir(upload.bucket);
    const tmp = this.objects.newTempFile(upload.bucket);
    try {
      const whole = createHash('md5');
      const full =
        upload.checksumAlgorithm && upload.checksumType === 'FULL_OBJECT'
          ? createChecksummer(upload.checksumAlgorithm)
          : undefined;
      let size = 0;
      const out = fs.openSync(tmp.file, 'wx', 0o600);
      try {
        const buffer = Buffer.allocUnsafe(COPY_CHUNK_BYTES);
        for (const row of chosen) {
          const input = fs.openSync(path.join(partsDir, row.file), 'r');
          try {
            for (;;) {
              const n = fs.readSync(input, buffer, 0, buffer.length, null);
              if (n === 0) break;
              const piece = buffer.subarray(0, n);
              whole.update(piece);
              full?.update(piece);
              fs.writeSync(out, piece);
              size += n;
              // Let other requests run while a large object is assembled.
              if (size % YIELD_EVERY_BYTES < n) await new Promise((resolve) => setImmediate(resolve));
            }
          } finally {
            fs.closeSync(input);
          }
        }
      } finally {
        fs.closeSync(out);
      }
      fsyncFile(tmp.file);
      const etag = `${createHash('md5')
        .update(Buffer.concat(chosen.map((r) => Buffer.from(r.md5, 'hex'))))
        .digest('hex')}-${chosen.length}`;
      let checksum: ObjectRecord['checksum'];
      if (upload.checksumAlgorithm) {
        const value = full
          ? full.digest().toString('base64')
          : compositeChecksum(
              upload.checksumAlgorithm,
              chosen.map((r) => r.checksum_value ?? ''),
            );
        if (expectedChecksum !== undefined && expectedChecksum !== value) {
          throw new ObjectStoreError(
            'BadDigest',
            `The ${upload.checksumAlgorithm} you specified for the object did not match the calculated checksum.`,
          );
        }
        checksum = { algorithm: upload.checksumAlgorithm, value, type: upload.checksumType ?? 'COMPOSITE' };
      }
      const record = await this.objects.commit(upload.bucket, upload.key, tmp, {
        size,
        md5: whole.digest('hex'),
        etag,
        contentType: upload.contentType,
        ...(upload.contentEncoding ? { contentEncoding: upload.contentEncoding } : {}),
        ...(checksum ? { checksum } : {}),
      });
      await this.discard(upload);
      return record;
    } catch (err) {
      await rm(tmp.file, { force: true });
      throw err;
    }
  }

  /** Removes the upload and every part file (Abort, and after Complete). */
  async discard(upload: Upload): Promise<void> {
    const files = this.db.immediate(() => {
      const rows = this.db.prepare('SELECT file FROM parts WHERE upload_id = ?').all(upload.uploadId) as {
        file: string;
      }[];
      this.db.prepare('DELETE FROM parts WHERE upload_id = ?').run(upload.uploadId);
      this.db.prepare('DELETE FROM uploads WHERE upload_id = ?').run(upload.uploadId);
      return rows.map((r) => r.file);
    });
    const dir = this.partsDir(upload.bucket);
    await Promise.all(files.map((f) => rm(path.join(dir, f), { force: true })));
  }
}

function toPart(row: PartRow): Part {
  return {
    partNumber: row.part_number,
    size: row.size,
    md5: row.md5,
    ...(row.checksum_value !== null ? { checksum: row.checksum_value } : {}),
    lastModified: row.last_modified,
  };
}
