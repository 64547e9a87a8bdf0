/** Messages between the hash pool and its workers. Kept tiny: paths as text (bytes only when not UTF-8). */

/** Each worker reads with one buffer of this size, so memory stays flat whatever the file sizes. */
export const HASH_CHUNK_BYTES = 1024 * 1024;
/** A worker reports bytes read at least this often within one large file, so progress moves. */
export const HASH_REPORT_EVERY_BYTES = 16 * 1024 * 1024;

/** An absolute path: text, or raw bytes when it is not valid UTF-8 (a copy of exactly those bytes). */
export type WirePath = string | Uint8Array;

export interface HashBatch {
  type: 'batch';
  paths: WirePath[];
  /** The sizes lstat gave: a file that fits the buffer is read in one call, without a read to see its end. */
  sizes: number[];
}

/** lstat of many paths, answered in one message. */
export interface StatBatch {
  type: 'stat';
  /** Echoed back, so answers can arrive in any order. */
  batch: number;
  paths: WirePath[];
  /**
   * Per path, 1: when lstat finds a regular file that fits the buffer, hash it too, in the same pass (one
   * trip to each file instead of two; the inventory without copy records).
   */
  hash?: Uint8Array;
}

export type WorkerRequest = HashBatch | StatBatch;

/** MD5 digest bytes per file. */
export const MD5_BYTES = 16;

export interface FileFailure {
  /** The file's position in its batch. */
  index: number;
  code: string;
  message: string;
}

export type StatFailure = FileFailure;

/** One answer per batch (not per file): with 4 KiB files, messages would otherwise cost more than hashing. */
export type WorkerMessage =
  | { type: 'bytes'; bytes: number }
  | {
      type: 'batch-done';
      /** MD5_BYTES per file, in batch order (zeros where the file failed); one buffer, transferred. */
      digests: Uint8Array;
      failures: FileFailure[];
      bytes: number;
    }
  | {
      type: 'stat-done';
      batch: number;
      /** Per path: size in bytes; NaN when it is not a regular file any more or lstat failed. */
      sizes: Float64Array;
      mtimesMs: Float64Array;
      failures: StatFailure[];
      /** With `hash`: MD5_BYTES per path, valid where `hashed` is 1 (a file that failed is left to a hash batch). */
      digests?: Uint8Array;
      hashed?: Uint8Array;
      /** Bytes read for those digests. */
      bytes?: number;
    };
