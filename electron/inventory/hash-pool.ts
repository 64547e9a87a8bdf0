/**
 * MD5 over many files in a few worker threads. Small files go in batches (one message per batch, not per
 * file); a large file travels alone. Cancelling terminates the threads at once.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { assertNever } from '../protocol/status-codes';
import { runtimeLayout } from '../runtime-layout';
import { answerInline } from './hash-file';
import { MD5_BYTES, type WirePath, type WorkerMessage, type WorkerRequest } from './hash-protocol';

/** More threads than this only contend for the same disk. */
export const MAX_HASH_WORKERS = 4;
/** A batch closes at this many files... */
export const BATCH_MAX_FILES = 256;
/** ...or this many bytes, whichever comes first. */
export const BATCH_MAX_BYTES = 8 * 1024 * 1024;

/**
 * A thread allocates little besides its one read buffer (outside the heap) and small messages; V8's default
 * young generation (tens of MiB per thread) only inflated peak RSS.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

export function defaultWorkerCount(): number {
  return clampWorkers(os.availableParallelism());
}

export function clampWorkers(n: number): number {
  return Math.max(1, Math.min(Math.floor(n) || 1, MAX_HASH_WORKERS));
}

export interface HashInput {
  id: number;
  /** Absolute path: text, or raw bytes when it is not valid UTF-8. */
  path: string | Uint8Array;
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
  return planBatchIds(
    files.map((_, i) => i),
    (i) => (files[i] as HashInput).size,
  ).map((batch) => batch.map((i) => files[i] as HashInput));
}

function planBatchIds(ids: readonly number[], sizeOf: (id: number) => number): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const id of ids) {
    const size = sizeOf(id);
    if (current.length > 0 && (current.length >= BATCH_MAX_FILES || bytes + size > BATCH_MAX_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(id);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Files to hash, by id, without an object per file: 20,000 small objects that live through the whole
 * inventory cost the calling thread garbage-collection time and grew its young generation (peak RSS).
 */
export interface HashSource {
  ids: readonly number[];
  path: (id: number) => string | Uint8Array;
  size: (id: number) => number;
}

/** Where answers go: a file's digest is MD5_BYTES at `offset` in `digests` (valid only during the call). */
export interface HashSink {
  onDigest: (id: number, digests: Buffer, offset: number) => void;
  onError: (id: number, error: { code: string; message: string }) => void;
}

/** Paths sent to lstat per message: few messages, and a short tail when the last ones finish. */
export const STAT_BATCH_PATHS = 256;
/** Requests each thread holds at once: the one it works on and the next. */
export const REQUESTS_AHEAD = 2;

/**
 * What lstat said about each path, by index: a regular file's size and time; NaN size when it is not a
 * regular file (any more) or lstat failed, and then `failures` may say why.
 */
export interface StatTable {
  sizes: Float64Array;
  mtimesMs: Float64Array;
  failures: Map<number, { code: string; message: string }>;
  /** When stat() was asked to hash: MD5_BYTES per path, valid where `hashed` is 1. */
  digests?: Buffer;
  hashed?: Uint8Array;
}

/**
 * A path as it crosses to a thread. A Buffer is often a slice of a shared 8 KiB pool, and posting it would
 * copy the whole pool: send exactly its bytes, or text when it is text.
 */
export function wirePath(p: string | Uint8Array): WirePath {
  if (typeof p === 'string') return p;
  return p.byteOffset === 0 && p.byteLength === p.buffer.byteLength ? p : new Uint8Array(p);
}

/**
 * A fixed set of hashing threads. Start it before the walk so the threads load while the device is
 * listed; run one stat() or hash() at a time; always destroy() it.
 */
export class HashPool {
  private readonly workers: Worker[] = [];
  private destroyed = false;
  private readonly inline: boolean;
  private readonly maxWorkers: number;

  /**
   * `inline`: this thread hashes small batches too while it would otherwise wait (the CLI, whose thread has
   * nothing else to do; not the app's main process, which must stay responsive). It cannot take a large
   * file, so a hash with several of them adds threads, up to `maxWorkers`.
   */
  constructor(
    count: number = defaultWorkerCount(),
    private readonly onWorkerCount?: (live: number) => void,
    options: { inline?: boolean; maxWorkers?: number } = {},
  ) {
    this.inline = options.inline === true;
    this.maxWorkers = clampWorkers(Math.max(count, options.maxWorkers ?? count));
    this.grow(clampWorkers(count));
  }

  private grow(count: number): void {
    const target = Math.min(count, this.maxWorkers);
    if (this.destroyed || this.workers.length >= target) return;
    while (this.workers.length < target)
      this.workers.push(new Worker(runtimeLayout().hashWorkerFile, { resourceLimits: WORKER_LIMITS }));
    this.onWorkerCount?.(this.workers.length);
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

  /**
   * lstat of every path, in the threads (a stat per file on the calling thread was the walk's main cost).
   * With `hash` (1 per path wanted), each wanted regular file that fits a thread's buffer is hashed right
   * after its lstat; `onBytes` counts what that read.
   */
  async stat(
    paths: readonly (string | Uint8Array)[],
    signal?: AbortSignal,
    hash?: { want: Uint8Array; onBytes?: (bytes: number) => void },
  ): Promise<StatTable> {
    const table: StatTable = {
      sizes: new Float64Array(paths.length),
      mtimesMs: new Float64Array(paths.length),
      failures: new Map(),
      ...(hash
        ? { digests: Buffer.alloc(paths.length * MD5_BYTES), hashed: new Uint8Array(paths.length) }
        : {}),
    };
    const requests: Request[] = [];
    for (let start = 0, batch = 0; start < paths.length; start += STAT_BATCH_PATHS, batch++) {
      requests.push({
        make: () => ({
          type: 'stat',
          batch,
          paths: paths.slice(start, start + STAT_BATCH_PATHS).map(wirePath),
          ...(hash ? { hash: hash.want.slice(start, start + STAT_BATCH_PATHS) } : {}),
        }),
        inline: true,
      });
    }
    await this.run(requests, signal, (m) => {
      if (m.type !== 'stat-done') return false;
      const base = m.batch * STAT_BATCH_PATHS;
      table.sizes.set(m.sizes, base);
      table.mtimesMs.set(m.mtimesMs, base);
      for (const f of m.failures) table.failures.set(base + f.index, { code: f.code, message: f.message });
      if (m.digests && m.hashed && table.digests && table.hashed) {
        table.digests.set(m.digests, base * MD5_BYTES);
        table.hashed.set(m.hashed, base);
        if (m.bytes) hash?.onBytes?.(m.bytes);
      }
      return true;
    });
    return table;
  }

  async hash(files: readonly HashInput[], options: HashOptions = {}): Promise<Map<number, HashResult>> {
    const results = new Map<number, HashResult>();
    await this.hashEach(files, (id, result) => results.set(id, result), options);
    return results;
  }

  /** Like hash(), but hands each result over as it arrives instead of collecting them. */
  async hashEach(
    files: readonly HashInput[],
    onResult: (id: number, result: HashResult) => void,
    options: HashOptions = {},
  ): Promise<void> {
    const byIndex = (i: number): HashInput => files[i] as HashInput;
    await this.hashInto(
      { ids: files.map((_, i) => i), path: (i) => byIndex(i).path, size: (i) => byIndex(i).size },
      {
        onDigest: (i, digests, offset) =>
          onResult(byIndex(i).id, { md5: digests.toString('hex', offset, offset + MD5_BYTES) }),
        onError: (i, error) => onResult(byIndex(i).id, { error }),
      },
      { ...options, ...(options.onFile ? { onFile: (i: number) => options.onFile?.(byIndex(i).id) } : {}) },
    );
  }

  /** The MD5 of each file of `source`, handed to `sink` as each batch finishes. */
  async hashInto(source: HashSource, sink: HashSink, options: HashOptions = {}): Promise<void> {
    // Largest first so a big file does not start last and leave the other threads idle at the end.
    const ids = [...source.ids].sort((a, b) => source.size(b) - source.size(a));
    // Built as threads ask for them, so only the batches in flight exist as messages.
    const requests = planBatchIds(ids, source.size).map((batch): Request => {
      let bytes = 0;
      for (const id of batch) bytes += source.size(id);
      return {
        ids: batch,
        make: () => ({
          type: 'batch',
          paths: batch.map((id) => wirePath(source.path(id))),
          sizes: batch.map(source.size),
        }),
        // A lone large file would hold this thread for seconds; batches of small files take milliseconds.
        inline: bytes <= BATCH_MAX_BYTES,
      };
    });
    // Batches this thread may not take are the threads' alone: one thread per large file, as without inline.
    if (this.inline) this.grow(requests.filter((r) => !r.inline).length);
    await this.run(requests, options.signal, (m, request) => {
      switch (m.type) {
        case 'bytes':
          options.onBytes?.(m.bytes);
          return false;
        case 'batch-done': {
          if (m.bytes > 0) options.onBytes?.(m.bytes);
          const batch = request.ids ?? [];
          const failed = new Map(m.failures.map((e) => [e.index, e]));
          const digests = Buffer.from(m.digests.buffer, m.digests.byteOffset, m.digests.byteLength);
          batch.forEach((id, i) => {
            const e = failed.get(i);
            if (e) sink.onError(id, { code: e.code, message: e.message });
            else sink.onDigest(id, digests, i * MD5_BYTES);
            options.onFile?.(id);
          });
          return true;
        }
        case 'stat-done':
          return false;
        default:
          return assertNever(m);
      }
    });
  }

  /**
   * Sends each request to the next free thread; `onMessage` returns true when a message completes its
   * thread's request. Resolves when all are done; cancelling or a broken thread stops every thread.
   * Threads take requests from the front (largest first); with `inline`, this thread takes the small ones
   * from the back, one per turn of its event loop, so it hashes instead of waiting.
   */
  private run(
    requests: readonly Request[],
    signal: AbortSignal | undefined,
    onMessage: (m: WorkerMessage, request: Request) => boolean,
  ): Promise<void> {
    if (this.destroyed) return Promise.reject(new Error('The hash pool was already destroyed.'));
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (requests.length === 0) return Promise.resolve();
    const workers = this.workers;

    return new Promise((resolve, reject) => {
      let next = 0;
      let last = requests.length - 1;
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
        } else resolve();
      };
      const finishIfDone = (): void => {
        if (next > last && busy === 0) finish();
      };
      const onAbort = (): void => finish(abortError(signal));
      signal?.addEventListener('abort', onAbort, { once: true });
      cleanups.push(() => signal?.removeEventListener('abort', onAbort));

      // What each thread has been sent, oldest first (it answers in order), to match answers to requests.
      const sent = new Map<Worker, Request[]>(workers.map((w) => [w, []]));
      const dispatch = (worker: Worker): void => {
        if (next > last) return finishIfDone();
        const request = requests[next++] as Request;
        busy++;
        sent.get(worker)?.push(request);
        worker.postMessage(request.make());
      };

      for (const worker of workers) {
        const onWorkerMessage = (m: WorkerMessage): void => {
          if (settled) return;
          const queue = sent.get(worker);
          const request = queue?.[0];
          if (request && onMessage(m, request)) {
            queue?.shift();
            busy--;
            dispatch(worker);
          }
        };
        const onError = (err: Error): void => finish(err);
        const onExit = (code: number): void =>
          finish(new Error(`A hashing thread stopped unexpectedly (exit code ${code}).`));
        worker.on('message', onWorkerMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        cleanups.push(() => {
          worker.off('message', onWorkerMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
        });
      }
      // Each thread holds its next request already: with `inline`, this thread reads a thread's answer only
      // between two of its own batches, and a thread given one request at a time waited out each of them.
      for (let i = 0; i < REQUESTS_AHEAD; i++) for (const w of workers) dispatch(w);

      const inlineTurn = (): void => {
        if (settled) return;
        const r = next <= last ? requests[last] : undefined;
        if (!r?.inline) return finishIfDone();
        last--;
        try {
          onMessage(answerInline(r.make()), r);
        } catch (err) {
          return finish(err);
        }
        // One request per turn: the threads' answers (and a cancel) are handled in between.
        setImmediate(inlineTurn);
      };
      if (this.inline) setImmediate(inlineTurn);
    });
  }
}

/** A request as the pool holds it: built when taken, and whether the calling thread may take it. */
interface Request {
  make: () => WorkerRequest;
  inline: boolean;
  /** A hash batch's file ids, in the order of its answer's digests. */
  ids?: number[];
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
