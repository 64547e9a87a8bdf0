/** Messages between the hash pool and its workers. Kept tiny: paths go as bytes, answers as hex. */

/** Each worker reads with one buffer of this size, so memory stays flat whatever the file sizes. */
export const HASH_CHUNK_BYTES = 1024 * 1024;
/** A worker reports bytes read at least this often within one large file, so progress moves. */
export const HASH_REPORT_EVERY_BYTES = 16 * 1024 * 1024;

export interface HashTask {
  id: number;
  /** Absolute path as raw bytes (names need not be UTF-8). */
  path: Uint8Array;
}

export interface HashBatch {
  type: 'batch';
  files: HashTask[];
}

export type WorkerMessage =
  | { type: 'bytes'; bytes: number }
  | { type: 'file'; id: number; md5: string; bytes: number }
  | { type: 'error'; id: number; code: string; message: string; bytes: number }
  | { type: 'batch-done' };
