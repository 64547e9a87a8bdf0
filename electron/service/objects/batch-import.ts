/**
 * Many files into one bucket as objects, with the durability of `ObjectStore.put` paid once per batch
 * instead of once per object: every file is copied (hashed on the way) into one new data directory, all of
 * them are fsynced together (the file system groups concurrent fsyncs into few journal commits), then the
 * directory, and only then does one transaction point the rows at them. A crash before the commit leaves
 * unreferenced files and no object; after it, every object of the batch is whole on disk.
 *
 * The receiving dock (../loading/import-device.ts) uses this; it opens each source file once and reads it
 * with one large reused buffer.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { SqliteDatabase, Statement } from '../../sqlite/index';
import { DEFAULT_CONTENT_TYPE, type ObjectRecord, type ObjectStore, type PutMetadata } from './index';
import { keyBlob, keyProblem } from './names';

/** Two read buffers for every file: large reads for large files, one read for a small one. */
export const IMPORT_CHUNK_BYTES = 4 * 1024 * 1024;

const fsync = promisify(fs.fsync);
const write = (fd: number, buffer: Buffer, offset: number, length: number) =>
  new Promise<{ bytesWritten: number }>((resolve, reject) =>
    fs.write(fd, buffer, offset, length, null, (err, bytesWritten) =>
      err ? reject(err) : resolve({ bytesWritten }),
    ),
  );

export interface FileToImport {
  key: string;
  /** The source file (bytes when its name is not UTF-8). */
  source: string | Buffer;
  /** Content headers from the file's first bytes (gzip magic); called once, with up to the first chunk. */
  headersFor: (head: Buffer) => PutMetadata;
}

export type ImportOutcome = { ok: true; record: ObjectRecord } | { ok: false; error: Error };

interface Written {
  index: number;
  key: string;
  id: string;
  fd: number;
  size: number;
  md5: string;
  meta: PutMetadata;
}

interface Statements {
  previous: Statement;
  upsert: Statement;
}

/** Prepared once per database, not once per object. */
const prepared = new WeakMap<SqliteDatabase, Statements>();

function statementsFor(db: SqliteDatabase): Statements {
  let s = prepared.get(db);
  if (!s) {
    s = {
      previous: db.prepare('SELECT file FROM objects WHERE bucket = ? AND key = ?'),
      upsert: db.prepare(
        `INSERT INTO objects (bucket, key, file, size, md5, content_type, content_encoding, last_modified,
           etag, checksum_algorithm, checksum_value, checksum_type)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)
         ON CONFLICT (bucket, key) DO UPDATE SET file = excluded.file, size = excluded.size, md5 = excluded.md5,
           content_type = excluded.content_type, content_encoding = excluded.content_encoding,
           last_modified = excluded.last_modified, etag = excluded.etag,
           checksum_algorithm = NULL, checksum_value = NULL, checksum_type = NULL`,
      ),
    };
    prepared.set(db, s);
  }
  return s;
}

/**
 * Copies `source` to a new file in `dir` (left open for the batch's fsync), hashing it on the way. Two
 * buffers: while one is written (on libuv's thread pool) the next is read and hashed here, so the write,
 * which the kernel may throttle, overlaps the hashing.
 */
async function copyOne(
  file: FileToImport,
  index: number,
  dir: string,
  buffers: readonly [Buffer, Buffer],
): Promise<Written> {
  const id = randomUUID();
  const src = fs.openSync(file.source, 'r');
  let dst: number | undefined;
  let pending: Promise<void> = Promise.resolve();
  try {
    dst = fs.openSync(path.join(dir, id), 'wx', 0o600);
    const md5 = createHash('md5');
    let size = 0;
    let meta: PutMetadata | undefined;
    for (let turn = 0; ; turn++) {
      const buffer = buffers[turn % 2] as Buffer;
      // This buffer's previous write (two turns ago) finished when `pending` (the last write) did.
      const n = fs.readSync(src, buffer, 0, buffer.length, null);
      if (n === 0) break;
      const chunk = n === buffer.length ? buffer : buffer.subarray(0, n);
      meta ??= file.headersFor(chunk);
      size += n;
      if (n < buffer.length) {
        // A short read: a small file, or a large file's tail. A thread-pool round trip per small file
        // would cost more than the write itself.
        md5.update(chunk);
        await pending;
        for (let off = 0; off < n;) off += fs.writeSync(dst, chunk, off, n - off);
        continue;
      }
      const previous = pending;
      pending = previous.then(() => writeAll(dst as number, chunk));
      md5.update(chunk);
      // At most one write in flight besides the one just queued: the other buffer is free to read into.
      await previous;
    }
    await pending;
    return {
      index,
      key: file.key,
      id,
      fd: dst,
      size,
      md5: md5.digest('hex'),
      meta: meta ?? file.headersFor(Buffer.alloc(0)),
    };
  } catch (err) {
    await pending.catch(() => undefined);
    if (dst !== undefined) {
      fs.closeSync(dst);
      fs.rmSync(path.join(dir, id), { force: true });
    }
    throw err;
  } finally {
    fs.closeSync(src);
  }
}

async function writeAll(fd: number, chunk: Buffer): Promise<void> {
  for (let off = 0; off < chunk.length;)
    off += (await write(fd, chunk, off, chunk.length - off)).bytesWritten;
}

/**
 * Imports `files` into `bucket` as one durable group. Each file's outcome is in the same position: a
 * source that cannot be read fails alone, the others are still stored.
 */
export async function importFiles(
  store: ObjectStore,
  bucket: string,
  files: readonly FileToImport[],
  now: () => Date = () => new Date(),
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = new Array<ImportOutcome>(files.length);
  const bucketDir = store.bucketDir(bucket);
  // One directory per batch (random, as the store's shards are): one mkdir and one directory fsync.
  const shard = randomBytes(2).toString('hex');
  const dir = path.join(bucketDir, 'data', shard);
  fs.mkdirSync(dir, { recursive: true });
  const buffers = [Buffer.allocUnsafe(IMPORT_CHUNK_BYTES), Buffer.allocUnsafe(IMPORT_CHUNK_BYTES)] as const;
  const written: Written[] = [];
  try {
    for (const [index, file] of files.entries()) {
      const problem = keyProblem(file.key);
      if (problem !== undefined) {
        outcomes[index] = { ok: false, error: new Error(`object key is not usable (${problem})`) };
        continue;
      }
      try {
        written.push(await copyOne(file, index, dir, buffers));
      } catch (err) {
        outcomes[index] = { ok: false, error: err as Error };
      }
    }
    // All at once: the file system commits concurrent fsyncs together.
    await Promise.all(written.map((w) => fsync(w.fd)));
  } finally {
    for (const w of written) fs.closeSync(w.fd);
  }
  const dirFd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(dirFd);
  } finally {
    fs.closeSync(dirFd);
  }

  const db = store.database;
  const { previous, upsert } = statementsFor(db);
  const lastModified = now().getTime();
  const replaced = db.immediate(() => {
    const old: string[] = [];
    for (const w of written) {
      const key = keyBlob(w.key);
      const prev = previous.get(bucket, key) as { file: string } | undefined;
      if (prev) old.push(prev.file);
      const contentType = w.meta.contentType ?? DEFAULT_CONTENT_TYPE;
      upsert.run(
        bucket,
        key,
        path.join(shard, w.id),
        w.size,
        w.md5,
        contentType,
        w.meta.contentEncoding ?? null,
        lastModified,
        w.md5,
      );
      outcomes[w.index] = {
        ok: true,
        record: {
          bucket,
          key: w.key,
          size: w.size,
          md5: w.md5,
          etag: w.md5,
          contentType,
          ...(w.meta.contentEncoding ? { contentEncoding: w.meta.contentEncoding } : {}),
          lastModified,
        },
      };
    }
    return old;
  });
  // The replaced objects' files, once nothing points at them.
  await Promise.all(replaced.map((f) => rm(path.join(bucketDir, 'data', f), { force: true })));
  return outcomes;
}
