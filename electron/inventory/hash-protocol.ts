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

export type FileResult = { id: number; md5: string } | { id: number; code: string; message: string };

/** One answer per batch (not per file): with 4 KiB files, messages would otherwise cost more than hashing. */
export type WorkerMessage =
  { type: 'bytes'; bytes: number } | { type: 'batch-done'; results: FileResult[]; bytes: number };
