/** A hashing thread: lstat of many paths, or the MD5 of each file in a batch, read with one fixed buffer. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
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

const port = parentPort;
if (!port) throw new Error('hash-worker must run in a worker thread');

const buffer = Buffer.allocUnsafe(HASH_CHUNK_BYTES);
const send = (message: WorkerMessage, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);
let unreported = 0;

/** Bytes arrive as a plain Uint8Array; fs wants a Buffer (a view, not a copy). */
const fsPath = (p: WirePath): string | Buffer =>
  typeof p === 'string' ? p : Buffer.from(p.buffer, p.byteOffset, p.byteLength);

// Synchronous calls: this thread does nothing else, and the pool cancels by terminating it.
/** Hashes one file into `digests` at `offset`; an error is returned, not thrown. */
function hashOne(path: WirePath, digests: Uint8Array, offset: number): NodeJS.ErrnoException | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(fsPath(path), 'r');
    const hash = createHash('md5');
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, HASH_CHUNK_BYTES, null);
      if (n === 0) break;
      hash.update(n === HASH_CHUNK_BYTES ? buffer : buffer.subarray(0, n));
      unreported += n;
      if (unreported >= HASH_REPORT_EVERY_BYTES) {
        send({ type: 'bytes', bytes: unreported });
        unreported = 0;
      }
    }
    digests.set(hash.digest(), offset);
    return undefined;
  } catch (err) {
    return err as NodeJS.ErrnoException;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function statAll(batch: number, paths: WirePath[]): void {
  const sizes = new Float64Array(paths.length);
  const mtimesMs = new Float64Array(paths.length);
  const failures: StatFailure[] = [];
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
      }
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      failures.push({ index: i, code: e.code ?? 'EIO', message: e.message });
    }
  });
  send({ type: 'stat-done', batch, sizes, mtimesMs, failures }, [sizes.buffer, mtimesMs.buffer]);
}

port.on('message', (message: WorkerRequest) => {
  if (message.type === 'stat') {
    statAll(message.batch, message.paths);
    return;
  }
  const digests = new Uint8Array(message.files.length * MD5_BYTES);
  const failures: FileFailure[] = [];
  message.files.forEach((f, index) => {
    const e = hashOne(f.path, digests, index * MD5_BYTES);
    if (e) failures.push({ index, code: e.code ?? 'EIO', message: e.message });
  });
  send({ type: 'batch-done', digests, failures, bytes: unreported }, [digests.buffer]);
  unreported = 0;
});
