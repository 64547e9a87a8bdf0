/**
 * The local job journal: what this machine did for each job (which drive, SIGNATURE, label, inventory) and
 * every distinct status it saw. One SQLite file (WAL) shared by the app, the CLI and the station host; every
 * row is scoped by endpoint URL so jobs of the embedded endpoint and a real one never mix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { blobToBuffer, openDatabase, type SqlValue, type SqliteDatabase } from '../sqlite/index';
import type { CreateJobInput, CreateJobOutput, JobType } from '../protocol/api';
import type { JobKind } from '../protocol/manifest/types';
import type { LocationCode, ProgressCode } from '../protocol/status-codes';
import { appPaths } from '../app-paths';
import type { Finding, Inventory, InventoryEntry, SkipReason } from '../inventory/types';
import { redactManifest } from './redact-manifest';

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

export interface DriveInfo {
  /** e.g. `/dev/sdb` */
  device?: string;
  serial?: string;
  sizeBytes?: number;
  mountpoint?: string;
  /** The file system's label, e.g. `SHIPME`. */
  label?: string;
}

export interface NewJob {
  jobId: string;
  jobType: JobType;
  kind?: JobKind;
  /** Stored with secrets (trueCryptPassword, pinCode) redacted. */
  manifest: string;
  /** ISO 8601; defaults to now. */
  createdAt?: string;
  drive?: DriveInfo;
}

export interface JobRecord {
  jobId: string;
  endpoint: string;
  jobType: JobType;
  kind?: JobKind;
  manifest: string;
  createdAt: string;
  drive?: DriveInfo;
  /** Set when the endpoint no longer knows the job (InvalidJobIdException). */
  lost?: { at: string; reason: string };
}

export interface SignatureWrite {
  at: string;
  path: string;
  bytes: number;
}

export interface LabelRecord {
  at: string;
  url: string;
  savedPath?: string;
  printer?: string;
  printJobId?: string;
}

/** The parts of GetStatus that say something happened; anything else changing is not a change. */
export interface StatusSnapshot {
  location: LocationCode;
  progress: ProgressCode;
  carrier?: string;
  trackingNumber?: string;
  errorCount: number;
  logBucket?: string;
  logKey?: string;
}

export interface StatusObservation extends StatusSnapshot {
  observedAt: string;
}

export interface JobListing extends JobRecord {
  signature?: SignatureWrite;
  label?: LabelRecord;
  status?: StatusObservation;
}

export interface JobHistory {
  job: JobRecord;
  signatures: SignatureWrite[];
  labels: LabelRecord[];
  statuses: StatusObservation[];
  inventories: Array<{ takenAt: string; root: string; files: number; bytes: number; findings: number }>;
}

export class JournalError extends Error {
  constructor(
    readonly code: 'UnknownJob' | 'JournalTooNew',
    message: string,
  ) {
    super(message);
    this.name = 'JournalError';
  }
}

/** `https://Host:443/` and `https://host` are one endpoint: lower-case scheme and host, no trailing slash, no default port. */
export function normalizeEndpoint(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url.replace(/\/+$/, '');
  }
}

export interface OpenJournalOptions {
  /** Defaults to appPaths().journalFile. */
  file?: string;
  /** The endpoint URL every call is scoped to. */
  endpoint: string;
  now?: () => Date;
}

type Row = Record<string, SqlValue>;

export class Journal {
  readonly endpoint: string;
  readonly file: string;
  private readonly db: SqliteDatabase;
  private readonly now: () => Date;

  constructor(options: OpenJournalOptions) {
    this.file = options.file ?? appPaths().journalFile;
    this.endpoint = normalizeEndpoint(options.endpoint);
    this.now = options.now ?? (() => new Date());
    this.db = openJournalDatabase(this.file);
  }

  close(): void {
    this.db.close();
  }

  /** Records a job created on this endpoint; recording it again updates type, manifest and drive. */
  recordJob(job: NewJob): JobRecord {
    const createdAt = job.createdAt ?? this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO jobs (endpoint, job_id, job_type, kind, manifest, created_at,
                           drive_device, drive_serial, drive_size_bytes, drive_mountpoint, drive_label)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (endpoint, job_id) DO UPDATE SET
           job_type = excluded.job_type,
           kind = COALESCE(excluded.kind, kind),
           manifest = excluded.manifest,
           drive_device = COALESCE(excluded.drive_device, drive_device),
           drive_serial = COALESCE(excluded.drive_serial, drive_serial),
           drive_size_bytes = COALESCE(excluded.drive_size_bytes, drive_size_bytes),
           drive_mountpoint = COALESCE(excluded.drive_mountpoint, drive_mountpoint),
           drive_label = COALESCE(excluded.drive_label, drive_label)`,
      )
      .run(
        this.endpoint,
        job.jobId,
        job.jobType,
        job.kind ?? null,
        redactManifest(job.manifest),
        createdAt,
        job.drive?.device ?? null,
        job.drive?.serial ?? null,
        job.drive?.sizeBytes ?? null,
        job.drive?.mountpoint ?? null,
        job.drive?.label ?? null,
      );
    return this.getJob(job.jobId) as JobRecord;
  }

  /** The drive a job went on, once one is chosen (after CreateJob, when the SIGNATURE is written). */
  recordDrive(jobId: string, drive: DriveInfo): void {
    const id = this.rowId(jobId);
    this.db
      .prepare(
        `UPDATE jobs SET drive_device = ?, drive_serial = ?, drive_size_bytes = ?, drive_mountpoint = ?, drive_label = ?
         WHERE id = ?`,
      )
      .run(
        drive.device ?? null,
        drive.serial ?? null,
        drive.sizeBytes ?? null,
        drive.mountpoint ?? null,
        drive.label ?? null,
        id,
      );
  }

  getJob(jobId: string): JobRecord | undefined {
    const row = this.db
      .prepare(`SELECT * FROM jobs WHERE endpoint = ? AND job_id = ?`)
      .get(this.endpoint, jobId) as Row | undefined;
    return row ? jobFromRow(row) : undefined;
  }

  recordSignature(jobId: string, write: { path: string; bytes: number; at?: string }): void {
    this.db
      .prepare(`INSERT INTO signatures (job, written_at, path, bytes) VALUES (?, ?, ?, ?)`)
      .run(this.rowId(jobId), write.at ?? this.now().toISOString(), write.path, write.bytes);
  }

  recordLabel(
    jobId: string,
    label: { url: string; savedPath?: string; printer?: string; printJobId?: string; at?: string },
  ): void {
    this.db
      .prepare(
        `INSERT INTO labels (job, saved_at, url, saved_path, printer, print_job_id) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        this.rowId(jobId),
        label.at ?? this.now().toISOString(),
        label.url,
        label.savedPath ?? null,
        label.printer ?? null,
        label.printJobId ?? null,
      );
  }

  /** Replaces the job's inventory with this one, in one transaction (100,000 entries take well under a second). */
  saveInventory(jobId: string, inventory: Inventory): void {
    const job = this.rowId(jobId);
    const insertEntry = this.db.prepare(
      `INSERT INTO inventory_entries (inventory, seq, path, path_bytes, size, md5, mtime_ms, key, skipped)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertFinding = this.db.prepare(
      `INSERT INTO inventory_findings (inventory, seq, kind, path, message, fix) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.db.immediate(() => {
      this.db.prepare(`DELETE FROM inventories WHERE job = ?`).run(job);
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO inventories (job, taken_at, root, job_kind, file_system, device_size_bytes, files, bytes)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          job,
          inventory.takenAt,
          inventory.root,
          inventory.jobKind,
          inventory.fileSystem ?? null,
          inventory.deviceSizeBytes ?? null,
          inventory.totals.files,
          inventory.totals.bytes,
        );
      inventory.entries.forEach((e, seq) =>
        insertEntry.run(
          lastInsertRowid,
          seq,
          e.path,
          e.pathBytes === undefined ? null : Buffer.from(e.pathBytes, 'base64'),
          e.size,
          e.md5 ?? null,
          e.mtimeMs,
          e.key ?? null,
          e.skipped ?? null,
        ),
      );
      inventory.findings.forEach((f, seq) =>
        insertFinding.run(lastInsertRowid, seq, f.kind, f.path ?? null, f.message, f.fix),
      );
    });
  }

  /**
   * Keeps a reconciliation (the latest is what loadReconciliation returns); `result` is stored as JSON.
   * Returns when it was reconciled, as loadReconciliation will say.
   */
  saveReconciliation(
    jobId: string,
    rec: { logBucket: string; logKey: string; summary: unknown; outcomes: unknown },
  ): string {
    const at = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO reconciliations (job, reconciled_at, log_bucket, log_key, summary, outcomes) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        this.rowId(jobId),
        at,
        rec.logBucket,
        rec.logKey,
        JSON.stringify(rec.summary),
        JSON.stringify(rec.outcomes),
      );
    return at;
  }

  loadReconciliation(
    jobId: string,
  ):
    | { reconciledAt: string; logBucket: string; logKey: string; summary: unknown; outcomes: unknown }
    | undefined {
    const row = this.db
      .prepare(`SELECT * FROM reconciliations WHERE job = ? ORDER BY id DESC LIMIT 1`)
      .get(this.rowId(jobId)) as Row | undefined;
    if (!row) return undefined;
    return {
      reconciledAt: String(row.reconciled_at),
      logBucket: String(row.log_bucket),
      logKey: String(row.log_key),
      summary: JSON.parse(String(row.summary)) as unknown,
      outcomes: JSON.parse(String(row.outcomes)) as unknown,
    };
  }

  loadInventory(jobId: string): Inventory | undefined {
    const head = this.db
      .prepare(`SELECT * FROM inventories WHERE job = ? ORDER BY id DESC LIMIT 1`)
      .get(this.rowId(jobId)) as Row | undefined;
    if (!head) return undefined;
    const entries = (
      this.db
        .prepare(`SELECT * FROM inventory_entries WHERE inventory = ? ORDER BY seq`)
        .all(head.id as number) as Row[]
    ).map(entryFromRow);
    const findings = (
      this.db
        .prepare(`SELECT * FROM inventory_findings WHERE inventory = ? ORDER BY seq`)
        .all(head.id as number) as Row[]
    ).map((r): Finding => ({
      kind: r.kind as Finding['kind'],
      ...(r.path === null ? {} : { path: r.path as string }),
      message: r.message as string,
      fix: r.fix as string,
    }));
    return {
      root: head.root as string,
      takenAt: head.taken_at as string,
      jobKind: head.job_kind as JobKind,
      ...(head.file_system === null ? {} : { fileSystem: head.file_system as string }),
      ...(head.device_size_bytes === null ? {} : { deviceSizeBytes: head.device_size_bytes as number }),
      entries,
      findings,
      totals: totalsOf(entries, head.files as number, head.bytes as number),
    };
  }

  /**
   * Records what GetStatus said, if it differs from the last observation of this job in any field that
   * matters (location, progress, carrier, tracking number, error count, log). Returns true when it did.
   */
  recordStatus(jobId: string, status: StatusSnapshot, observedAt?: string): boolean {
    const job = this.rowId(jobId);
    const last = this.lastStatus(jobId);
    if (last && sameStatus(last, status)) return false;
    this.db
      .prepare(
        `INSERT INTO statuses (job, observed_at, location, progress, carrier, tracking_number, error_count, log_bucket, log_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        job,
        observedAt ?? this.now().toISOString(),
        status.location,
        status.progress,
        status.carrier ?? null,
        status.trackingNumber ?? null,
        status.errorCount,
        status.logBucket ?? null,
        status.logKey ?? null,
      );
    return true;
  }

  lastStatus(jobId: string): StatusObservation | undefined {
    const row = this.db
      .prepare(`SELECT * FROM statuses WHERE job = ? ORDER BY id DESC LIMIT 1`)
      .get(this.rowId(jobId)) as Row | undefined;
    return row ? statusFromRow(row) : undefined;
  }

  /** The endpoint no longer knows this job; the tracker stops asking about it. */
  markLost(jobId: string, reason: string, at?: string): void {
    this.db
      .prepare(`UPDATE jobs SET lost_at = ?, lost_reason = ? WHERE id = ?`)
      .run(at ?? this.now().toISOString(), reason, this.rowId(jobId));
  }

  /** This endpoint's jobs, newest first, each with its latest SIGNATURE write, label and status. */
  listJobs(): JobListing[] {
    const rows = this.db
      .prepare(`SELECT * FROM jobs WHERE endpoint = ? ORDER BY created_at DESC, id DESC`)
      .all(this.endpoint) as Row[];
    const sig = this.db.prepare(`SELECT * FROM signatures WHERE job = ? ORDER BY id DESC LIMIT 1`);
    const label = this.db.prepare(`SELECT * FROM labels WHERE job = ? ORDER BY id DESC LIMIT 1`);
    const status = this.db.prepare(`SELECT * FROM statuses WHERE job = ? ORDER BY id DESC LIMIT 1`);
    return rows.map((row) => {
      const s = sig.get(row.id as number) as Row | undefined;
      const l = label.get(row.id as number) as Row | undefined;
      const st = status.get(row.id as number) as Row | undefined;
      return {
        ...jobFromRow(row),
        ...(s ? { signature: signatureFromRow(s) } : {}),
        ...(l ? { label: labelFromRow(l) } : {}),
        ...(st ? { status: statusFromRow(st) } : {}),
      };
    });
  }

  /** Everything recorded about one job, oldest first. */
  jobHistory(jobId: string): JobHistory {
    const id = this.rowId(jobId);
    const all = (sql: string) => this.db.prepare(sql).all(id) as Row[];
    return {
      job: this.getJob(jobId) as JobRecord,
      signatures: all(`SELECT * FROM signatures WHERE job = ? ORDER BY id`).map(signatureFromRow),
      labels: all(`SELECT * FROM labels WHERE job = ? ORDER BY id`).map(labelFromRow),
      statuses: all(`SELECT * FROM statuses WHERE job = ? ORDER BY id`).map(statusFromRow),
      inventories: all(
        `SELECT i.*, (SELECT COUNT(*) FROM inventory_findings f WHERE f.inventory = i.id) AS n_findings
         FROM inventories i WHERE job = ? ORDER BY id`,
      ).map((r) => ({
        takenAt: r.taken_at as string,
        root: r.root as string,
        files: r.files as number,
        bytes: r.bytes as number,
        findings: r.n_findings as number,
      })),
    };
  }

  private rowId(jobId: string): number {
    const row = this.db
      .prepare(`SELECT id FROM jobs WHERE endpoint = ? AND job_id = ?`)
      .get(this.endpoint, jobId) as { id: number } | undefined;
    if (!row) {
      throw new JournalError(
        'UnknownJob',
        `Job ${jobId} is not in the journal for ${this.endpoint}. Check the job ID and --endpoint-url, or create the job with "dockhand create-job" first.`,
      );
    }
    return row.id;
  }
}

export function openJournal(options: OpenJournalOptions): Journal {
  return new Journal(options);
}

/**
 * What create-job calls after a successful CreateJob: records the job (manifest redacted) for the endpoint.
 * ValidateOnly calls create nothing and are not recorded. Opens and closes the journal itself.
 */
export function recordCreatedJob(args: {
  endpoint: string;
  input: Pick<CreateJobInput, 'JobType' | 'Manifest' | 'ValidateOnly'>;
  output: Pick<CreateJobOutput, 'JobId' | 'JobType'>;
  kind?: JobKind;
  drive?: DriveInfo;
  journalFile?: string;
  now?: () => Date;
}): JobRecord | undefined {
  if (args.input.ValidateOnly) return undefined;
  const journal = openJournal({ endpoint: args.endpoint, file: args.journalFile, now: args.now });
  try {
    return journal.recordJob({
      jobId: args.output.JobId,
      jobType: args.output.JobType ?? args.input.JobType,
      kind: args.kind,
      manifest: args.input.Manifest,
      drive: args.drive,
    });
  } finally {
    journal.close();
  }
}

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
  const version = Number(db.pragma('user_version'));
  if (version > MIGRATIONS.length) {
    throw new JournalError(
      'JournalTooNew',
      `The journal ${file} was written by a newer Dockhand (schema ${version}, this one knows ${MIGRATIONS.length}). Upgrade Dockhand, or set DOCKHAND_HOME to use another journal.`,
    );
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.immediate(() => {
      db.exec(MIGRATIONS[v] as string);
      db.exec(`PRAGMA user_version = ${v + 1}`);
    });
  }
}

function sameStatus(a: StatusSnapshot, b: StatusSnapshot): boolean {
  return (
    a.location === b.location &&
    a.progress === b.progress &&
    (a.carrier ?? null) === (b.carrier ?? null) &&
    (a.trackingNumber ?? null) === (b.trackingNumber ?? null) &&
    a.errorCount === b.errorCount &&
    (a.logBucket ?? null) === (b.logBucket ?? null) &&
    (a.logKey ?? null) === (b.logKey ?? null)
  );
}

function opt<K extends string>(key: K, value: unknown): { [P in K]?: string } {
  return value === null || value === undefined ? {} : ({ [key]: String(value) } as { [P in K]?: string });
}

function jobFromRow(r: Row): JobRecord {
  const drive: DriveInfo = {
    ...opt('device', r.drive_device),
    ...opt('serial', r.drive_serial),
    ...(r.drive_size_bytes === null ? {} : { sizeBytes: r.drive_size_bytes as number }),
    ...opt('mountpoint', r.drive_mountpoint),
    ...opt('label', r.drive_label),
  };
  return {
    jobId: r.job_id as string,
    endpoint: r.endpoint as string,
    jobType: r.job_type as JobType,
    ...(r.kind === null ? {} : { kind: r.kind as JobKind }),
    manifest: r.manifest as string,
    createdAt: r.created_at as string,
    ...(Object.keys(drive).length > 0 ? { drive } : {}),
    ...(r.lost_at === null ? {} : { lost: { at: r.lost_at as string, reason: r.lost_reason as string } }),
  };
}

function signatureFromRow(r: Row): SignatureWrite {
  return { at: r.written_at as string, path: r.path as string, bytes: r.bytes as number };
}

function labelFromRow(r: Row): LabelRecord {
  return {
    at: r.saved_at as string,
    url: r.url as string,
    ...opt('savedPath', r.saved_path),
    ...opt('printer', r.printer),
    ...opt('printJobId', r.print_job_id),
  };
}

function statusFromRow(r: Row): StatusObservation {
  return {
    observedAt: r.observed_at as string,
    location: r.location as LocationCode,
    progress: r.progress as ProgressCode,
    ...opt('carrier', r.carrier),
    ...opt('trackingNumber', r.tracking_number),
    errorCount: r.error_count as number,
    ...opt('logBucket', r.log_bucket),
    ...opt('logKey', r.log_key),
  };
}

function entryFromRow(r: Row): InventoryEntry {
  return {
    path: r.path as string,
    ...(r.path_bytes === null
      ? {}
      : { pathBytes: blobToBuffer(r.path_bytes as SqlValue).toString('base64') }),
    size: r.size as number,
    md5: (r.md5 as string | null) ?? null,
    mtimeMs: r.mtime_ms as number,
    ...opt('key', r.key),
    imported: r.skipped === null,
    ...(r.skipped === null ? {} : { skipped: r.skipped as SkipReason }),
  };
}

function totalsOf(entries: InventoryEntry[], files: number, bytes: number): Inventory['totals'] {
  const imported = entries.filter((e) => e.imported);
  return {
    files,
    bytes,
    importedFiles: imported.length,
    importedBytes: imported.reduce((n, e) => n + e.size, 0),
  };
}
