/**
 * The copy records: one row per file `dockhand copy` put on a drive (size, mtime and MD5 as written), keyed by
 * the drive's identity (serial and file-system UUID) and the drive-relative path. They are the inventory of
 * those files: Preflight trusts a row while the file on the same drive still has that size and mtime.
 *
 * A row is written only after the file was renamed into place and its folder flushed, so the journal never
 * claims a file that is not fully on the drive; a row is deleted before its file is replaced.
 */
import { openJournalDatabase } from '../jobs/journal';
import { blobToBuffer, type SqliteDatabase } from '../sqlite/index';

export interface DriveKey {
  serial: string;
  /** '' when the file system has no UUID. */
  fsUuid: string;
}

export interface CopyRecord {
  /** Drive-relative path bytes. */
  path: Buffer;
  size: number;
  mtimeMs: number;
  md5: string;
  source: Buffer;
  sourceSize: number;
  sourceMtimeMs: number;
  copiedAt: string;
  verifiedAt?: string;
}

type Row = {
  path: Uint8Array;
  size: number;
  mtime_ms: number;
  md5: string;
  source_path: Uint8Array;
  source_size: number;
  source_mtime_ms: number;
  copied_at: string;
  verified_at: string | null;
};

function fromRow(r: Row): CopyRecord {
  return {
    path: blobToBuffer(r.path),
    size: r.size,
    mtimeMs: r.mtime_ms,
    md5: r.md5,
    source: blobToBuffer(r.source_path),
    sourceSize: r.source_size,
    sourceMtimeMs: r.source_mtime_ms,
    copiedAt: r.copied_at,
    ...(r.verified_at === null ? {} : { verifiedAt: r.verified_at }),
  };
}

export type RunOutcome = 'complete' | 'failed' | 'cancelled';

export class CopyRecords {
  private readonly db: SqliteDatabase;

  constructor(file?: string) {
    this.db = openJournalDatabase(file);
  }

  close(): void {
    this.db.close();
  }

  /** Every record of this drive, by path (the key is the path's bytes in latin1, which is lossless). */
  forDrive(drive: DriveKey): Map<string, CopyRecord> {
    const rows = this.db
      .prepare(`SELECT * FROM copy_records WHERE drive_serial = ? AND drive_fs_uuid = ?`)
      .all<Row>(drive.serial, drive.fsUuid);
    return new Map(rows.map((r) => fromRow(r)).map((rec) => [recordKey(rec.path), rec]));
  }

  /** True when any drive has a record (a cheap look before scanning drives). */
  hasAny(): boolean {
    return this.db.prepare(`SELECT 1 AS one FROM copy_records LIMIT 1`).get() !== undefined;
  }

  /** Writes completed files in one transaction (the caller has already flushed them and their folders). */
  put(drive: DriveKey, records: readonly CopyRecord[]): void {
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO copy_records
         (drive_serial, drive_fs_uuid, path, size, mtime_ms, md5, source_path, source_size, source_mtime_ms, copied_at, verified_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.immediate(() => {
      for (const r of records) {
        insert.run(
          drive.serial,
          drive.fsUuid,
          r.path,
          r.size,
          r.mtimeMs,
          r.md5,
          r.source,
          r.sourceSize,
          r.sourceMtimeMs,
          r.copiedAt,
          r.verifiedAt ?? null,
        );
      }
    });
  }

  /** Forgets files about to be replaced, before the first byte of the new copy is written. */
  remove(drive: DriveKey, paths: readonly Buffer[]): void {
    const del = this.db.prepare(
      `DELETE FROM copy_records WHERE drive_serial = ? AND drive_fs_uuid = ? AND path = ?`,
    );
    this.db.immediate(() => {
      for (const p of paths) del.run(drive.serial, drive.fsUuid, p);
    });
  }

  markVerified(drive: DriveKey, paths: readonly Buffer[], at: string): void {
    const upd = this.db.prepare(
      `UPDATE copy_records SET verified_at = ? WHERE drive_serial = ? AND drive_fs_uuid = ? AND path = ?`,
    );
    this.db.immediate(() => {
      for (const p of paths) upd.run(at, drive.serial, drive.fsUuid, p);
    });
  }

  startRun(drive: DriveKey, mountpoint: string, request: unknown, at: string): number {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO copy_runs (drive_serial, drive_fs_uuid, mountpoint, request, started_at) VALUES (?, ?, ?, ?, ?)`,
      )
      .run(drive.serial, drive.fsUuid, mountpoint, JSON.stringify(request), at);
    return Number(lastInsertRowid);
  }

  finishRun(id: number, outcome: RunOutcome, at: string): void {
    this.db.prepare(`UPDATE copy_runs SET finished_at = ?, outcome = ? WHERE id = ?`).run(at, outcome, id);
  }

  /** The last run on this drive that did not complete (interrupted, failed or cancelled), for --resume. */
  unfinishedRun(drive: DriveKey): { id: number; request: unknown; startedAt: string } | undefined {
    const row = this.db
      .prepare(
        `SELECT id, request, started_at, outcome FROM copy_runs
         WHERE drive_serial = ? AND drive_fs_uuid = ? ORDER BY id DESC LIMIT 1`,
      )
      .get(drive.serial, drive.fsUuid) as
      { id: number; request: string; started_at: string; outcome: string | null } | undefined;
    if (!row || row.outcome === 'complete') return undefined;
    return { id: row.id, request: JSON.parse(row.request) as unknown, startedAt: row.started_at };
  }
}

/** The key forDrive() uses for a path. */
export function recordKey(path: Buffer): string {
  return path.toString('latin1');
}
