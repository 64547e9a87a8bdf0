/** A hashing thread: MD5 of each file in a batch, read with one fixed buffer. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import {
  HASH_CHUNK_BYTES,
  HASH_REPORT_EVERY_BYTES,
  type FileResult,
  type HashBatch,
  type WorkerMessage,
} from './hash-protocol';

const port = parentPort;
if (!port) throw new Error('hash-worker must run in a worker thread');

const buffer = Buffer.allocUnsafe(HASH_CHUNK_BYTES);
const send = (message: WorkerMessage): void => port.postMessage(message);
let unreported = 0;

// Synchronous reads: this thread does nothing else, and the pool cancels by terminating it.
function hashOne(id: number, path: Buffer): FileResult {
  let fd: number | undefined;
  try {
    fd = fs.openSync(path, 'r');
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
    return { id, md5: hash.digest('hex') };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { id, code: e.code ?? 'EIO', message: e.message };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

port.on('message', (message: HashBatch) => {
  const results = message.files.map((f) => hashOne(f.id, Buffer.from(f.path)));
  send({ type: 'batch-done', results, bytes: unreported });
  unreported = 0;
});
