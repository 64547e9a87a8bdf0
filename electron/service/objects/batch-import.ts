/**
 * Many files into one bucket as objects, with the durability of `ObjectStore.put` paid once per batch
 * instead of once per object: every file is copied and hashed into one new data directory, its files are
 * fsynced, then the directory, and only then does one transaction point the rows at them. A crash before
 * the commit leaves unreferenced files and no object; after it, every object of the batch is whole on disk.
 *
 * The receiving dock (../loading/import-device.ts) uses this. The batch's small files are appended to one
 * pack file (./packs.ts) on this thread: read once, hashed, staged, and written and fsynced with the others
 * (a round trip to another thread would cost more than the file). A large file gets a file of its own,
 * copied by the kernel (`fs.copyFile`: copy_file_range, no bytes through JavaScript), then hashed from the
 * page cache in a hashing thread while the next file is copied, and its fsync starts at once so the disk
 * writes it while the rest of the batch is still being copied and hashed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { copyFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { syncDirectory } from '../../platform/sync-directory';
import { BlobHasher } from './blob-hasher';
import { DEFAULT_CONTENT_TYPE, type ObjectRecord, type ObjectStore, type PutMetadata } from './index';
import { keyProblem } from './names';
import { filesNoLongerUsed, PackWriter, type FileRef } from './packs';
import { writeObjectRow } from './rows';

/**
 * From this size on a file is copied by the kernel into a file of its own and hashed in a hashing thread.
 * Below it, the thread round trips and the second read (the hash reads the copy back) cost more than
 * hashing here, and a file of its own costs a create and an fsync.
 */
export const KERNEL_COPY_MIN_BYTES = 1024 * 1024;
/** What `headersFor` sees of a kernel-copied file (it looks at the first two bytes). */
const HEAD_BYTES = 64 * 1024;

const fsync = promisify(fs.fsync);

export interface FileToImport {
  key: string;
  /** The source file (bytes when its name is not UTF-8). */
  source: string | Buffer;
  /** Content headers from the file's first bytes (gzip magic); called once, with up to the first chunk. */
  headersFor: (head: Buffer) => PutMetadata;
  /** The size the walk saw, which picks how the file is copied (the object's size is what was copied). */
  size?: number;
}

export interface ImportOptions {
  now?: () => Date;
  /** Hashing threads to share across batches; without one a batch with a large file starts its own. */
  hasher?: BlobHasher;
  /**
   * The previous batch, still flushing: this one copies meanwhile but commits only after it, so a key two
   * batches both write ends as the later one. If it fails, this batch commits nothing and rejects too.
   */
  commitAfter?: Promise<unknown>;
  /** Called once every file is copied, before the batch is flushed and committed. */
  onCopied?: () => void;
}

export type ImportOutcome = { ok: true; record: ObjectRecord } | { ok: false; error: Error };

interface Written {
  index: number;
  key: string;
  /** The data file's name in the batch directory. */
  id: string;
  /** Where the object starts in that file when it is the batch's pack; null when the file is its own. */
  packOffset: number | null;
  size: number;
  md5: string;
  meta: PutMetadata;
}

/** A kernel-copied file on its way: copied, its fsync and MD5 still running. */
interface Copied {
  written: Omit<Written, 'md5'>;
  fd: number;
  /** Settles (never rejects) once the MD5 and the fsync are both done; the error when either failed. */
  settled: Promise<{ md5: string } | { error: Error }>;
}

/**
 * Copies `source` to a new file in `dir` in the kernel, then starts its fsync (chained after the previous
 * large file's, so fsyncs never fill libuv's thread pool and stall the next copy) and its MD5 in a hashing
 * thread. Resolves once the copy is done, so the caller can copy the next file while these run.
 */
async function copyLarge(
  file: FileToImport,
  index: number,
  dir: string,
  hasher: BlobHasher,
  flushes: { chain: Promise<unknown> },
): Promise<Copied> {
  const id = randomUUID();
  const blob = path.join(dir, id);
  let fd: number | undefined;
  try {
    await copyFile(file.source, blob, fs.constants.COPYFILE_EXCL);
    fd = fs.openSync(blob, 'r+');
    // copyFile gives the copy the source's mode; a blob is the store's alone.
    fs.fchmodSync(fd, 0o600);
    const size = fs.fstatSync(fd).size;
    const head = Buffer.allocUnsafe(Math.min(size, HEAD_BYTES));
    const headBytes = fs.readSync(fd, head, 0, head.length, 0);
    const meta = file.headersFor(head.subarray(0, headBytes));
    const synced = flushes.chain.then(() => fsync(fd as number));
    flushes.chain = synced.catch(() => undefined);
    // Both settle before this does: the fd stays open until its fsync has returned, even after a failure.
    const settled = Promise.allSettled([hasher.md5(blob, size), synced]).then(([md5, sync]) => {
      if (md5.status === 'rejected') return { error: md5.reason as Error };
      if (sync.status === 'rejected') return { error: sync.reason as Error };
      return { md5: md5.value };
    });
    return { written: { index, key: file.key, id, packOffset: null, size, meta }, fd, settled };
  } catch (err) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(blob, { force: true });
    throw err;
  }
}

/**
 * Copies the batch's files into `dir`: small ones into one pack, large ones into files of their own; every
 * file it keeps is fsynced before this returns. A file that cannot be read fails alone (in `outcomes`).
 * `created` gets the name of every file made in `dir`, kept or not, as soon as it exists.
 */
async function copyBatch(
  files: readonly FileToImport[],
  dir: string,
  outcomes: ImportOutcome[],
  options: ImportOptions,
  created: string[],
): Promise<Written[]> {
  const ownHasher =
    options.hasher === undefined && files.some((f) => (f.size ?? 0) >= KERNEL_COPY_MIN_BYTES)
      ? new BlobHasher()
      : undefined;
  const hasher = options.hasher ?? ownHasher;
  const packId = randomUUID();
  let pack: PackWriter | undefined;
  const written: Written[] = [];
  const copied: Copied[] = [];
  const failed: string[] = [];
  const flushes = { chain: Promise.resolve() as Promise<unknown> };
  try {
    for (const [index, file] of files.entries()) {
      const problem = keyProblem(file.key);
      if (problem !== undefined) {
        outcomes[index] = { ok: false, error: new Error(`object key is not usable (${problem})`) };
        continue;
      }
      try {
        if (hasher && (file.size ?? 0) >= KERNEL_COPY_MIN_BYTES) {
          const c = await copyLarge(file, index, dir, hasher, flushes);
          created.push(c.written.id);
          copied.push(c);
        } else {
          if (!pack) {
            pack = new PackWriter(path.join(dir, packId));
            created.push(packId);
          }
          const m = await pack.append(file.source, file.headersFor);
          written.push({
            index,
            key: file.key,
            id: packId,
            packOffset: m.offset,
            size: m.size,
            md5: m.md5,
            meta: m.meta,
          });
        }
      } catch (err) {
        outcomes[index] = { ok: false, error: err as Error };
      }
    }
    options.onCopied?.();
    // The pack's last write and fsync overlap the large files' hashes and flushes.
    if (pack && written.length > 0) await pack.finish();
    for (const c of copied) {
      const done = await c.settled;
      if ('md5' in done) written.push({ ...c.written, md5: done.md5 });
      else {
        outcomes[c.written.index] = { ok: false, error: done.error };
        failed.push(c.written.id);
      }
    }
    written.sort((a, b) => a.index - b.index);
  } finally {
    // Every fsync and hash has settled before the files close (an error above may leave some running).
    await Promise.all(copied.map((c) => c.settled));
    for (const c of copied) fs.closeSync(c.fd);
    await pack?.close();
    await ownHasher?.destroy();
  }
  // A pack whose every file failed holds nothing an object points at.
  if (pack && !written.some((w) => w.packOffset !== null)) failed.push(packId);
  for (const id of failed) fs.rmSync(path.join(dir, id), { force: true });
  return written;
}

/**
 * Points the rows at the batch's files in one transaction; returns the files no row points at any more
 * (the objects it replaced, when they had files of their own or were the last of a pack).
 */
function commitRows(
  store: ObjectStore,
  bucket: string,
  shard: string,
  written: readonly Written[],
  outcomes: ImportOutcome[],
  lastModified: number,
): string[] {
  const db = store.database;
  return db.immediate(() => {
    const old: FileRef[] = [];
    for (const w of written) {
      const record: ObjectRecord = {
        bucket,
        key: w.key,
        size: w.size,
        md5: w.md5,
        etag: w.md5,
        contentType: w.meta.contentType ?? DEFAULT_CONTENT_TYPE,
        ...(w.meta.contentEncoding ? { contentEncoding: w.meta.contentEncoding } : {}),
        lastModified,
      };
      const before = writeObjectRow(db, record, path.join(shard, w.id), w.packOffset);
      if (before) old.push(before);
      outcomes[w.index] = { ok: true, record };
    }
    return filesNoLongerUsed(db, bucket, old);
  });
}

/**
 * Imports `files` into `bucket` as one durable group. Each file's outcome is in the same position: a
 * source that cannot be read fails alone, the others are still stored. When the batch as a whole fails
 * (its flush, the previous batch, the commit), nothing of it is stored and its files are removed.
 */
export async function importFiles(
  store: ObjectStore,
  bucket: string,
  files: readonly FileToImport[],
  options: ImportOptions = {},
): Promise<ImportOutcome[]> {
  const now = options.now ?? (() => new Date());
  const outcomes: ImportOutcome[] = new Array<ImportOutcome>(files.length);
  const bucketDir = store.bucketDir(bucket);
  // One directory per batch (random, as the store's shards are): one mkdir and one directory fsync.
  const shard = randomBytes(2).toString('hex');
  const dataDir = path.join(bucketDir, 'data');
  const dir = path.join(dataDir, shard);
  const madeFrom = fs.mkdirSync(dir, { recursive: true });
  const created: string[] = [];
  let replaced: string[];
  try {
    const written = await copyBatch(files, dir, outcomes, options, created);
    // The new names, then the shard's own name in data/ (always: the shard may be an earlier batch's whose
    // parent was never synced), then any parent the mkdir created: all before a row points at them.
    await syncDirectory(dir);
    await syncDirectory(dataDir);
    if (madeFrom !== undefined) {
      for (let d = dataDir; d !== path.dirname(madeFrom); d = path.dirname(d))
        await syncDirectory(path.dirname(d));
    }
    await options.commitAfter;
    replaced = commitRows(store, bucket, shard, written, outcomes, now().getTime());
  } catch (err) {
    // No row points at any of them.
    for (const id of created) fs.rmSync(path.join(dir, id), { force: true });
    throw err;
  }
  // The replaced objects' files, once nothing points at them.
  await Promise.all(replaced.map((f) => rm(path.join(dataDir, f), { force: true })));
  return outcomes;
}
