/** `dockhand jobs` and `dockhand track` as a user runs them, against the embedded endpoint in a temp home. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDemoAccount } from '../../../electron/service/index';
import { openDock } from '../../../electron/service/dock/index';
import { openJournal } from '../../../electron/jobs/journal';
import { EMBEDDED_ENDPOINT_ID } from '../../../electron/cli/session';
import { runDockhand, type CliRun } from '../../helpers/cli';

let home: string;
let env: NodeJS.ProcessEnv;

function dockhand(args: string[]): Promise<CliRun> {
  return runDockhand(args, { cwd: home, env });
}

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'dockhand-cli-jobs-'));
  env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  Object.assign(env, { DOCKHAND_HOME: path.join(home, 'data'), HOME: home, NO_COLOR: '1' });
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('dockhand jobs / track', () => {
  it('shows created jobs and prints one JSON line per status change', async () => {
    const empty = await dockhand(['jobs']);
    expect(empty.code).toBe(0);
    expect(JSON.parse(empty.stdout)).toEqual([]);
    expect(empty.stderr).toContain('No jobs in the local journal');

    const endpointDir = path.join(home, 'data', 'endpoint');
    const account = readDemoAccount(endpointDir);
    if (!account) throw new Error('the embedded endpoint should have created its demo account');
    const manifestFile = path.join(home, 'm.yaml');
    await writeFile(
      manifestFile,
      [
        'manifestVersion: 2.0',
        'generator: dockhand tests',
        `accessKeyId: ${account.accessKeyId}`,
        'deviceId: DEV-42',
        `bucket: ${account.buckets[0]?.name}`,
        'eraseDevice: yes',
        'notificationEmail: ops@example.com',
        'trueCryptPassword: hunter2-secret',
        'returnAddress:',
        '  name: Jane Roe',
        '  street1: 1 Main St',
        '  city: Seattle',
        '  stateOrProvince: WA',
        '  postalCode: 98101',
        '  phoneNumber: 206-555-0100',
        '  country: USA',
        '',
      ].join('\n'),
    );
    const created = await dockhand([
      'create-job',
      '--job-type',
      'Import',
      '--manifest',
      `file://${manifestFile}`,
      '--no-validate-only',
    ]);
    expect(created.stderr).not.toContain('could not be recorded');
    expect(created.code).toBe(0);
    const jobId = (JSON.parse(created.stdout) as { JobId: string }).JobId;

    const listed = await dockhand(['jobs']);
    const rows = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      JobId: jobId,
      Type: 's3-import',
      Status: 'not checked yet',
      CanUpdateOrCancel: true,
    });
    expect(listed.stdout).not.toContain('hunter2-secret');

    const first = await dockhand(['track', '--once']);
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      jobId,
      previous: null,
      current: { location: 'NotReceived', progress: 'Pending' },
    });

    const dock = openDock(endpointDir);
    dock.receive(jobId);
    dock.close();
    const second = await dockhand(['track', '--once']);
    expect(JSON.parse(second.stdout.trim())).toMatchObject({
      previous: { location: 'NotReceived' },
      current: { location: 'AtAWS', progress: 'Pending' },
    });
    // Nothing changed since: no line.
    expect((await dockhand(['track', '--once'])).stdout).toBe('');

    // The device's inventory is kept with the job; an unknown job is refused before any reading.
    const device = path.join(home, 'device');
    await mkdir(device);
    await writeFile(path.join(device, 'a.txt'), 'a');
    const saved = await dockhand(['inventory', device, '--job-id', jobId]);
    expect(saved.code).toBe(0);
    expect(saved.stderr).toContain(`Inventory saved with job ${jobId}`);
    const journal = openJournal({
      file: path.join(home, 'data', 'journal.sqlite'),
      endpoint: EMBEDDED_ENDPOINT_ID,
    });
    expect(journal.loadInventory(jobId)?.entries.map((e) => e.path)).toEqual(['a.txt']);
    journal.close();
    const unknown = await dockhand(['inventory', device, '--job-id', 'NOPE1']);
    expect(unknown.code).toBe(252);
    expect(unknown.stderr).toContain('--job-id NOPE1 is not in the local journal');

    const table = await dockhand(['jobs', '--output', 'table']);
    expect(table.stdout).toMatch(new RegExp(`${jobId}\\s+s3-import.*AtAWS/Pending`));
  }, 60_000);
});
