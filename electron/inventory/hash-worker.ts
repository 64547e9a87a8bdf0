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

// Synchronous calls but for large files: this thread does nothing else, the pool sends it one request at a
// time, and cancels by terminating it.
port.on('message', (message: WorkerRequest) => void answer(message));

async function answer(message: WorkerRequest): Promise<void> {
  if (message.type === 'stat') {
    const r = statPaths(message.paths);
    send({ type: 'stat-done', batch: message.batch, ...r }, [r.sizes.buffer, r.mtimesMs.buffer]);
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
