/**
 * `dockhand write-signature --force` on a real zram drive that carries another job's SIGNATURE: the old
 * file is kept in Dockhand's data (never on the drive), and the command says where and how to cancel the
 * replaced job.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDockhand } from '../helpers/cli';
import { ACCOUNT_A, manifest, sdkClient, startTestService, type TestService } from '../helpers/service';
import { createZramDrive, zramSkipReason, type ZramDrive } from '../helpers/zram';

const MiB = 1024 * 1024;
const skip = zramSkipReason();

let service: TestService;
let home: string;
let drive: ZramDrive | undefined;

const env = (): NodeJS.ProcessEnv => ({
  ...process.env,
  DOCKHAND_HOME: path.join(home, 'data'),
  AWS_ACCESS_KEY_ID: ACCOUNT_A.accessKeyId,
  AWS_SECRET_ACCESS_KEY: ACCOUNT_A.secretAccessKey,
  AWS_ENDPOINT_URL: service.url,
});

beforeAll(async () => {
  if (skip) return;
  service = await startTestService();
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-cli-replace-'));
});
afterAll(async () => {
  await drive?.unplug();
  await service?.close();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

describe.skipIf(skip !== undefined)('write-signature --force on a real drive', () => {
  it("keeps the replaced SIGNATURE in Dockhand's data and prints the cancel-job command", async () => {
    drive = await createZramDrive({ sizeBytes: 16 * MiB, label: 'DHFORCE', files: { 'a.txt': 'a' } });
    const sdk = sdkClient(service, ACCOUNT_A);
    const create = () =>
      sdk
        .createJob({ JobType: 'Import', Manifest: manifest('s3-import', ACCOUNT_A), ValidateOnly: false })
        .promise();
    const first = (await create()).JobId as string;
    const second = (await create()).JobId as string;
    const write = (jobId: string, force: boolean) =>
      runDockhand(
        [
          'write-signature',
          '--job-id',
          jobId,
          '--mountpoint',
          (drive as ZramDrive).mountpoint,
          ...(force ? ['--force'] : []),
        ],
        { env: env() },
      );
    expect((await write(first, false)).code).toBe(0);
    const refused = await write(second, false);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr, refused.stderr).toContain(first);

    const forced = await write(second, true);
    expect(forced.code, forced.stderr).toBe(0);
    const out = JSON.parse(forced.stdout) as { BackupPath: string; ReplacedJobId: string };
    expect(out.ReplacedJobId).toBe(first);
    expect(out.BackupPath.startsWith(path.join(home, 'data') + path.sep)).toBe(true);
    expect(fs.readFileSync(out.BackupPath, 'utf8')).toContain(`jobId:${first}`);
    expect(forced.stderr).toContain(out.BackupPath);
    expect(forced.stderr).toContain(`dockhand cancel-job --job-id ${first}`);
    // Nothing of Dockhand's on the drive but the new SIGNATURE.
    expect(fs.readdirSync(drive.mountpoint).sort()).toEqual(['SIGNATURE', 'a.txt', 'lost+found']);
    expect(fs.readFileSync(path.join(drive.mountpoint, 'SIGNATURE'), 'utf8')).toContain(`jobId:${second}`);
  });
});
