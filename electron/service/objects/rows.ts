/**
 * Writing an object's row, the one statement both writers use: ObjectStore.commit (PUT, multipart) and the
 * dock's batches (./batch-import.ts). A row points at its own file (`packOffset` null) or a range of a pack.
 */
import type { SqliteDatabase, Statement } from '../../sqlite/index';
import { keyBlob } from './names';
import type { FileRef } from './packs';
import type { ObjectRecord } from './types';

interface RowStatements {
  previous: Statement;
  upsert: Statement;
}

/** Prepared once per database, not once per object. */
const prepared = new WeakMap<SqliteDatabase, RowStatements>();

function statementsFor(db: SqliteDatabase): RowStatements {
  let s = prepared.get(db);
  if (!s) {
    s = {
      previous: db.prepare(
        'SELECT file, pack_offset AS packOffset FROM objects WHERE bucket = ? AND key = ?',
      ),
      upsert: db.prepare(
        `INSERT INTO objects (bucket, key, file, size, md5, content_type, content_encoding, last_modified,
           etag, checksum_algorithm, checksum_value, checksum_type, pack_offset)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (bucket, key) DO UPDATE SET file = excluded.file, size = excluded.size, md5 = excluded.md5,
           content_type = excluded.content_type, content_encoding = excluded.content_encoding,
           last_modified = excluded.last_modified, etag = excluded.etag,
           checksum_algorithm = excluded.checksum_algorithm, checksum_value = excluded.checksum_value,
           checksum_type = excluded.checksum_type, pack_offset = excluded.pack_offset`,
      ),
    };
    prepared.set(db, s);
  }
  return s;
}

/**
 * Points `record`'s key at `file` (relative to the bucket's data directory), from `packOffset` when it is a
 * pack. Returns what the row pointed at before, if there was one. Call it inside a transaction.
 */
export function writeObjectRow(
  db: SqliteDatabase,
  record: ObjectRecord,
  file: string,
  packOffset: number | null,
): FileRef | undefined {
  const { previous, upsert } = statementsFor(db);
  const key = keyBlob(record.key);
  const before = previous.get(record.bucket, key) as FileRef | undefined;
  upsert.run(
    record.bucket,
    key,
    file,
    record.size,
    record.md5,
    record.contentType,
    record.contentEncoding ?? null,
    record.lastModified,
    record.etag,
    record.checksum?.algorithm ?? null,
    record.checksum?.value ?? null,
    record.checksum?.type ?? null,
    packOffset,
  );
  return before;
}
