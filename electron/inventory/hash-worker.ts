/** A hashing thread: lstat of many paths, or the MD5 of each file in a batch, read with one fixed buffer. */
import { parentPort } from 'node:worker_threads';
import { hashFileInto, hashLargeFileInto, statPaths } from './hash-file';
import {
  HASH_CHUNK_BYTES,
  MD5_BYTES,
  type FileFailure,
  type WorkerMessage,
  type WorkerRequest,
} from './hash-protocol';

const port = parentPort;
if (!port) throw new Error('hash-worker must run in a worker thread');

const send = (message: WorkerMessage, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);
let unreported = 0;
const onBytes = (n: number): void => {
  unreported += n;
};
const onLargeFileBytes = (): void => {
  send({ type: 'bytes', bytes: unreported });
  unreported = 0;
};

// Synchronous calls but for large files: this thread does nothing else, and the pool cancels by terminating
// it. The pool sends the next request before this one is answered: answer them in turn, never two at once
// (they share one read buffer). A failure is thrown out of the thread, where the pool sees it.
let answered: Promise<void> = Promise.resolve();
port.on('message', (message: WorkerRequest) => {
  answered = answered
    .then(() => answer(message))
    .catch((err: unknown) => {
      setImmediate(() => {
        throw err;
      });
    });
});

async function answer(message: WorkerRequest): Promise<void> {
  if (message.type === 'stat') {
    const r = statPaths(message.paths, message.hash);
    const transfer = [r.sizes.buffer, r.mtimesMs.buffer];
    if (r.digests && r.hashed) transfer.push(r.digests.buffer as ArrayBuffer, r.hashed.buffer);
    send({ type: 'stat-done', batch: message.batch, ...r }, transfer);
    return;
  }
  const digests = Buffer.alloc(message.paths.length * MD5_BYTES);
  const failures: FileFailure[] = [];
  for (let index = 0; index < message.paths.length; index++) {
    const p = message.paths[index] as (typeof message.paths)[number];
    const size = message.sizes[index] ?? 0;
    const at = index * MD5_BYTES;
    const e =
      size > HASH_CHUNK_BYTES
        ? await hashLargeFileInto(p, digests, at, onBytes, onLargeFileBytes)
        : hashFileInto(p, size, digests, at, onBytes, onLargeFileBytes);
    if (e) failures.push({ index, code: e.code ?? 'EIO', message: e.message });
  }
  send({ type: 'batch-done', digests, failures, bytes: unreported }, [digests.buffer as ArrayBuffer]);
  unreported = 0;
}
