/**
 * The synchronous work of a hashing thread, shared with the calling thread when it hashes small batches
 * itself (HashPool's `inline` option): lstat of many paths, and one file's MD5 read with a fixed buffer.
 */
import { createHash, hash as oneShot } from 'node:crypto';
import fs from 'node:fs';
import {
  HASH_CHUNK_BYTES,
  HASH_REPORT_EVERY_BYTES,
  MD5_BYTES,
  type FileFailure,
  type StatFailure,
  type WirePath,
  type WorkerMessage,
  type WorkerRequest,
} from './hash-protocol';

// Per thread (a module instance each): memory stays flat whatever the file sizes.
const buffer = Buffer.allocUnsafe(HASH_CHUNK_BYTES);
/** The last view of the buffer's start, reused while files have the same size (a view is an object). */
let view = buffer.subarray(0, 0);
const start = (n: number): Buffer => (view.length === n ? view : (view = buffer.subarray(0, n)));

/** Bytes arrive as a plain Uint8Array; fs wants a Buffer (a view, not a copy). */
const fsPath = (p: WirePath): string | Buffer =>
  typeof p === 'string' ? p : Buffer.from(p.buffer, p.byteOffset, p.byteLength);

/** An MD5 fed chunk by chunk, counting each chunk's bytes and reporting every HASH_REPORT_EVERY_BYTES. */
function streamingMd5(onBytes: (n: number) => void, onReport: () => void) {
  const md5 = createHash('md5');
  let unreported = 0;
  return {
    update(chunk: Buffer): void {
      md5.update(chunk);
      onBytes(chunk.length);
      unreported += chunk.length;
      if (unreported >= HASH_REPORT_EVERY_BYTES) {
        onReport();
        unreported = 0;
      }
    },
    digest: (): Buffer => md5.digest(),
  };
}

/**
 * The MD5 of one file into `digests` at `offset`; an error is returned, not thrown. A file whose lstat size
 * fits the buffer costs one open, one read and one close, and one MD5 call: a short read of exactly that
 * size is its end (4 KiB files spent a fifth of their time on the second read and the hash object). A
 * larger one streams; `onReport` is called every HASH_REPORT_EVERY_BYTES so progress moves within it.
 */
export function hashFileInto(
  path: WirePath,
  expectedSize: number,
  digests: Buffer,
  offset: number,
  onBytes: (n: number) => void,
  onReport: () => void,
): NodeJS.ErrnoException | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(fsPath(path), 'r');
    let n = fs.readSync(fd, buffer, 0, HASH_CHUNK_BYTES, null);
    if (n < HASH_CHUNK_BYTES && n === expectedSize) {
      // As a 16-character binary (latin1) string: a Buffer per file cost the garbage collector more than the string.
      digests.write(oneShot('md5', start(n), 'binary'), offset, MD5_BYTES, 'binary');
      onBytes(n);
      return undefined;
    }
    // Larger than the buffer, or not the size lstat said (it changed): read to the end.
    const md5 = streamingMd5(onBytes, onReport);
    while (n > 0) {
      md5.update(n === HASH_CHUNK_BYTES ? buffer : start(n));
      n = fs.readSync(fd, buffer, 0, HASH_CHUNK_BYTES, null);
    }
    digests.set(md5.digest(), offset);
    return undefined;
  } catch (err) {
    return err as NodeJS.ErrnoException;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function readAt(fd: number, into: Buffer, position: number): Promise<number> {
  return new Promise((resolve, reject) =>
    fs.read(fd, into, 0, into.length, position, (err, n) => (err ? reject(err) : resolve(n))),
  );
}

/** The second buffer of a thread that hashes a large file, made by the first one. */
let spare: Buffer | undefined;

/**
 * The MD5 of a file larger than the buffer, with the next chunk read (on libuv's thread pool) while this
 * thread hashes the last one: the copy out of the page cache no longer waits for MD5 and MD5 not for it,
 * which is what a 1 GiB file needed to keep up with md5sum (issue 10). For the hashing threads only: it
 * holds a second buffer, and an await between chunks. Errors are returned, not thrown.
 */
export async function hashLargeFileInto(
  path: WirePath,
  digests: Buffer,
  offset: number,
  onBytes: (n: number) => void,
  onReport: () => void,
): Promise<NodeJS.ErrnoException | undefined> {
  let fd: number | undefined;
  try {
    fd = fs.openSync(fsPath(path), 'r');
    const md5 = streamingMd5(onBytes, onReport);
    let filling: Buffer = buffer;
    let next: Buffer = (spare ??= Buffer.allocUnsafe(HASH_CHUNK_BYTES));
    let position = 0;
    let reading = readAt(fd, filling, position);
    for (;;) {
      const n = await reading;
      if (n === 0) break;
      position += n;
      const filled = filling;
      filling = next;
      next = filled;
      reading = readAt(fd, filling, position);
      // Not awaited yet: an error there surfaces at the next turn's await, after this chunk is hashed.
      reading.catch(() => undefined);
      md5.update(n === HASH_CHUNK_BYTES ? filled : filled.subarray(0, n));
    }
    digests.set(md5.digest(), offset);
    return undefined;
  } catch (err) {
    return err as NodeJS.ErrnoException;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export interface StatAnswer {
  /** Per path: size in bytes; NaN when it is not a regular file any more or lstat failed. */
  sizes: Float64Array<ArrayBuffer>;
  mtimesMs: Float64Array<ArrayBuffer>;
  failures: StatFailure[];
  /** When asked to hash (StatBatch.hash): the digests of the files hashed, and which ones they are. */
  digests?: Buffer;
  hashed?: Uint8Array<ArrayBuffer>;
  bytes?: number;
}

/**
 * lstat of each path; with `hash`, the MD5 too of each wanted regular file that fits the buffer, read right
 * after its lstat. A file that cannot be read is left unhashed: its hash batch reports the error.
 */
export function statPaths(paths: readonly WirePath[], hash?: Uint8Array): StatAnswer {
  const sizes = new Float64Array(paths.length);
  const mtimesMs = new Float64Array(paths.length);
  const failures: StatFailure[] = [];
  const digests = hash ? Buffer.alloc(paths.length * MD5_BYTES) : undefined;
  const hashed = hash ? new Uint8Array(paths.length) : undefined;
  let bytes = 0;
  const count = (n: number): void => {
    bytes += n;
  };
  const noReport = (): void => undefined;
  paths.forEach((p, i) => {
    sizes[i] = NaN;
    try {
      // throwIfNoEntry: false spares building an Error for a file that vanished since the walk.
      const s = fs.lstatSync(fsPath(p), { throwIfNoEntry: false });
      if (s === undefined)
        failures.push({ index: i, code: 'ENOENT', message: 'it vanished during the inventory' });
      // Replaced by something else since the walk: no longer a file to list.
      else if (s.isFile()) {
        sizes[i] = s.size;
        mtimesMs[i] = s.mtimeMs;
        if (digests && hashed && hash?.[i] === 1 && s.size <= HASH_CHUNK_BYTES) {
          const read = bytes;
          if (hashFileInto(p, s.size, digests, i * MD5_BYTES, count, noReport) === undefined) hashed[i] = 1;
          else bytes = read;
        }
      }
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      failures.push({ index: i, code: e.code ?? 'EIO', message: e.message });
    }
  });
  return digests && hashed
    ? { sizes, mtimesMs, failures, digests, hashed, bytes }
    : { sizes, mtimesMs, failures };
}

/** What a thread would answer, worked out on the calling thread. */
export function answerInline(request: WorkerRequest): WorkerMessage {
  if (request.type === 'stat')
    return { type: 'stat-done', batch: request.batch, ...statPaths(request.paths, request.hash) };
  const digests = Buffer.alloc(request.paths.length * MD5_BYTES);
  const failures: FileFailure[] = [];
  let bytes = 0;
  const count = (n: number): void => {
    bytes += n;
  };
  request.paths.forEach((p, index) => {
    const e = hashFileInto(p, request.sizes[index] ?? 0, digests, index * MD5_BYTES, count, () => undefined);
    if (e) failures.push({ index, code: e.code ?? 'EIO', message: e.message });
  });
  return { type: 'batch-done', digests, failures, bytes };
}
