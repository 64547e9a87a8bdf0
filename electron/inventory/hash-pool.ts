/**
 * MD5 over many files in a few worker threads. Small files go in batches (one message per batch, not per
 * file); a large file travels alone. Cancelling terminates the threads at once.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { assertNever } from '../protocol/status-codes';
import { runtimeLayout } from '../runtime-layout';
import type { HashTask, WorkerMessage } from './hash-protocol';

/** More threads than this only contend for the same disk. */
export const MAX_HASH_WORKERS = 4;
/** A batch closes at this many files... */
export const BATCH_MAX_FILES = 64;
/** ...or this many bytes, whichever comes first. */
export const BATCH_MAX_BYTES = 8 * 1024 * 1024;

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

/**
 * A fixed set of hashing threads. Start it before the walk so the threads load while the device is
 * listed; run one hash() at a time; always destroy() it.
 */
export class HashPool {
  private readonly workers: Worker[] = [];
  private destroyed = false;

  constructor(
    count: number = defaultWorkerCount(),
    private readonly onWorkerCount?: (live: number) => void,
  ) {
    for (let i = 0; i < clampWorkers(count); i++)
      this.workers.push(new Worker(runtimeLayout().hashWorkerFile));
    onWorkerCount?.(this.workers.length);
  }

  get size(): number {
    return this.workers.length;
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    const live = this.workers.splice(0);
    await Promise.all(live.map((w) => w.terminate()));
    this.onWorkerCount?.(0);
  }

  hash(files: readonly HashInput[], options: HashOptions = {}): Promise<Map<number, HashResult>> {
    const { signal } = options;
    if (this.destroyed) return Promise.reject(new Error('The hash pool was already destroyed.'));
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const results = new Map<number, HashResult>();
    if (files.length === 0) return Promise.resolve(results);
    // Largest first so a big file does not start last and leave the other threads idle at the end.
    const batches = planBatches([...files].sort((a, b) => b.size - a.size));
    const workers = this.workers;

    return new Promise((resolve, reject) => {
      let next = 0;
      let busy = 0;
      let settled = false;
      const cleanups: Array<() => void> = [];

      const finish = (err?: unknown): void => {
        if (settled) return;
        settled = true;
        for (const c of cleanups) c();
        if (err) {
          // Cancelled or broken: the threads may be mid-file; stop them now rather than let them finish.
          void this.destroy();
          reject(err);
        } else resolve(results);
      };
      const onAbort = (): void => finish(abortError(signal));
      signal?.addEventListener('abort', onAbort, { once: true });
      cleanups.push(() => signal?.removeEventListener('abort', onAbort));

      const dispatch = (worker: Worker): void => {
        const batch = batches[next++];
        if (!batch) {
          if (busy === 0) finish();
          return;
        }
        busy++;
        const tasks: HashTask[] = batch.map((f) => ({ id: f.id, path: f.path }));
        worker.postMessage({ type: 'batch', files: tasks });
      };

      for (const worker of workers) {
        const onMessage = (m: WorkerMessage): void => {
          if (settled) return;
          switch (m.type) {
            case 'bytes':
              options.onBytes?.(m.bytes);
              break;
            case 'batch-done':
              busy--;
              if (m.bytes > 0) options.onBytes?.(m.bytes);
              for (const r of m.results) {
                results.set(
                  r.id,
                  'md5' in r ? { md5: r.md5 } : { error: { code: r.code, message: r.message } },
                );
                options.onFile?.(r.id);
              }
              dispatch(worker);
              break;
            default:
              assertNever(m);
          }
        };
        const onError = (err: Error): void => finish(err);
        const onExit = (code: number): void =>
          finish(new Error(`A hashing thread stopped unexpectedly (exit code ${code}).`));
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        cleanups.push(() => {
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
        });
      }
      for (const w of workers) dispatch(w);
    });
  }
}

/** Hashes files in a pool sized for them, then stops the pool. */
export async function hashFiles(
  files: readonly HashInput[],
  options: HashOptions = {},
): Promise<Map<number, HashResult>> {
  if (options.signal?.aborted) throw abortError(options.signal);
  if (files.length === 0) return new Map();
  const count = Math.min(clampWorkers(options.workers ?? defaultWorkerCount()), planBatches(files).length);
  const pool = new HashPool(count, options.onWorkerCount);
  try {
    return await pool.hash(files, options);
  } finally {
    await pool.destroy();
  }
}
