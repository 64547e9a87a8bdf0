/**
 * The buckets' object store under the endpoint's data dir. Object bytes live in files
 * `<dataDir>/buckets/<bucket>/data/<aa>/<random id>`; their metadata (size, MD5/ETag, content type and
 * encoding, last-modified) lives in `<dataDir>/objects.sqlite`.
 *
 * Why SQLite for metadata and not sidecar files: ListObjectsV2 needs keys in byte order from a prefix or a
 * marker, which an index answers directly; the endpoint and `dockhand service dock` (another process) write
 * at the same time, which WAL and busy_timeout handle; and replacing an object becomes one row update that
 * points at a fully written, fsynced file, so a reader never sees half an object. A separate file from the
 * job store (endpoint.sqlite) keeps the two schemas independent.
 *
 * Why random file names and not encoded keys: a key is up to 1024 bytes (longer than a file name may be) and
 * may hold `../`, `/` or anything else; a file name the store invents can never escape the bucket directory.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { isValidBucketName, keyProblem } from './names';

export { isValidBucketName, keyProblem } from './names';
export type { KeyProblem } from './names';

export const OBJECTS_DB_FILE_NAME = 'objects.sqlite';
export const BUCKETS_DIR_NAME = 'buckets';
/** How long a writer waits for the other process's lock. */
const BUSY_TIMEOUT_MS = 5_000;
/** S3's default when a PUT names no type (and the DG's import default, reference 2.4). */
export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS objects (
    bucket TEXT NOT NULL,
    key BLOB NOT NULL,
    file TEXT NOT NULL,
    size INTEGER NOT NULL,
    md5 TEXT NOT NULL,
    content_type TEXT NOT NULL,
    content_encoding TEXT,
    last_modified INTEGER NOT NULL,
    PRIMARY KEY (bucket, key)
  ) WITHOUT ROWID;
`;

export interface ObjectRecord {
  bucket: string;
  key: string;
  size: number;
  /** Hex MD5 of the bytes; the ETag is this in quotes (single-part uploads only). */
  md5: string;
  contentType: string;
  contentEncoding?: string;
  /** Milliseconds since the epoch. */
  lastModified: number;
}

export interface StoredObject extends ObjectRecord {
  /** Absolute path of the bytes; read it right away (a replace deletes the old file). */
  file: string;
}

export interface PutMetadata {
  contentType?: string;
  contentEncoding?: string;
}

/** Digests the bytes must have; a mismatch stores nothing. Hex. */
export interface ExpectedDigests {
  md5?: string;
  sha256?: string;
}

export interface ListQuery {
  prefix?: string;
  /** Keys strictly after this one (start-after or a continuation token). */
  after?: string;
  /** Skip every key that starts with this (a common prefix already listed). */
  pastPrefix?: string;
  /** At most this many rows; the caller groups by delimiter. */
  limit: number;
}

export class ObjectStoreError extends Error {
  constructor(
    readonly code: 'InvalidBucketName' | 'InvalidKey' | 'BadDigest' | 'XAmzContentSHA256Mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'ObjectStoreError';
  }
}

interface Row {
  bucket: string;
  key: Buffer;
  file: string;
  size: number;
  md5: string;
  content_type: string;
  content_encoding: string | null;
  last_modified: number;
}

/**
 * Keys are stored as UTF-8 BLOBs so SQLite's memcmp ordering is S3's order (UTF-8 byte order), which a
 * TEXT column with JavaScript string comparison would not be for characters beyond the BMP.
 */
function keyBlob(key: string): Buffer {
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

export class ObjectStore {
  readonly dataDir: string;
  private readonly db: Database.Database;
  private readonly now: () => Date;

  constructor(dataDir: string, now: () => Date = () => new Date()) {
    this.dataDir = dataDir;
    this.now = now;
    fs.mkdirSync(path.join(dataDir, BUCKETS_DIR_NAME), { recursive: true, mode: 0o700 });
    this.db = new Database(path.join(dataDir, OBJECTS_DB_FILE_NAME), { timeout: BUSY_TIMEOUT_MS });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  private bucketDir(bucket: string): string {
    if (!isValidBucketName(bucket)) {
      throw new ObjectStoreError('InvalidBucketName', `"${bucket.slice(0, 80)}" is not a valid bucket name`);
    }
    return path.join(this.dataDir, BUCKETS_DIR_NAME, bucket);
  }

  private checkKey(key: string): void {
    const problem = keyProblem(key);
    if (problem !== undefined) {
      throw new ObjectStoreError('InvalidKey', `object key is not usable (${problem})`);
    }
  }

  /**
   * Stores bytes as an object, atomically: the bytes go to a temp file (fsynced), are renamed into place and
   * only then does the metadata row point at them; the replaced object's file is removed afterwards.
   * `expect` refuses the write when the bytes differ (Content-MD5 → BadDigest, x-amz-content-sha256).
   */
  async put(
    bucket: string,
    key: string,
    body: Buffer | Readable,
    meta: PutMetadata = {},
    expect: ExpectedDigests = {},
  ): Promise<ObjectRecord> {
    const dir = this.bucketDir(bucket);
    this.checkKey(key);
    const id = randomUUID();
    const shard = id.slice(0, 2);
    const finalDir = path.join(dir, 'data', shard);
    const tmpDir = path.join(dir, 'tmp');
    fs.mkdirSync(finalDir, { recursive: true });
    fs.mkdirSync(tmpDir, { recursive: true });
    const tmpFile = path.join(tmpDir, id);
    const finalFile = path.join(finalDir, id);
    const hash = createHash('md5');
    const sha256 = expect.sha256 === undefined ? undefined : createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        sha256?.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
      const out = fs.createWriteStream(tmpFile, { flags: 'wx', mode: 0o600 });
      await pipeline(source, meter, out);
      const fd = fs.openSync(tmpFile, 'r');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      const md5 = hash.digest('hex');
      if (expect.md5 !== undefined && expect.md5 !== md5) {
        throw new ObjectStoreError(
          'BadDigest',
          'The Content-MD5 you specified did not match what we received',
        );
      }
      if (sha256 !== undefined && sha256.digest('hex') !== expect.sha256) {
        throw new ObjectStoreError(
          'XAmzContentSHA256Mismatch',
          'The provided x-amz-content-sha256 header does not match what was computed',
        );
      }
      fs.renameSync(tmpFile, finalFile);
      const record: ObjectRecord = {
        bucket,
        key,
        size,
        md5,
        contentType: meta.contentType ?? DEFAULT_CONTENT_TYPE,
        ...(meta.contentEncoding ? { contentEncoding: meta.contentEncoding } : {}),
        lastModified: this.now().getTime(),
      };
      const old = this.db.transaction(() => {
        const previous = this.db
          .prepare('SELECT file FROM objects WHERE bucket = ? AND key = ?')
          .get(bucket, keyBlob(key)) as { file: string } | undefined;
        this.db
          .prepare(
            `INSERT INTO objects (bucket, key, file, size, md5, content_type, content_encoding, last_modified)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (bucket, key) DO UPDATE SET file = excluded.file, size = excluded.size, md5 = excluded.md5,
               content_type = excluded.content_type, content_encoding = excluded.content_encoding,
               last_modified = excluded.last_modified`,
          )
          .run(
            bucket,
            keyBlob(key),
            path.join(shard, id),
            size,
            md5,
            record.contentType,
            record.contentEncoding ?? null,
            record.lastModified,
          );
        return previous?.file;
      })();
      if (old !== undefined) await rm(path.join(dir, 'data', old), { force: true });
      return record;
    } catch (err) {
      await rm(tmpFile, { force: true });
      throw err;
    }
  }

  /** The object's metadata and file, or undefined. */
  get(bucket: string, key: string): StoredObject | undefined {
    const dir = this.bucketDir(bucket);
    if (keyProblem(key) !== undefined) return undefined;
    const row = this.db
      .prepare('SELECT * FROM objects WHERE bucket = ? AND key = ?')
      .get(bucket, keyBlob(key)) as Row | undefined;
    return row ? { ...toRecord(row), file: path.join(dir, 'data', row.file) } : undefined;
  }

  /** Keys in UTF-8 byte order under `prefix`, after `after` and past every key under `pastPrefix`. */
  list(bucket: string, query: ListQuery): ObjectRecord[] {
    this.bucketDir(bucket);
    const prefix = keyBlob(query.prefix ?? '');
    // The lower bound: the largest of prefix (inclusive), after (exclusive), pastPrefix's end (inclusive).
    let lower = { blob: prefix, inclusive: true };
    const raise = (blob: Buffer, inclusive: boolean): void => {
      const c = Buffer.compare(blob, lower.blob);
      if (c > 0 || (c === 0 && !inclusive)) lower = { blob, inclusive };
    };
    if (query.after !== undefined) raise(keyBlob(query.after), false);
    if (query.pastPrefix !== undefined) {
      const end = prefixUpperBound(keyBlob(query.pastPrefix));
      if (end === undefined) return [];
      raise(end, true);
    }
    const clauses = ['bucket = ?', lower.inclusive ? 'key >= ?' : 'key > ?'];
    const params: unknown[] = [bucket, lower.blob];
    const upper = prefix.length > 0 ? prefixUpperBound(prefix) : undefined;
    if (upper !== undefined) {
      clauses.push('key < ?');
      params.push(upper);
    }
    params.push(query.limit);
    const rows = this.db
      .prepare(
        `SELECT bucket, key, file, size, md5, content_type, content_encoding, last_modified FROM objects
         WHERE ${clauses.join(' AND ')} ORDER BY key LIMIT ?`,
      )
      .all(...params) as Row[];
    return rows.map(toRecord);
  }

  /** Removes an object (true when there was one). */
  async delete(bucket: string, key: string): Promise<boolean> {
    const dir = this.bucketDir(bucket);
    const row = this.db
      .prepare('DELETE FROM objects WHERE bucket = ? AND key = ? RETURNING file')
      .get(bucket, keyBlob(key)) as { file: string } | undefined;
    if (row) await rm(path.join(dir, 'data', row.file), { force: true });
    return row !== undefined;
  }
}

function toRecord(row: Row): ObjectRecord {
  return {
    bucket: row.bucket,
    key: row.key.toString('utf8'),
    size: row.size,
    md5: row.md5,
    contentType: row.content_type,
    ...(row.content_encoding ? { contentEncoding: row.content_encoding } : {}),
    lastModified: row.last_modified,
  };
}

export function openObjectStore(dataDir: string, now?: () => Date): ObjectStore {
  return new ObjectStore(dataDir, now);
}
