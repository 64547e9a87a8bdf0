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
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { blobToBuffer, openDatabase, type SqlParam, type SqliteDatabase } from '../../sqlite/index';
import { writeBlob } from './blob';
import type { ChecksumAlgorithm, ChecksumType } from './checksums';
import { isValidBucketName, keyBlob, keyProblem, prefixUpperBound } from './names';
import { ObjectStoreError } from './errors';
import { filesNoLongerUsed, type FileRef } from './packs';
import { writeObjectRow } from './rows';
import { migrateObjectsDb } from './schema';
import type {
  CommitFields,
  ExpectedDigests,
  ListQuery,
  ObjectChecksum,
  ObjectRecord,
  PutMetadata,
  StoredObject,
} from './types';
import { UploadStore } from './uploads';

export { ObjectStoreError } from './errors';
export type * from './types';

export { isValidBucketName, keyProblem, prefixUpperBound } from './names';
export type { KeyProblem } from './names';

export const OBJECTS_DB_FILE_NAME = 'objects.sqlite';
export const BUCKETS_DIR_NAME = 'buckets';
/** How long a writer waits for the other process's lock. */
const BUSY_TIMEOUT_MS = 5_000;
/** S3's default when a PUT names no type (and the DG's import default, reference 2.4). */
export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

interface Row {
  bucket: string;
  key: Uint8Array;
  file: string;
  size: number;
  md5: string;
  content_type: string;
  content_encoding: string | null;
  last_modified: number;
  etag: string | null;
  checksum_algorithm: string | null;
  checksum_value: string | null;
  checksum_type: string | null;
  pack_offset: number | null;
}

export class ObjectStore {
  readonly dataDir: string;
  /** Multipart uploads in progress (./uploads.ts), in the same database. */
  readonly uploads: UploadStore;
  private readonly db: SqliteDatabase;
  private readonly now: () => Date;

  constructor(dataDir: string, now: () => Date = () => new Date()) {
    this.dataDir = dataDir;
    this.now = now;
    fs.mkdirSync(path.join(dataDir, BUCKETS_DIR_NAME), { recursive: true, mode: 0o700 });
    // durable: WAL + synchronous=FULL, like the job store.
    this.db = openDatabase(path.join(dataDir, OBJECTS_DB_FILE_NAME), {
      busyTimeoutMs: BUSY_TIMEOUT_MS,
      durable: true,
      foreignKeys: true,
    });
    try {
      migrateObjectsDb(this.db);
    } catch (err) {
      this.db.close();
      throw err;
    }
    this.uploads = new UploadStore(this, now);
  }

  close(): void {
    this.db.close();
  }

  /** The database, for the multipart upload store that shares it (./uploads.ts). */
  get database(): SqliteDatabase {
    return this.db;
  }

  bucketDir(bucket: string): string {
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
   * A new temp file in the bucket's `tmp/` directory (random name, never a key), for `commit` to move into
   * place once written.
   */
  newTempFile(bucket: string): { id: string; file: string } {
    const dir = this.bucketDir(bucket);
    const id = randomUUID();
    const tmpDir = path.join(dir, 'tmp');
    fs.mkdirSync(tmpDir, { recursive: true });
    return { id, file: path.join(tmpDir, id) };
  }

  /**
   * Stores bytes as an object, atomically: the bytes go to a temp file (fsynced), are renamed into place and
   * only then does the metadata row point at them; the replaced object's file is removed afterwards.
   * `expect` refuses the write when the bytes differ (Content-MD5 → BadDigest, x-amz-content-sha256, a
   * flexible checksum).
   */
  async put(
    bucket: string,
    key: string,
    body: Buffer | Readable,
    meta: PutMetadata = {},
    expect: ExpectedDigests = {},
  ): Promise<ObjectRecord> {
    this.checkKey(key);
    const tmp = this.newTempFile(bucket);
    try {
      const written = await writeBlob(tmp.file, body, {
        sha256: expect.sha256 !== undefined,
        ...(expect.checksum ? { checksum: expect.checksum.algorithm } : {}),
      });
      if (expect.md5 !== undefined && expect.md5 !== written.md5) {
        throw new ObjectStoreError(
          'BadDigest',
          'The Content-MD5 you specified did not match what we received',
        );
      }
      if (expect.sha256 !== undefined && written.sha256 !== expect.sha256) {
        throw new ObjectStoreError(
          'XAmzContentSHA256Mismatch',
          'The provided x-amz-content-sha256 header does not match what was computed',
        );
      }
      let checksum: ObjectChecksum | undefined;
      if (expect.checksum && written.checksum !== undefined) {
        const { algorithm, value } = expect.checksum;
        const claimed = typeof value === 'function' ? value() : value;
        if (claimed !== undefined && claimed !== written.checksum) {
          throw new ObjectStoreError(
            'BadDigest',
            `The ${algorithm} you specified did not match the calculated checksum.`,
          );
        }
        checksum = { algorithm, value: written.checksum, type: 'FULL_OBJECT' };
      }
      expect.beforeCommit?.();
      return await this.commit(bucket, key, tmp, {
        size: written.size,
        md5: written.md5,
        etag: written.md5,
        ...meta,
        ...(checksum ? { checksum } : {}),
      });
    } catch (err) {
      await rm(tmp.file, { force: true });
      throw err;
    }
  }

  /**
   * Makes a fully written, fsynced temp file (from `newTempFile`) the object `key`: renamed into the data
   * directory, then the row points at it in one transaction; the replaced object's file goes afterwards.
   */
  async commit(
    bucket: string,
    key: string,
    tmp: { id: string; file: string },
    fields: CommitFields,
  ): Promise<ObjectRecord> {
    const dir = this.bucketDir(bucket);
    this.checkKey(key);
    const shard = tmp.id.slice(0, 2);
    const finalDir = path.join(dir, 'data', shard);
    fs.mkdirSync(finalDir, { recursive: true });
    fs.renameSync(tmp.file, path.join(finalDir, tmp.id));
    const record: ObjectRecord = {
      bucket,
      key,
      size: fields.size,
      md5: fields.md5,
      etag: fields.etag,
      contentType: fields.contentType ?? DEFAULT_CONTENT_TYPE,
      ...(fields.contentEncoding ? { contentEncoding: fields.contentEncoding } : {}),
      ...(fields.checksum ? { checksum: fields.checksum } : {}),
      lastModified: this.now().getTime(),
    };
    // IMMEDIATE: a read-then-write in a deferred transaction can fail with SQLITE_BUSY when `dock` writes too.
    const old = this.db.immediate(() => {
      const previous = writeObjectRow(this.db, record, path.join(shard, tmp.id), null);
      return previous ? filesNoLongerUsed(this.db, bucket, [previous]) : [];
    });
    await Promise.all(old.map((f) => rm(path.join(dir, 'data', f), { force: true })));
    return record;
  }

  /**
   * When each bucket was first served, recorded the first time it is asked for (the config names buckets
   * but no creation dates; ListBuckets shows this as CreationDate).
   */
  bucketCreationTimes(names: readonly string[]): Map<string, number> {
    const insert = this.db.prepare('INSERT OR IGNORE INTO buckets (name, created) VALUES (?, ?)');
    const select = this.db.prepare('SELECT created FROM buckets WHERE name = ?');
    const now = this.now().getTime();
    return this.db.immediate(() => {
      const out = new Map<string, number>();
      for (const name of names) {
        insert.run(name, now);
        out.set(name, (select.get(name) as { created: number }).created);
      }
      return out;
    });
  }

  /** The object's metadata and file, or undefined. */
  get(bucket: string, key: string): StoredObject | undefined {
    const dir = this.bucketDir(bucket);
    if (keyProblem(key) !== undefined) return undefined;
    const row = this.db
      .prepare('SELECT * FROM objects WHERE bucket = ? AND key = ?')
      .get(bucket, keyBlob(key)) as Row | undefined;
    if (!row) return undefined;
    return {
      ...toRecord(row),
      file: path.join(dir, 'data', row.file),
      ...(row.pack_offset !== null ? { offset: row.pack_offset } : {}),
    };
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
    const params: SqlParam[] = [bucket, lower.blob];
    const upper = prefix.length > 0 ? prefixUpperBound(prefix) : undefined;
    if (upper !== undefined) {
      clauses.push('key < ?');
      params.push(upper);
    }
    params.push(query.limit);
    const rows = this.db
      .prepare(
        `SELECT * FROM objects
         WHERE ${clauses.join(' AND ')} ORDER BY key LIMIT ?`,
      )
      .all<Row>(...params);
    return rows.map(toRecord);
  }

  /** Removes an object (true when there was one). */
  async delete(bucket: string, key: string): Promise<boolean> {
    const dir = this.bucketDir(bucket);
    const unused = this.db.immediate(() => {
      const row = this.db
        .prepare('DELETE FROM objects WHERE bucket = ? AND key = ? RETURNING file, pack_offset AS packOffset')
        .get(bucket, keyBlob(key)) as FileRef | undefined;
      return row ? filesNoLongerUsed(this.db, bucket, [row]) : undefined;
    });
    if (unused) await Promise.all(unused.map((f) => rm(path.join(dir, 'data', f), { force: true })));
    return unused !== undefined;
  }
}

function toRecord(row: Row): ObjectRecord {
  return {
    bucket: row.bucket,
    // node:sqlite hands BLOBs back as Uint8Array, whose toString() is not the text.
    key: blobToBuffer(row.key).toString('utf8'),
    size: row.size,
    md5: row.md5,
    etag: row.etag ?? row.md5,
    contentType: row.content_type,
    ...(row.content_encoding ? { contentEncoding: row.content_encoding } : {}),
    ...(row.checksum_algorithm && row.checksum_value
      ? {
          checksum: {
            algorithm: row.checksum_algorithm as ChecksumAlgorithm,
            value: row.checksum_value,
            type: (row.checksum_type ?? 'FULL_OBJECT') as ChecksumType,
          },
        }
      : {}),
    lastModified: row.last_modified,
  };
}

export function openObjectStore(dataDir: string, now?: () => Date): ObjectStore {
  return new ObjectStore(dataDir, now);
}
