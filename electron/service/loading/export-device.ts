/**
 * Writes an S3 export device: each operation in order, keys in byte order within it, the bucket as the
 * top-level directory, unusable keys into recoveryDirectory; then the export log (reference 2.5, 7).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { LOG_STATUS, formatLogDate, formatLogReport, type LogRow } from '../../protocol/log-report';
import { logLocationFor } from '../../protocol/manifest';
import type { S3ExportManifest } from '../../protocol/manifest/types';
import type { ObjectRecord, ObjectStore, StoredObject } from '../objects/index';
import { copyObjectTo } from '../objects/read-object';
import { LOG_CONTENT_TYPE, type LoadResult } from './import-device';
import { exportPathFor, inOperation, recoveryPathFor } from './export-rules';
import type { LoadProgress } from './progress';

/** Objects read from the store per round while walking an operation's slice. */
const EXPORT_BATCH_ROWS = 1000;
/**
 * Export log status for an object that could not be written (device full, I/O error). Export log fields were
 * not readable in the DG (unconfirmed); we use the import log's columns and this code (our choice).
 */
export const EXPORT_WRITE_FAILED = { status: 500, code: 'WriteFailed' } as const;

function* operationObjects(
  objects: ObjectStore,
  op: S3ExportManifest['operations'][number],
): Generator<ObjectRecord> {
  let after = op.beginMarker;
  for (;;) {
    const batch = objects.list(op.exportBucket, {
      ...(op.prefix !== undefined ? { prefix: op.prefix } : {}),
      ...(after !== undefined ? { after } : {}),
      limit: EXPORT_BATCH_ROWS,
    });
    for (const record of batch) {
      if (!inOperation(op, record.key)) return; // past endMarker: everything after is too
      yield record;
    }
    if (batch.length < EXPORT_BATCH_ROWS) return;
    after = batch[batch.length - 1]?.key;
  }
}

async function writeObject(root: string, rel: string, stored: StoredObject): Promise<void> {
  const target = path.join(root, ...rel.split('/'));
  await mkdir(path.dirname(target), { recursive: true });
  // Never over an existing file: a second key mapping to the same file (after substitutions) goes to
  // recovery instead.
  await copyObjectTo(stored, target);
}

export async function writeExportDevice(args: {
  jobId: string;
  manifest: S3ExportManifest;
  root: string;
  objects: ObjectStore;
  now: () => Date;
  onProgress?: (p: LoadProgress) => void;
}): Promise<LoadResult> {
  const { manifest, objects, root } = args;
  const planned = manifest.operations.map((op) => ({ op, records: [...operationObjects(objects, op)] }));
  const filesTotal = planned.reduce((n, p) => n + p.records.length, 0);
  const bytesTotal = planned.reduce((n, p) => n + p.records.reduce((m, r) => m + r.size, 0), 0);
  const rows: LogRow[] = [];
  let filesDone = 0;
  let bytesDone = 0;
  let deviceFull = false;
  for (const { op, records } of planned) {
    for (const record of records) {
      const stored = objects.get(record.bucket, record.key);
      const at = formatLogDate(args.now());
      const row = (file: string, status: { status: number; code: string }): LogRow => ({
        dateTime: at,
        file,
        status: status.status,
        code: status.code,
        key: `${record.bucket}/${record.key}`,
        md5: status.status < 400 ? record.md5 : '',
        bytes: record.size,
        contentType: record.contentType,
      });
      const primary = exportPathFor(op, record.key, manifest.substitutions);
      if (deviceFull || stored === undefined) {
        // The device stays in strict key order: once one object does not fit, nothing after it is written.
        rows.push(row(primary ?? '', EXPORT_WRITE_FAILED));
        continue;
      }
      let written: string | undefined;
      let failure: unknown;
      for (const candidate of [
        primary,
        recoveryPathFor(manifest.recoveryDirectory, record.bucket, record.key),
      ]) {
        if (candidate === undefined) continue;
        try {
          await writeObject(root, candidate, stored);
          written = candidate;
          break;
        } catch (err) {
          failure = err;
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ENOSPC' || code === 'EDQUOT') break;
        }
      }
      if (written !== undefined) {
        rows.push(row(written, LOG_STATUS.ok));
      } else {
        const code = (failure as NodeJS.ErrnoException | undefined)?.code;
        if (code === 'ENOSPC' || code === 'EDQUOT') deviceFull = true;
        rows.push(row(primary ?? '', EXPORT_WRITE_FAILED));
      }
      filesDone++;
      bytesDone += record.size;
      args.onProgress?.({ filesDone, filesTotal, bytesDone, bytesTotal, file: written ?? record.key });
    }
  }
  const log = logLocationFor(manifest, args.jobId);
  await objects.put(log.bucket, log.key, Buffer.from(formatLogReport(rows), 'utf8'), {
    contentType: LOG_CONTENT_TYPE,
  });
  return {
    rows,
    errorCount: rows.filter((r) => r.status >= 400).length,
    logBucket: log.bucket,
    logKey: log.key,
  };
}
