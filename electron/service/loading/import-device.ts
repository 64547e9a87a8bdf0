/** Loads an S3 import device into the job's bucket and writes the import log (reference 2.4, 7). */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { LOG_STATUS, formatLogDate, formatLogReport, type LogRow } from '../../protocol/log-report';
import { compileIgnorePatterns, logLocationFor } from '../../protocol/manifest';
import type { S3ImportManifest } from '../../protocol/manifest/types';
import type { ObjectStore } from '../objects/index';
import { classifyFile, contentHeadersFor } from './import-rules';
import type { LoadProgress } from './progress';
import { walkDevice } from './walk-device';

/** Content-Type of the log object itself. */
export const LOG_CONTENT_TYPE = 'text/csv';

export interface LoadResult {
  rows: LogRow[];
  /** Rows with a status of 400 or more. */
  errorCount: number;
  logBucket: string;
  logKey: string;
}

async function firstBytes(file: Buffer): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await handle.read(buf, 0, 2, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function loadImportDevice(args: {
  jobId: string;
  manifest: S3ImportManifest;
  root: string;
  objects: ObjectStore;
  now: () => Date;
  onProgress?: (p: LoadProgress) => void;
}): Promise<LoadResult> {
  const { manifest, objects } = args;
  const compiled = compileIgnorePatterns(manifest.ignore ?? []);
  // CreateJob refused untranslatable patterns already; a stored manifest that slipped through ignores nothing.
  const ignore = compiled.ok ? compiled.patterns : [];
  const files = await walkDevice(args.root);
  const bytesTotal = files.reduce((n, f) => n + f.size, 0);
  const rows: LogRow[] = [];
  let bytesDone = 0;
  let errorCount = 0;
  for (const [i, file] of files.entries()) {
    const verdict = classifyFile(file, manifest, ignore);
    const at = formatLogDate(args.now());
    if (verdict.kind === 'skip') {
      rows.push({
        dateTime: at,
        file: file.path,
        status: verdict.status,
        code: verdict.code,
        key: '',
        md5: '',
        bytes: file.size,
        contentType: '',
      });
    } else {
      try {
        const headers = contentHeadersFor(manifest, file.path, await firstBytes(file.absolute));
        const record = await objects.put(
          manifest.bucket,
          verdict.key,
          createReadStream(file.absolute),
          headers,
        );
        rows.push({
          dateTime: at,
          file: file.path,
          status: LOG_STATUS.ok.status,
          code: LOG_STATUS.ok.code,
          key: `${manifest.bucket}/${verdict.key}`,
          md5: record.md5,
          bytes: record.size,
          contentType: record.contentType,
        });
      } catch {
        errorCount++;
        rows.push({
          dateTime: at,
          file: file.path,
          status: LOG_STATUS.readError.status,
          code: LOG_STATUS.readError.code,
          key: `${manifest.bucket}/${verdict.key}`,
          md5: '',
          bytes: file.size,
          contentType: '',
        });
      }
    }
    bytesDone += file.size;
    args.onProgress?.({ filesDone: i + 1, filesTotal: files.length, bytesDone, bytesTotal, file: file.path });
  }
  const log = logLocationFor(manifest, args.jobId);
  errorCount = rows.filter((r) => r.status >= 400).length;
  await objects.put(log.bucket, log.key, Buffer.from(formatLogReport(rows), 'utf8'), {
    contentType: LOG_CONTENT_TYPE,
  });
  return { rows, errorCount, logBucket: log.bucket, logKey: log.key };
}
