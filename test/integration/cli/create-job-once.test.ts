/**
 * `dockhand create-job` creates exactly one job per run whatever the network does (issue 11): real CLI
 * processes against the real endpoint behind a proxy that breaks each run's first CreateJob attempt before
 * or after the endpoint acted on it. Two runs with the same manifest are two jobs, each run printing its own.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requestTokenIn } from '../../../electron/importexport/request-token';
import { runDockhand, type CliRun } from '../../helpers/cli';
import { ACCOUNT_A, manifest, sdkClient, startTestService, type TestService } from '../../helpers/service';
import { startFaultProxy, type Fault, type FaultProxy } from '../client/fault-proxy';

let home: string;
let manifestFile: string;
let baseEnv: NodeJS.ProcessEnv;
const open: Array<TestService | FaultProxy> = [];

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'dockhand-once-'));
  manifestFile = path.join(home, 'manifest.yaml');
  await writeFile(manifestFile, manifest('s3-import'));
  baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  Object.assign(baseEnv, {
    HOME: home,
    AWS_ACCESS_KEY_ID: ACCOUNT_A.accessKeyId,
    AWS_SECRET_ACCESS_KEY: ACCOUNT_A.secretAccessKey,
  });
});
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

/** A fresh endpoint, journal and proxy; `fault` breaks the first CreateJob attempt of every run. */
async function setUp(fault: Fault) {
  const service = await startTestService();
  open.push(service);
  const brokenFor = new Set<string>();
  const proxy = await startFaultProxy(service.url, {
    fault: ({ params }) => {
      if (params.Action !== 'CreateJob' || params.ValidateOnly !== 'false') return 'pass';
      const token = requestTokenIn(params.Manifest ?? '') ?? '';
      if (brokenFor.has(token)) return 'pass';
      brokenFor.add(token);
      return fault;
    },
  });
  open.push(proxy);
  const env = { ...baseEnv, DOCKHAND_HOME: await mkdtemp(path.join(home, 'data-')) };
  const createJob = (...extra: string[]): Promise<CliRun> =>
    runDockhand(
      [
        '--endpoint-url',
        proxy.url,
        // The stalled answer counts as lost after a second, not the default 30.
        '--cli-read-timeout',
        '1',
        'create-job',
        '--job-type',
        'Import',
        '--manifest',
        `file://${manifestFile}`,
        ...extra,
      ],
      { cwd: home, env },
    );
  const jobsAtEndpoint = async () => {
    const { Jobs } = await sdkClient(service, ACCOUNT_A).listJobs({}).promise();
    return (Jobs ?? []).map((j) => j.JobId as string).sort();
  };
  return { proxy: Object.assign(proxy, { env }), createJob, jobsAtEndpoint };
}

const jobIdOf = (r: CliRun): string => (JSON.parse(r.stdout) as { JobId: string }).JobId;

describe('two create-job runs with the same manifest make two jobs, under every fault', () => {
  it.each<{ name: string; fault: Fault }>([
    { name: '503 before the create', fault: 'unavailable-before' },
    { name: '500 after the create', fault: 'error-after' },
    { name: 'connection dropped before', fault: 'drop-before' },
    { name: 'connection dropped after', fault: 'drop-after' },
    { name: 'the answer lost', fault: 'stall-after' },
  ])('$name', async ({ fault }) => {
    const { proxy, createJob, jobsAtEndpoint } = await setUp(fault);
    const first = await createJob();
    expect(first.code, first.stderr).toBe(0);
    const second = await createJob('--allow-duplicate-device');
    expect(second.code, second.stderr).toBe(0);
    const ids = [jobIdOf(first), jobIdOf(second)];
    expect(ids[0]).not.toBe(ids[1]);
    expect(await jobsAtEndpoint()).toEqual([...ids].sort());
    // Each run's first attempt really was broken.
    expect(proxy.actions.filter((a) => a === 'CreateJob').length).toBeGreaterThanOrEqual(2);
  });
});

describe('one device, one live job', () => {
  it('a second run for the same deviceId is refused before anything is sent, naming the job', async () => {
    const { proxy, createJob, jobsAtEndpoint } = await setUp('pass');
    const first = await createJob();
    expect(first.code, first.stderr).toBe(0);
    const sentBefore = proxy.actions.length;
    const refused = await createJob();
    expect(refused.code).toBe(252);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^DuplicateDevice: /m);
    expect(refused.stderr).toContain(`live job ${jobIdOf(first)}`);
    expect(refused.stderr).toContain('DOCKHAND-TEST-0001');
    expect(refused.stderr).toContain('--allow-duplicate-device');
    expect(proxy.actions.length).toBe(sentBefore);
    expect(await jobsAtEndpoint()).toEqual([jobIdOf(first)]);
  });

  it('--validate-only is never refused, and after cancel-job the device is free for a new job', async () => {
    const { proxy, createJob, jobsAtEndpoint } = await setUp('pass');
    const first = await createJob();
    expect(first.code, first.stderr).toBe(0);
    const validated = await createJob('--validate-only');
    expect(validated.code, validated.stderr).toBe(0);
    const cancel = await runDockhand(
      ['--endpoint-url', proxy.url, 'cancel-job', '--job-id', jobIdOf(first)],
      {
        cwd: home,
        env: proxy.env,
      },
    );
    expect(cancel.code, cancel.stderr).toBe(0);
    const again = await createJob();
    expect(again.code, again.stderr).toBe(0);
    expect(await jobsAtEndpoint()).toEqual([jobIdOf(first), jobIdOf(again)].sort());
  });
});
