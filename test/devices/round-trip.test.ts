/**
 * The device's round trip on real zram drives, through the CLI as a user runs it: create the job, inventory,
 * SIGNATURE, `service dock receive --device` (the loading station), `dock return`, `reconcile`; and an export
 * filled through the S3 API, written by the dock, checked with `verify-export`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveDevice } from '../../electron/service/loading/index';
import { ACCOUNT_A, manifest, sdkClient, startTestService, type TestService } from '../helpers/service';
import { createZramDrive, zramSkipReason, type ZramDrive } from '../helpers/zram';
import type { Outcome, ReconcileSummary } from '../../electron/inventory/reconcile';
import { runDockhand, type CliRun } from '../helpers/cli';

const MiB = 1024 * 1024;
const skip = zramSkipReason();

let service: TestService;
let home: string;
const drives: ZramDrive[] = [];

function dockhand(args: string[]): Promise<CliRun> {
  return runDockhand(args, {
    cwd: home,
    env: {
      ...process.env,
      DOCKHAND_HOME: path.join(home, 'data'),
      AWS_ACCESS_KEY_ID: ACCOUNT_A.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ACCOUNT_A.secretAccessKey,
      AWS_ENDPOINT_URL: service.url,
    },
  });
}

async function ok(args: string[]): Promise<Record<string, unknown>> {
  const r = await dockhand(args);
  if (r.code !== 0) throw new Error(`dockhand ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

beforeAll(async () => {
  if (skip) return;
  service = await startTestService();
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-roundtrip-'));
});
afterAll(async () => {
  for (const d of drives) await d.unplug();
  await service?.close();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

describe.skipIf(skip !== undefined)('import round trip on a zram drive', () => {
  it('accounts for every file and names every discrepancy', async () => {
    const files: Record<string, string> = {};
    for (let d = 0; d < 10; d++) {
      for (let f = 0; f < 30; f++)
        files[`dir${d}/sub${f % 3}/file-${f}.txt`] = `contents of ${d}/${f}\n`.repeat(f + 1);
    }
    files['notes/draft.swp'] = 'editor swap';
    files['keep/changed.txt'] = 'before';
    const drive = await createZramDrive({ sizeBytes: 64 * MiB, files });
    drives.push(drive);
    const badName = Buffer.concat([
      Buffer.from(drive.mountpoint + '/bad-'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('.bin'),
    ]);
    fs.writeFileSync(badName, 'latin-1 name');

    fs.writeFileSync(
      path.join(home, 'import.yaml'),
      manifest('s3-import', ACCOUNT_A, { prefix: 'rt/', ignore: ['\\.swp$'] }),
    );
    const created = await ok(['create-job', '--job-type', 'Import', '--manifest', 'file://import.yaml']);
    const jobId = created.JobId as string;
    fs.writeFileSync(path.join(drive.mountpoint, 'SIGNATURE'), created.SignatureFileContents as string);
    await ok([
      'inventory',
      drive.mountpoint,
      '--manifest',
      'file://import.yaml',
      '--job-id',
      jobId,
      '--json',
    ]);
    fs.writeFileSync(path.join(drive.mountpoint, 'keep/changed.txt'), 'after the inventory');
    await drive.unmount();

    const received = await ok([
      'service',
      'dock',
      'receive',
      '--job-id',
      jobId,
      '--data-dir',
      service.dataDir,
      '--device',
      drive.devicePath,
    ]);
    expect(received).toMatchObject(
      { ProgressCode: 'SuccessWithErrors', ErrorCount: 0 }.ErrorCount === 0 ? { LocationCode: 'AtAWS' } : {},
    );
    await ok(['service', 'dock', 'return', '--job-id', jobId, '--data-dir', service.dataDir]);
    const status = await sdkClient(service, ACCOUNT_A).getStatus({ JobId: jobId }).promise();
    expect(status).toMatchObject({
      LocationCode: 'Returned',
      ProgressCode: 'Complete',
      LogBucket: 'alpha-logs',
      LogKey: `import-log-${jobId}`,
    });

    const r = await dockhand(['reconcile', '--job-id', jobId, '--json']);
    expect(r.code, r.stderr).toBe(1); // discrepancies found
    const result = JSON.parse(r.stdout) as { outcomes: Outcome[]; summary: ReconcileSummary };
    const byPath = new Map(result.outcomes.map((o) => [o.path, o]));
    expect(byPath.get('keep/changed.txt')?.kind).toBe('md5-mismatch');
    expect(byPath.get('notes/draft.swp')).toMatchObject({ kind: 'skipped', why: 'ignored' });
    expect(byPath.get('SIGNATURE')).toMatchObject({ kind: 'skipped', why: 'signature-file' });
    expect(byPath.get('bad-\uFFFD\uFFFD.bin')).toMatchObject({ kind: 'not-imported', why: 'name-not-utf8' });
    expect(byPath.get('dir3/sub1/file-4.txt')).toMatchObject({
      kind: 'imported',
      key: 'alpha-import/rt/dir3/sub1/file-4.txt',
    });
    const fileCount = Object.keys(files).length + 2; // + SIGNATURE + the non-UTF-8 name
    expect(result.summary).toMatchObject({
      total: fileCount,
      // The changed file and the non-UTF-8 name, which is not in the bucket though no ignore rule skipped it.
      discrepancies: 2,
      files: {
        imported: 300,
        skipped: 2,
        'not-imported': 1,
        'md5-mismatch': 1,
        failed: 0,
        'missing-from-log': 0,
        unexpected: 0,
      },
    });
  });

  it('ends the job with MissingSignature or InvalidSignature and leaves the device ready to return', async () => {
    const client = sdkClient(service, ACCOUNT_A);
    for (const [signature, code] of [
      [undefined, 'MissingSignature'],
      ['version:2.0\nsigningMethod:HmacSHA1\njobId:ZZZZZ\nsignature:bm9wZQ==\n', 'InvalidSignature'],
    ] as const) {
      const job = await client
        .createJob({ JobType: 'Import', Manifest: manifest('s3-import', ACCOUNT_A), ValidateOnly: false })
        .promise();
      const dir = fs.mkdtempSync(path.join(home, 'device-'));
      fs.writeFileSync(path.join(dir, 'a.txt'), 'a');
      if (signature) fs.writeFileSync(path.join(dir, 'SIGNATURE'), signature);
      const outcome = await receiveDevice({ dataDir: service.dataDir, jobId: job.JobId!, mountpoint: dir });
      expect(outcome.job.progress).toBe(code);
      const status = await client.getStatus({ JobId: job.JobId! }).promise();
      expect(status.ProgressCode).toBe(code);
      await ok(['service', 'dock', 'return', '--job-id', job.JobId!, '--data-dir', service.dataDir]);
    }
  });
});

describe.skipIf(skip !== undefined)('export round trip on a zram drive', () => {
  it('writes the bucket to a blank device that verify-export accepts, and names a tampered file', async () => {
    const s3 = new S3Client({
      endpoint: service.url,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: ACCOUNT_A.accessKeyId, secretAccessKey: ACCOUNT_A.secretAccessKey },
    });
    const keys = ['images/a.jpg', 'images/b/c.jpg', 'images/../escape', 'images/z.png', 'other/skip.txt'];
    for (const Key of keys)
      await s3.send(
        new PutObjectCommand({ Bucket: 'alpha-import', Key, Body: Buffer.from(`bytes of ${Key}`) }),
      );
    fs.writeFileSync(
      path.join(home, 'export.yaml'),
      manifest('s3-export', ACCOUNT_A, {
        // Another drive than the import's: one device, one live job (create-job refuses a second).
        deviceId: 'DOCKHAND-TEST-0002',
        fileSystem: 'EXT4',
        operations: [{ exportBucket: 'alpha-import', prefix: 'images/' }],
      }),
    );
    const created = await ok(['create-job', '--job-type', 'Export', '--manifest', 'file://export.yaml']);
    const jobId = created.JobId as string;
    const drive = await createZramDrive({ sizeBytes: 32 * MiB, mount: false });
    drives.push(drive);
    const received = await ok([
      'service',
      'dock',
      'receive',
      '--job-id',
      jobId,
      '--data-dir',
      service.dataDir,
      '--device',
      drive.devicePath,
    ]);
    expect(received).toMatchObject({ LocationCode: 'AtAWS', ProgressCode: 'Complete', ErrorCount: 0 });

    await drive.mount();
    expect(fs.readFileSync(path.join(drive.mountpoint, 'alpha-import/images/b/c.jpg'), 'utf8')).toBe(
      'bytes of images/b/c.jpg',
    );
    expect(fs.existsSync(path.join(drive.mountpoint, 'alpha-import/other'))).toBe(false);
    expect(fs.readdirSync(path.join(drive.mountpoint, 'LostAndFound/alpha-import'))).toEqual([
      'images%2F%2E%2E%2Fescape',
    ]);
    const verified = await ok(['verify-export', '--job-id', jobId, '--mountpoint', drive.mountpoint]);
    expect(verified).toMatchObject({ Checked: 4, Problems: [] });

    fs.writeFileSync(path.join(drive.mountpoint, 'alpha-import/images/z.png'), 'tampered');
    const r = await dockhand(['verify-export', '--job-id', jobId, '--mountpoint', drive.mountpoint]);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { Problems: string[] }).Problems).toEqual([
      expect.stringContaining('alpha-import/images/z.png'),
    ]);
  });
});
