/**
 * The loading station: `dockhand service dock receive --job-id ID --mountpoint DIR | --device /dev/X`.
 * Takes the job through the dock's transitions (so its history is recorded): receive (if not yet), start,
 * then load an import device into the bucket or write an export device, write the log, and finish.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readManifest } from '../../protocol/manifest';
import type { S3ExportManifest, S3ImportManifest } from '../../protocol/manifest/types';
import { SIGNATURE_FILE_NAME } from '../../protocol/signature-file';
import { openDock } from '../dock/index';
import { openObjectStore } from '../objects/index';
import { openStore, type JobRecord } from '../store/index';
import { writeExportDevice } from './export-device';
import { loadImportDevice, type LoadResult } from './import-device';
import { mountDevice, type Mounted } from './mount';
import type { LoadProgress } from './progress';
import { checkSignature } from './signature-check';

export { formatLoadProgress, type LoadProgress } from './progress';

export interface ReceiveOptions {
  dataDir: string;
  jobId: string;
  /** A mounted device; or `device` to mount one here. */
  mountpoint?: string;
  device?: string;
  now?: () => Date;
  onProgress?: (p: LoadProgress) => void;
  /** One-line notes for the operator (stderr). */
  log?: (line: string) => void;
}

export interface ReceiveOutcome {
  job: JobRecord;
  /** Why the job was aborted (MissingSignature, InvalidSignature), when it was. */
  abortReason?: string;
  result?: LoadResult;
}

export class LoadingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoadingError';
  }
}

async function readSignature(root: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(root, SIGNATURE_FILE_NAME), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') return undefined;
    throw err;
  }
}

export async function receiveDevice(options: ReceiveOptions): Promise<ReceiveOutcome> {
  if ((options.mountpoint === undefined) === (options.device === undefined)) {
    throw new LoadingError('give exactly one of --mountpoint DIR or --device /dev/X');
  }
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const store = openStore(options.dataDir);
  const dock = openDock(options.dataDir, { store, now });
  const objects = openObjectStore(options.dataDir, now);
  let mounted: Mounted | undefined;
  try {
    let job = store.getJob(options.jobId.trim().toUpperCase());
    if (!job) throw new LoadingError(`No job ${options.jobId} in ${store.file}; check the id and --data-dir`);
    if (job.kind !== 's3-import' && job.kind !== 's3-export') {
      throw new LoadingError(
        `job ${job.id} is ${job.kind}; the loading station reads S3 import and export devices only`,
      );
    }
    const read = readManifest(job.manifest, job.type);
    if (!read.ok)
      throw new LoadingError(`job ${job.id}'s stored manifest no longer reads: ${read.issues[0]?.message}`);
    if (job.location === 'NotReceived') job = dock.receive(job.id);
    if (options.device !== undefined) {
      mounted = await mountDevice(options.device, job.kind === 's3-import' ? 'ro' : 'rw');
      log(
        `mounted ${options.device} at ${mounted.mountpoint} (${job.kind === 's3-import' ? 'read-only' : 'read-write'})`,
      );
    }
    const root = mounted?.mountpoint ?? (options.mountpoint as string);
    job = dock.start(job.id);
    if (job.kind === 's3-import') {
      // Export devices are formatted by AWS before writing (reference 2.5); the check is for imports.
      const verdict = checkSignature(await readSignature(root), job);
      if (!verdict.ok) {
        log(`job ${job.id}: ${verdict.reason}; aborting with ${verdict.progressCode}`);
        return { job: dock.finish(job.id, verdict.progressCode), abortReason: verdict.reason };
      }
    }
    let result: LoadResult;
    try {
      result =
        job.kind === 's3-import'
          ? await loadImportDevice({
              jobId: job.id,
              manifest: read.manifest as S3ImportManifest,
              root,
              objects,
              now,
              ...(options.onProgress ? { onProgress: options.onProgress } : {}),
            })
          : await writeExportDevice({
              jobId: job.id,
              manifest: read.manifest as S3ExportManifest,
              root,
              objects,
              now,
              ...(options.onProgress ? { onProgress: options.onProgress } : {}),
            });
    } catch (err) {
      // The device could not be read or written as a whole: the job ends and the device goes back.
      log(`job ${job.id}: ${err instanceof Error ? err.message : String(err)}; aborting with DeviceError`);
      dock.finish(job.id, 'DeviceError');
      throw err;
    }
    const finished =
      result.errorCount > 0
        ? dock.finish(job.id, 'SuccessWithErrors', result.errorCount)
        : dock.finish(job.id, 'Complete');
    return { job: finished, result };
  } finally {
    if (mounted) await mounted.unmount();
    objects.close();
    dock.close();
    store.close();
  }
}
