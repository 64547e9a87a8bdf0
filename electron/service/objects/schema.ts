/**
 * The object store's SQLite schema, as a linear list of steps applied once each (`PRAGMA user_version`
 * counts the steps done). Stores created before the list existed hold the first step's table already;
 * `IF NOT EXISTS` makes that step a no-op for them.
 */
import type { SqliteDatabase } from '../../sqlite/index';

const STEPS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS objects (
    bucket TEXT NOT NULL,
    key BLOB NOT NULL,
    file TEXT NOT NULL,
    size INTEGER NOT NULL,
    md5 TEXT NOT NULL,
    content_type TEXT NOT NULL,
    content_encoding TEXT,
    last_modified INTEGER NOT NULL,
    PRIMARY KEY (bucket, key)
  ) WITHOUT ROWID;`,
  // ETag differs from the MD5 for multipart objects; flexible checksums are kept to return them on GET.
  `ALTER TABLE objects ADD COLUMN etag TEXT;
   ALTER TABLE objects ADD COLUMN checksum_algorithm TEXT;
   ALTER TABLE objects ADD COLUMN checksum_value TEXT;
   ALTER TABLE objects ADD COLUMN checksum_type TEXT;
   CREATE TABLE buckets (name TEXT PRIMARY KEY, created INTEGER NOT NULL) WITHOUT ROWID;`,
  `CREATE TABLE uploads (
    upload_id TEXT PRIMARY KEY,
    bucket TEXT NOT NULL,
    key BLOB NOT NULL,
    content_type TEXT NOT NULL,
    content_encoding TEXT,
    checksum_algorithm TEXT,
    checksum_type TEXT,
    initiated INTEGER NOT NULL
  ) WITHOUT ROWID;
   CREATE INDEX uploads_by_key ON uploads (bucket, key);
   CREATE TABLE parts (
    upload_id TEXT NOT NULL REFERENCES uploads (upload_id) ON DELETE CASCADE,
    part_number INTEGER NOT NULL,
    file TEXT NOT NULL,
    size INTEGER NOT NULL,
    md5 TEXT NOT NULL,
    checksum_value TEXT,
    last_modified INTEGER NOT NULL,
    PRIMARY KEY (upload_id, part_number)
  ) WITHOUT ROWID;`,
  // A dock batch's small files share one pack file (./packs.ts): the object is `size` bytes from
  // pack_offset. The index finds whether any object still points into a pack, when one of them goes.
  `ALTER TABLE objects ADD COLUMN pack_offset INTEGER;
   CREATE INDEX objects_in_packs ON objects (bucket, file) WHERE pack_offset IS NOT NULL;`,
];

export function migrateObjectsDb(db: SqliteDatabase): void {
  // Refused when newer: an older Dockhand would misread it (a pack as one object, and delete it whole).
  db.migrate(
    STEPS,
    (version) =>
      new Error(
        `${db.file} has schema version ${version}, newer than this Dockhand knows (${STEPS.length}); ` +
          'upgrade Dockhand or use another --data-dir',
      ),
  );
}
