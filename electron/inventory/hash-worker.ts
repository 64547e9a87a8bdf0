/** A hashing thread: MD5 of each file in a batch, read with one fixed buffer. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import {
  HASH_CHUNK_BYTES,
  HASH_REPORT_EVERY_BYTES,
  type HashBatch,
  type WorkerMessage,
} from './hash-protocol';

const port = parentPort;
if (!port) throw new Error('hash-worker must run in a worker thread');

const buffer = Buffer.allocUnsafe(HASH_CHUNK_BYTES);
const send = (message: WorkerMessage): void => port.postMessage(message);

// Synchronous reads: this thread does nothing else, and the pool cancels by terminating it.
function hashOne(id: number, path: Buffer): void {
  let unreported = 0;
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
    send({ type: 'file', id, md5: hash.digest('hex'), bytes: unreported });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    send({ type: 'error', id, code: e.code ?? 'EIO', message: e.message, bytes: unreported });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

port.on('message', (message: HashBatch) => {
  for (const file of message.files) hashOne(file.id, Buffer.from(file.path));
  send({ type: 'batch-done' });
});
