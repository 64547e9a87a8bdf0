/**
 * jobs.reconcile over the real handlers and the embedded endpoint: the wizard's inventory is saved with the
 * job, the loading station imports the device (a directory here) and writes the log, and the operation
 * fetches that log, reconciles it file by file, saves it, and answers from the journal the next time.
 */
import { mkdtemp, mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatSignatureFile,
  SIGNATURE_FILE_VERSION,
  SIGNATURE_SIGNING_METHOD,
} from '../../../electron/protocol/signature-file';
import { receiveDevice } from '../../../electron/service/loading/index';
import { appPaths } from '../../../electron/app-paths';
import type { OperationName, OperationResults, ReconciliationView } from '../../../electron/shared/contract';
import { createAppCore, type AppCore } from '../../../electron/shared/handlers';

let core: AppCore;
let home: string;
let driveDir: string;
let endpointDir: string;

async function call<K extends OperationName>(op: K, args: unknown): Promise<OperationResults[K]> {
  const r = await core.dispatch(op, args);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as OperationResults[K];
}

beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'dockhand-reconcile-'));
  driveDir = path.join(home, 'drive');
  await mkdir(path.join(driveDir, 'photos'), { recursive: true });
  await writeFile(path.join(driveDir, 'photos', 'harbour.jpg'), 'not really a jpeg');
  await writeFile(path.join(driveDir, 'notes.txt'), 'ship me');
  await writeFile(path.join(driveDir, 'removed-later.txt'), 'gone before shipping');
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKHAND_HOME: home };
  delete env.AWS_ENDPOINT_URL;
  delete env.AWS_ENDPOINT_URL_IMPORTEXPORT;
  endpointDir = appPaths(env).endpointDir;
  core = await createAppCore({ host: 'station', emit: () => undefined, env, paths: appPaths(env) });
});

afterAll(async () => {
  await core?.close();
  if (home) await rm(home, { recursive: true, force: true });
});

describe('jobs.reconcile', () => {
  it('compares the log of a loaded import with the inventory taken in Preflight, and keeps it', async () => {
    const drive = { device: '/dev/dockhandtest0', serial: 'SN-RECON-1', sizeBytes: 64 * 1024 * 1024 };
    const { text } = await call('manifest.format', {
      form: {
        kind: 's3-import',
        deviceId: drive.serial,
        bucket: 'dockhand-demo',
        prefix: 'recon/',
        returnAddress: {
          name: 'Ada Lovelace',
          street1: '410 Terry Ave N',
          city: 'Seattle',
          stateOrProvince: 'WA',
          postalCode: '98109',
          phoneNumber: '+1 206 555 0100',
          country: 'US',
        },
      },
    });
    const identity = { ...drive, mountpoint: driveDir };
    const inv = await call('inventory.start', {
      runId: 'run-1',
      drive: identity,
      manifestText: text,
      jobType: 'Import',
    });
    expect(inv.files).toBe(3);
    const created = await call('jobs.create', {
      jobType: 'Import',
      manifestText: text,
      drive: identity,
      inventoryRunId: 'run-1',
    });

    await expect(call('jobs.reconcile', { jobId: created.jobId })).rejects.toMatchObject({
      code: 'JobNotFinished',
    });

    // What the person does between Preflight and shipping: SIGNATURE, one file changed, one removed, one added.
    await writeFile(
      path.join(driveDir, 'SIGNATURE'),
      formatSignatureFile({
        version: SIGNATURE_FILE_VERSION,
        signingMethod: SIGNATURE_SIGNING_METHOD,
        jobId: created.jobId,
        signature: created.signature ?? '',
      }),
    );
    await writeFile(path.join(driveDir, 'notes.txt'), 'ship me, changed');
    await unlink(path.join(driveDir, 'removed-later.txt'));
    await writeFile(path.join(driveDir, 'added-later.txt'), 'new');

    const loaded = await receiveDevice({ dataDir: endpointDir, jobId: created.jobId, mountpoint: driveDir });
    expect(loaded.abortReason).toBeUndefined();

    const view: ReconciliationView = await call('jobs.reconcile', { jobId: created.jobId });
    expect(view.saved).toBe(false);
    const byPath = Object.fromEntries(view.outcomes.map((o) => [o.path, o.kind]));
    expect(byPath).toMatchObject({
      'photos/harbour.jpg': 'imported',
      'notes.txt': 'md5-mismatch',
      'removed-later.txt': 'missing-from-log',
      'added-later.txt': 'unexpected',
      // Written after the inventory by design, and never imported: an expected skip, not a surprise.
      SIGNATURE: 'skipped',
    });
    expect(view.summary.files.imported).toBe(1);
    expect(view.summary.discrepancies).toBe(3);

    const again = await call('jobs.reconcile', { jobId: created.jobId });
    expect(again.saved).toBe(true);
    expect(again.outcomes).toEqual(view.outcomes);
    const refreshed = await call('jobs.reconcile', { jobId: created.jobId, refresh: true });
    expect(refreshed.saved).toBe(false);
  }, 60_000);

  it('says a job from another machine has no inventory to compare with', async () => {
    await expect(call('jobs.reconcile', { jobId: 'NOTHERE1' })).rejects.toMatchObject({
      code: 'UnknownJob',
    });
  });
});
