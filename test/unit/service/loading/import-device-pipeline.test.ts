/**
 * The dock copies one batch while the one before it is flushed and committed. A failure in the later batch
 * must not end the import while the earlier one is still running: the caller then closes the store and
 * reports the job failed, and rows landing after that would contradict the report.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { IMPORT_BATCH_MAX_FILES, loadImportDevice } from '../../../../electron/service/loading/import-device';
import { openObjectStore } from '../../../../electron/service/objects/index';
import type { S3ImportManifest } from '../../../../electron/protocol/manifest/types';

let dir: string | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('settles the batch before a failed one before it gives up, and commits nothing after', async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-pipeline-'));
  const device = path.join(dir, 'device');
  fs.mkdirSync(device);
  for (let i = 0; i <= IMPORT_BATCH_MAX_FILES; i++) {
    fs.writeFileSync(path.join(device, `f${String(i).padStart(5, '0')}`), `file ${i}`);
  }
  const store = openObjectStore(path.join(dir, 'data'));
  const count = (): number =>
    (store.database.prepare('SELECT COUNT(*) AS n FROM objects').get() as { n: number }).n;
  // The second batch cannot make its directory (a full disk), while the first one's flush is slow.
  const realMkdir = fs.mkdirSync;
  let shardDirs = 0;
  vi.spyOn(fs, 'mkdirSync').mockImplementation(((p: fs.PathLike, o?: fs.MakeDirectoryOptions) => {
    if (/[/\\]data[/\\][0-9a-f]{4}$/.test(String(p)) && ++shardDirs === 2) {
      throw Object.assign(new Error('ENOSPC: no space left on device, mkdir'), { code: 'ENOSPC' });
    }
    return realMkdir(p, o);
  }) as typeof fs.mkdirSync);
  const realFsync = fs.fsync;
  vi.spyOn(fs, 'fsync').mockImplementation(((fd: number, cb: (err: NodeJS.ErrnoException | null) => void) => {
    setTimeout(() => realFsync(fd, cb), 200);
  }) as typeof fs.fsync);

  const manifest = { bucket: 'dockhand-demo' } as S3ImportManifest;
  const failed = await loadImportDevice({
    jobId: 'JOB01',
    manifest,
    root: device,
    objects: store,
    now: () => new Date(),
  }).catch((e: unknown) => e);
  expect(failed).toMatchObject({ code: 'ENOSPC' });
  const atFailure = count();
  await new Promise((r) => setTimeout(r, 600));
  expect(count()).toBe(atFailure);
  expect(atFailure).toBe(IMPORT_BATCH_MAX_FILES);
  vi.restoreAllMocks();
  store.close();
});
