/**
 * The journal's SQLite schema and how the file is opened: the migrations that build it step by step (each
 * moves user_version by one and never changes once shipped) and openJournalDatabase, which opens, makes
 * durable and migrates the file for the Journal class and for the per-drive records (copy, drafts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type SqliteDatabase } from '../sqlite/index';
import { appPaths } from '../app-paths';
import { JournalError } from './journal-records';

/** How long a writer waits for another process's lock before failing. */
const BUSY_TIMEOUT_MS = 5_000;

/** Each entry moves user_version from its index to index + 1; never edit one that has shipped. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE jobs (
     id INTEGER PRIMARY KEY,
     endpoint TEXT NOT NULL,
     job_id TEXT NOT NULL,
     job_type TEXT NOT NULL,
     kind TEXT,
     manifest TEXT NOT NULL,
     created_at TEXT NOT NULL,
     drive_device TEXT,
     drive_serial TEXT,
     drive_size_bytes INTEGER,
     drive_mountpoint TEXT,
     lost_at TEXT,
     lost_reason TEXT,
     UNIQUE (endpoint, job_id)
   );
   CREATE TABLE signatures (
     id INTEGER PRIMARY KEY,
     job INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
     written_at TEXT NOT NULL,
     path TEXT NOT NULL,
     bytes INTEGER NOT NULL
   );
   CREATE INDEX signatures_job ON signatures(job);
   CREATE TABLE labels (
     id INTEGER PRIMARY KEY,
     job INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
     saved_at TEXT NOT NULL,
     url TEXT NOT NULL,
     saved_path TEXT,
     printer TEXT,
     print_job_id TEXT
   );
   CREATE INDEX labels_job ON labels(job);
   CREATE TABLE inventories (
     id INTEGER PRIMARY KEY,
     job INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
     taken_at TEXT NOT NULL,
     root TEXT NOT NULL,
     job_kind TEXT NOT NULL,
     file_system TEXT,
     device_size_bytes INTEGER,
     files INTEGER NOT NULL,
     bytes INTEGER NOT NULL
   );
   CREATE INDEX inventories_job ON inventories(job);
   CREATE TABLE inventory_entries (
     inventory INTEGER NOT NULL REFERENCES inventories(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     path TEXT NOT NULL,
     path_bytes BLOB,
     size INTEGER NOT NULL,
     md5 TEXT,
     mtime_ms REAL NOT NULL,
     key TEXT,
     skipped TEXT,
     PRIMARY KEY (inventory, seq)
   ) WITHOUT ROWID;
   CREATE TABLE inventory_findings (
     inventory INTEGER NOT NULL REFERENCES inventories(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     kind TEXT NOT NULL,
     path TEXT,
     message TEXT NOT NULL,
     fix TEXT NOT NULL,
     PRIMARY KEY (inventory, seq)
   ) WITHOUT ROWID;
   CREATE TABLE statuses (
     id INTEGER PRIMARY KEY,
     job INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
     observed_at TEXT NOT NULL,
     location TEXT NOT NULL,
     progress TEXT NOT NULL,
     carrier TEXT,
     tracking_number TEXT,
     error_count INTEGER NOT NULL,
     log_bucket TEXT,
     log_key TEXT
   );
   CREATE INDEX statuses_job ON statuses(job, id);`,
  // 2: reconciliation results (electron/inventory/reconcile.ts), kept as JSON: read back whole, never queried by field.
  `CREATE TABLE reconciliations (
     id INTEGER PRIMARY KEY,
     job INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
     reconciled_at TEXT NOT NULL,
     log_bucket TEXT NOT NULL,
     log_key TEXT NOT NULL,
     summary TEXT NOT NULL,
     outcomes TEXT NOT NULL
   );
   CREATE INDEX reconciliations_job ON reconciliations(job, id);`,
  // 3: the drive's file-system label, which is what a person reads on the drive (the serial is on hover).
  `ALTER TABLE jobs ADD COLUMN drive_label TEXT;`,
  // 4: what `dockhand copy` wrote to a drive (electron/copy/records.ts): the inventory of those files, per drive.
  `CREATE TABLE copy_records (
     drive_serial TEXT NOT NULL,
     drive_fs_uuid TEXT NOT NULL,
     path BLOB NOT NULL,
     size INTEGER NOT NULL,
     mtime_ms REAL NOT NULL,
     md5 TEXT NOT NULL,
     source_path BLOB NOT NULL,
     source_size INTEGER NOT NULL,
     source_mtime_ms REAL NOT NULL,
     copied_at TEXT NOT NULL,
     verified_at TEXT,
     PRIMARY KEY (drive_serial, drive_fs_uuid, path)
   ) WITHOUT ROWID;
   CREATE TABLE copy_runs (
     id INTEGER PRIMARY KEY,
     drive_serial TEXT NOT NULL,
     drive_fs_uuid TEXT NOT NULL,
     mountpoint TEXT NOT NULL,
     request TEXT NOT NULL,
     started_at TEXT NOT NULL,
     finished_at TEXT,
     outcome TEXT
   );
   CREATE INDEX copy_runs_drive ON copy_runs(drive_serial, drive_fs_uuid, id);`,
  // 5: wizard drafts (electron/jobs/drafts.ts): one row per preparation, the state kept as JSON. Not scoped by
  // endpoint, so a visit to Settings that changes the endpoint does not lose the preparation in progress.
  `CREATE TABLE drafts (
     id INTEGER PRIMARY KEY,
     draft_id TEXT NOT NULL UNIQUE,
     endpoint TEXT,
     job_id TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     inventory_run_id TEXT,
     state TEXT NOT NULL
   );
   CREATE INDEX drafts_job ON drafts(job_id);`,
];

export const JOURNAL_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * The journal's database, opened and migrated, for records that belong to a drive rather than to one
 * endpoint's job (electron/copy/records.ts, electron/jobs/drafts.ts). The caller closes it.
 */
export function openJournalDatabase(file: string = appPaths().journalFile): SqliteDatabase {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // durable: WAL + synchronous=FULL, so a job the endpoint answered is recorded even if the app is killed.
  const db = openDatabase(file, { busyTimeoutMs: BUSY_TIMEOUT_MS, durable: true, foreignKeys: true });
  migrate(db, file);
  return db;
}

function migrate(db: SqliteDatabase, file: string): void {
  db.migrate(
    MIGRATIONS,
    (version) =>
      new JournalError(
        'JournalTooNew',
        `The journal ${file} was written by a newer Dockhand (schema ${version}, this one knows ${MIGRATIONS.length}). Upgrade Dockhand, or set DOCKHAND_HOME to use another journal.`,
      ),
  );
}
