/**
 * Races a user could hit: many CreateJob calls at once (ids stay unique, the daily quota is never
 * overrun) and a cancel arriving while the dock starts the same job (exactly one of them wins).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_A, manifest, sdkClient, startTestService, type TestService } from '../../helpers/service';
import { openDock } from '../../../electron/service/dock/index';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const RACE_JOBS = 30;

let service: TestService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

type Outcome = { ok: true; id: string } | { ok: false; code: string };

function createMany(client: ReturnType<typeof sdkClient>, n: number): Promise<Outcome[]> {
  return Promise.all(
    Array.from({ length: n }, () =>
      client
        .createJob({ JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: false })
        .promise()
        .then(
          (out): Outcome => ({ ok: true, id: out.JobId ?? '' }),
          (err: { code: string }): Outcome => ({ ok: false, code: err.code }),
        ),
    ),
  );
}

describe('concurrent CreateJob', () => {
  it('gives 40 simultaneous jobs 40 distinct ids, all listed', async () => {
    service = await startTestService({ config: { createJobDailyQuota: 1000 } });
    const a = sdkClient(service, ACCOUNT_A);
    const outcomes = await createMany(a, 40);
    const ids = outcomes.map((o) => (o.ok ? o.id : `failed: ${o.code}`));
    expect(new Set(ids).size).toBe(40);
    const listed = await a.listJobs({}).promise();
    expect(new Set(listed.Jobs?.map((j) => j.JobId))).toEqual(new Set(ids));
  });

  it('never lets simultaneous calls overrun the daily quota', async () => {
    service = await startTestService({ config: { createJobDailyQuota: 3 } });
    const a = sdkClient(service, ACCOUNT_A);
    const outcomes = await createMany(a, 12);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    expect(outcomes.filter((o) => !o.ok).map((o) => (o.ok ? '' : o.code))).toEqual(
      Array(9).fill('CreateJobQuotaExceededException'),
    );
    expect((await a.listJobs({}).promise()).Jobs).toHaveLength(3);
  });
});

describe('cancel racing the dock', () => {
  it('for each job either the cancel or the dock start wins, never both', { timeout: 60_000 }, async () => {
    service = await startTestService();
    const a = sdkClient(service, ACCOUNT_A);
    const ids = (await createMany(a, RACE_JOBS)).map((o) => (o.ok ? o.id : ''));
    const dock = openDock(service.dataDir);
    for (const id of ids) dock.receive(id);
    dock.close();

    // The dock runs in its own process on the same store, as `dockhand service dock` does.
    const child = spawn(
      process.execPath,
      ['build/run-ts.js', 'test/integration/service/dock-race-child.ts', service.dataDir, ...ids],
      { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const exited = once(child, 'exit');
    while (!out.includes('ready\n')) await once(child.stdout, 'data');
    child.stdin.write('go\n');
    // Cancels go front to back 2 ms apart while the dock starts back to front: in practice both sides win some.
    const cancels = await Promise.all(
      ids.map((id, i) =>
        new Promise((r) => setTimeout(r, i * 2)).then(() =>
          a
            .cancelJob({ JobId: id })
            .promise()
            .then(
              () => 'canceled',
              (err: { code: string }) => err.code,
            ),
        ),
      ),
    );
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    const started = new Set(
      out
        .split('\n')
        .filter((l) => l.endsWith(' started'))
        .map((l) => l.split(' ')[0]),
    );
    for (const [i, id] of ids.entries()) {
      const s = await a.getStatus({ JobId: id }).promise();
      if (cancels[i] === 'canceled') {
        expect(started.has(id), `${id} was both canceled and started`).toBe(false);
        expect(s.ProgressCode).toBe('Canceled');
      } else {
        expect(cancels[i]).toBe('UnableToCancelJobIdException');
        expect(started.has(id), `${id}: cancel refused but the dock did not start it`).toBe(true);
        expect(s.ProgressCode).toBe('InProgress');
      }
    }
  });
});
