/**
 * MD5 over many files in a few worker threads. Small files go in batches (one message per batch, not per
 * file); a large file travels alone. Cancelling terminates the threads at once.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { assertNever } from '../../protocol/status-codes';
import type { HashTask, WorkerMessage } from './hash-protocol';

/** More threads than this only contend for the same disk. */
export const MAX_HASH_WORKERS = 4;
/** A batch closes at this many files... */
export const BATCH_MAX_FILES = 64;
/** ...or this many bytes, whichever comes first. */
export const BATCH_MAX_BYTES = 8 * 1024 * 1024;

const WORKER_URL = new URL('./hash-worker.js', import.meta.url);

export function defaultWorkerCount(): number {
  return clampWorkers(os.availableParallelism());
}

export function clampWorkers(n: number): number {
  return Math.max(1, Math.min(Math.floor(n) || 1, MAX_HASH_WORKERS));
}

export interface HashInput {
  id: number;
  path: Buffer;
  size: number;
}

export type HashResult = { md5: string } | { error: { code: string; message: string } };

export interface HashOptions {
  workers?: number;
  signal?: AbortSignal;
  /** Bytes read since the last call. */
  onBytes?: (bytes: number) => void;
  onFile?: (id: number) => void;
  /** Live worker count whenever it changes (tests check the bound). */
  onWorkerCount?: (live: number) => void;
}

export function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The inventory was cancelled.', 'AbortError');
}

/** Batches in input order: consecutive files until BATCH_MAX_FILES or BATCH_MAX_BYTES. */
export function planBatches(files: readonly HashInput[]): HashInput[][] {
  const batches: HashInput[][] = [];
  let current: HashInput[] = [];
  let bytes = 0;
  for (const f of files) {
    if (current.length > 0 && (current.length >= BATCH_MAX_FILES || bytes + f.size > BATCH_MAX_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(f);
    bytes += f.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export function hashFiles(
  files: readonly HashInput[],
  options: HashOptions = {},
): Promise<Map<number, HashResult>> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  const results = new Map<number, HashResult>();
  if (files.length === 0) return Promise.resolve(results);
  // Largest first so a big file does not start last and leave the other threads idle at the end.
  const batches = planBatches([...files].sort((a, b) => b.size - a.size));
  const workerCount = Math.min(clampWorkers(options.workers ?? defaultWorkerCount()), batches.length);

  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let settled = false;

    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      const live = workers.splice(0);
      void Promise.all(live.map((w) => w.terminate())).then(() => options.onWorkerCount?.(0));
      if (err) reject(err);
      else resolve(results);
    };
    const onAbort = (): void => finish(abortError(signal));
    signal?.addEventListener('abort', onAbort, { once: true });

    const dispatch = (worker: Worker): void => {
      const batch = batches[next++];
      if (!batch) {
        const i = workers.indexOf(worker);
        if (i >= 0) workers.splice(i, 1);
        void worker.terminate();
        options.onWorkerCount?.(workers.length);
        if (workers.length === 0) finish();
        return;
      }
      const tasks: HashTask[] = batch.map((f) => ({ id: f.id, path: f.path }));
      worker.postMessage({ type: 'batch', files: tasks });
    };

    for (let i = 0; i < workerCount; i++) {
      const worker = new Worker(WORKER_URL);
      workers.push(worker);
      worker.on('message', (m: WorkerMessage) => {
        if (settled) return;
        switch (m.type) {
          case 'bytes':
            options.onBytes?.(m.bytes);
            break;
          case 'file':
            if (m.bytes > 0) options.onBytes?.(m.bytes);
            results.set(m.id, { md5: m.md5 });
            options.onFile?.(m.id);
            break;
          case 'error':
            if (m.bytes > 0) options.onBytes?.(m.bytes);
            results.set(m.id, { error: { code: m.code, message: m.message } });
            options.onFile?.(m.id);
            break;
          case 'batch-done':
            dispatch(worker);
            break;
          default:
            assertNever(m);
        }
      });
      worker.on('error', (err) => finish(err));
      worker.on('exit', (code) => {
        if (!settled && workers.includes(worker)) {
          finish(new Error(`A hashing thread stopped unexpectedly (exit code ${code}).`));
        }
      });
    }
    options.onWorkerCount?.(workers.length);
    for (const w of [...workers]) dispatch(w);
  });
}
