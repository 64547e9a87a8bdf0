/**
 * A job's life at the receiving dock, seen through the AWS SDK v2: receive → start → finish → return, the
 * operations the service must refuse once the transfer has started, and the dock's own refusals. The dock
 * is driven as an operator would drive it, through `dockhand service dock …` on the running endpoint's
 * data dir (and through its module where only the outcome matters).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_A,
  manifest,
  sdkClient,
  sdkError,
  startTestService,
  type TestService,
} from '../../helpers/service';
import { openDock, type Dock } from '../../../electron/service/dock/index';
import { DOCKHAND_CLI } from '../../helpers/cli';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function dockCli(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [DOCKHAND_CLI, 'service', 'dock', ...args],
      { cwd: ROOT, timeout: 30_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let service: TestService;
let a: ReturnType<typeof sdkClient>;
let dock: Dock;

beforeAll(async () => {
  service = await startTestService();
  a = sdkClient(service, ACCOUNT_A);
  dock = openDock(service.dataDir);
});
afterAll(async () => {
  dock?.close();
  await service?.close();
});

async function newJob(): Promise<string> {
  const out = await a
    .createJob({ JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: false })
    .promise();
  return out.JobId ?? '';
}

async function status(id: string) {
  return a.getStatus({ JobId: id }).promise();
}

describe('dock lifecycle through the CLI', () => {
  it(
    'receive → start → finish Complete → return shows Returned with carrier and tracking number',
    { timeout: 60_000 },
    async () => {
      const id = await newJob();
      const dir = ['--job-id', id, '--data-dir', service.dataDir];

      const received = await dockCli(['receive', ...dir]);
      expect(received.code, received.stderr).toBe(0);
      let s = await status(id);
      expect([s.LocationCode, s.ProgressCode]).toEqual(['AtAWS', 'Pending']);
      expect(s.LocationMessage).toBe('Your device is at AWS.');

      const started = await dockCli(['start', ...dir]);
      expect(started.code, started.stderr).toBe(0);
      s = await status(id);
      expect([s.LocationCode, s.ProgressCode]).toEqual(['AtAWS', 'InProgress']);
      expect(s.ProgressMessage).toBe('The data on your device is currently being loaded.');

      const finished = await dockCli(['finish', ...dir, '--progress-code', 'Complete']);
      expect(finished.code, finished.stderr).toBe(0);
      s = await status(id);
      expect([s.LocationCode, s.ProgressCode]).toEqual(['AtAWS', 'Complete']);
      expect(s.ErrorCount).toBe(0);
      // The log goes to the manifest's logBucket as import-log-<JOBID>.
      expect(s.LogBucket).toBe(ACCOUNT_A.buckets[1]?.name);
      expect(s.LogKey).toBe(`import-log-${id}`);
      expect(s.ProgressMessage).toBe(
        `The data loaded successfully. The log was saved to import-log-${id} in the bucket ${s.LogBucket}.`,
      );

      const returned = await dockCli([
        'return',
        ...dir,
        '--carrier',
        'UPS',
        '--tracking-number',
        '1Z999AA10123456784',
      ]);
      expect(returned.code, returned.stderr).toBe(0);
      s = await status(id);
      expect(s.LocationCode).toBe('Returned');
      expect(s.Carrier).toBe('UPS');
      expect(s.TrackingNumber).toBe('1Z999AA10123456784');
      expect(s.LocationMessage).toBe(
        'Your device has been returned. The UPS tracking number is 1Z999AA10123456784.',
      );
      expect(s.ProgressCode).toBe('Complete');
    },
  );

  it('refuses a transition out of order with a message naming the job and its state, and changes nothing', async () => {
    const id = await newJob();
    const res = await dockCli([
      'finish',
      '--job-id',
      id,
      '--data-dir',
      service.dataDir,
      '--progress-code',
      'Complete',
    ]);
    expect(res.code).not.toBe(0);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(id);
    // It says where the job is and what `finish` needs.
    expect(res.stderr).toContain('NotReceived');
    expect(res.stderr).toContain('InProgress');
    const s = await status(id);
    expect([s.LocationCode, s.ProgressCode]).toEqual(['NotReceived', 'Pending']);
  });

  it('names an unknown job id and the data dir', async () => {
    const res = await dockCli(['receive', '--job-id', 'ZZZZ9', '--data-dir', service.dataDir]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('ZZZZ9');
  });
});

describe('operations the service refuses once the transfer has started', () => {
  it('UnableToCancelJobIdException and UnableToUpdateJobIdException after dock start', async () => {
    const id = await newJob();
    dock.receive(id);
    // Received but not started: still updatable.
    const upd = await a
      .updateJob({
        JobId: id,
        JobType: 'Import',
        Manifest: manifest('s3-import', ACCOUNT_A, { deviceId: 'SWAPPED' }),
        ValidateOnly: false,
      })
      .promise();
    expect(upd.Success).toBe(true);
    dock.start(id);

    const cancel = await sdkError(a.cancelJob({ JobId: id }).promise());
    expect(cancel.code).toBe('UnableToCancelJobIdException');
    expect(cancel.statusCode).toBe(400);
    expect(cancel.message).toContain(id);

    const update = await sdkError(
      a
        .updateJob({ JobId: id, JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: false })
        .promise(),
    );
    expect(update.code).toBe('UnableToUpdateJobIdException');
    expect(update.statusCode).toBe(400);
    expect(update.message).toContain(id);

    // Neither refused call changed the job.
    const s = await status(id);
    expect(s.ProgressCode).toBe('InProgress');
    expect(s.CurrentManifest).toBe(manifest('s3-import', ACCOUNT_A, { deviceId: 'SWAPPED' }));
  });

  it('refuses cancel and update of a completed and returned job too', async () => {
    const id = await newJob();
    dock.receive(id);
    dock.start(id);
    dock.finish(id, 'SuccessWithErrors', 3);
    let s = await status(id);
    expect(s.ProgressCode).toBe('SuccessWithErrors');
    expect(s.ErrorCount).toBe(3);
    dock.returnDevice(id, { carrier: 'DHL', trackingNumber: '1234567890' });
    s = await status(id);
    expect([s.LocationCode, s.Carrier, s.TrackingNumber]).toEqual(['Returned', 'DHL', '1234567890']);
    expect((await sdkError(a.cancelJob({ JobId: id }).promise())).code).toBe('UnableToCancelJobIdException');
    expect(
      (
        await sdkError(
          a
            .updateJob({ JobId: id, JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: false })
            .promise(),
        )
      ).code,
    ).toBe('UnableToUpdateJobIdException');
  });

  it('puts export logs at logPrefix + export-log-<ID> and words SuccessWithErrors as the service did', async () => {
    const out = await a
      .createJob({
        JobType: 'Export',
        Manifest: manifest('s3-export', ACCOUNT_A, { logPrefix: 'logs/' }),
        ValidateOnly: false,
      })
      .promise();
    const id = out.JobId ?? '';
    dock.receive(id);
    dock.start(id);
    dock.finish(id, 'SuccessWithErrors', 2);
    const s = await status(id);
    expect(s.LogBucket).toBe(ACCOUNT_A.buckets[1]?.name);
    expect(s.LogKey).toBe(`logs/export-log-${id}`);
    expect(s.ErrorCount).toBe(2);
    expect(s.ProgressMessage).toBe(
      `The data load completed with 2 of errors. See logs/export-log-${id} in the bucket ${s.LogBucket}. for more details.`,
    );
  });

  it('puts an S3 import log in the import bucket when the manifest names no logBucket', async () => {
    const out = await a
      .createJob({
        JobType: 'Import',
        Manifest: manifest('s3-import', ACCOUNT_A, { logBucket: undefined }),
        ValidateOnly: false,
      })
      .promise();
    const id = out.JobId ?? '';
    dock.receive(id);
    dock.start(id);
    dock.finish(id, 'Complete');
    const s = await status(id);
    expect([s.LogBucket, s.LogKey]).toEqual([ACCOUNT_A.buckets[0]?.name, `import-log-${id}`]);
  });

  it('an aborted job (MissingSignature) reports the abort code and message', async () => {
    const id = await newJob();
    dock.receive(id);
    dock.start(id);
    dock.finish(id, 'MissingSignature');
    const s = await status(id);
    expect(s.ProgressCode).toBe('MissingSignature');
    expect(s.ProgressMessage).toBe('The job was aborted. The SIGNATURE file was missing.');
  });

  it('the dock refuses to start a canceled job', async () => {
    const id = await newJob();
    await a.cancelJob({ JobId: id }).promise();
    expect(() => dock.receive(id)).toThrow(id);
    expect((await status(id)).ProgressCode).toBe('Canceled');
  });
});
