/**
 * One user action creates at most one job: CreateJob against the real embedded endpoint, behind a proxy
 * that breaks the exchange before or after the endpoint has created the job.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../electron/importexport/client';
import { CreateJobOutcomeUnknownError } from '../../../electron/importexport/errors';
import type { ClientConfig } from '../../../electron/importexport/types';
import { ACCOUNT_A, manifest, sdkClient, startTestService, type TestService } from '../../helpers/service';
import { startFaultProxy, type Fault, type FaultProxy } from './fault-proxy';

const open: Array<TestService | FaultProxy> = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

async function setUp(faultOnCreate: (n: number) => Fault, options: { now?: () => Date } = {}) {
  const service = await startTestService(options.now ? { now: options.now } : {});
  open.push(service);
  let creates = 0;
  const proxy = await startFaultProxy(service.url, {
    fault: ({ params }) =>
      params.Action === 'CreateJob' && params.ValidateOnly === 'false' ? faultOnCreate(creates++) : 'pass',
  });
  open.push(proxy);
  const client = (extra: Partial<ClientConfig> = {}) =>
    createClient({
      endpoint: proxy.url,
      credentials: ACCOUNT_A,
      timeoutMs: 1_000,
      sleep: async () => undefined,
      ...extra,
    });
  const jobsAtEndpoint = async () => {
    const { Jobs } = await sdkClient(service, ACCOUNT_A).listJobs({}).promise();
    return Jobs ?? [];
  };
  return { service, proxy, client, jobsAtEndpoint };
}

const INPUT = { JobType: 'Import' as const, Manifest: manifest('s3-import'), ValidateOnly: false };

describe('CreateJob with an unknown outcome looks for the job before retrying', () => {
  it.each<{ name: string; fault: Fault; retried: boolean }>([
    { name: 'connection dropped after the job was created', fault: 'drop-after', retried: false },
    { name: 'HTTP 500 after the job was created', fault: 'error-after', retried: false },
    { name: 'answer stalled past the timeout', fault: 'stall-after', retried: false },
    { name: 'connection dropped before the endpoint saw it', fault: 'drop-before', retried: true },
    { name: '503 before the endpoint saw it', fault: 'unavailable-before', retried: true },
  ])('$name: exactly one job', async ({ fault, retried }) => {
    const { client, jobsAtEndpoint, proxy } = await setUp((n) => (n === 0 ? fault : 'pass'));
    const out = await client().createJob(INPUT);
    const jobs = await jobsAtEndpoint();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.JobId).toBe(out.JobId);
    expect(out.SignatureFileContents).toContain(`jobId:${out.JobId}`);
    expect(proxy.actions.filter((a) => a === 'CreateJob')).toHaveLength(retried ? 2 : 1);
  });

  it('an earlier job with another manifest is not mistaken for ours', async () => {
    const { client, jobsAtEndpoint } = await setUp((n) => (n === 1 ? 'drop-before' : 'pass'));
    const c = client();
    const other = await c.createJob({
      ...INPUT,
      Manifest: manifest('s3-import', ACCOUNT_A, { deviceId: 'OTHER-1' }),
    });
    const ours = await c.createJob(INPUT);
    expect(ours.JobId).not.toBe(other.JobId);
    expect((await jobsAtEndpoint()).map((j) => j.JobId).sort()).toEqual([other.JobId, ours.JobId].sort());
  });

  it.each<Fault>(['drop-after', 'error-after', 'stall-after', 'drop-before', 'unavailable-before'])(
    'an earlier job with the same manifest is never taken for ours (%s on the second call)',
    async (fault) => {
      const { client, jobsAtEndpoint } = await setUp((n) => (n === 1 ? fault : 'pass'));
      const c = client();
      const first = await c.createJob(INPUT);
      const second = await c.createJob(INPUT);
      expect(second.JobId).not.toBe(first.JobId);
      expect((await jobsAtEndpoint()).map((j) => j.JobId).sort()).toEqual([first.JobId, second.JobId].sort());
    },
  );

  it('every attempt failing after creation still leaves one job, and the call reports it', async () => {
    const { client, jobsAtEndpoint } = await setUp(() => 'error-after');
    const out = await client({ maxAttempts: 3 }).createJob(INPUT);
    expect((await jobsAtEndpoint()).map((j) => j.JobId)).toEqual([out.JobId]);
  });

  it('stops with a clear error when even the look-up cannot reach the endpoint', async () => {
    const service = await startTestService();
    open.push(service);
    const proxy = await startFaultProxy(service.url, {
      fault: ({ params }) => (params.Action === 'CreateJob' ? 'drop-after' : 'drop-before'),
    });
    open.push(proxy);
    const err = await createClient({
      endpoint: proxy.url,
      credentials: ACCOUNT_A,
      maxAttempts: 2,
      sleep: async () => undefined,
    })
      .createJob(INPUT)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CreateJobOutcomeUnknownError);
    expect((err as Error).message).toContain('list-jobs');
    const { Jobs } = await sdkClient(service, ACCOUNT_A).listJobs({}).promise();
    expect(Jobs).toHaveLength(1);
  });

  it('validate-only calls are simply retried and create nothing', async () => {
    const service = await startTestService();
    open.push(service);
    let n = 0;
    const proxy = await startFaultProxy(service.url, {
      fault: ({ params }) => (params.Action === 'CreateJob' && n++ === 0 ? 'drop-after' : 'pass'),
    });
    open.push(proxy);
    const out = await createClient({
      endpoint: proxy.url,
      credentials: ACCOUNT_A,
      sleep: async () => undefined,
    }).createJob({
      ...INPUT,
      ValidateOnly: true,
    });
    expect(out.JobId).toMatch(/VALIDATE-ONLY/);
    expect(proxy.actions).toEqual(['CreateJob', 'CreateJob']);
    const { Jobs } = await sdkClient(service, ACCOUNT_A).listJobs({}).promise();
    expect(Jobs).toHaveLength(0);
  });
});

describe('clock skew against the real endpoint', () => {
  it('a RequestExpired from an endpoint an hour ahead is corrected once, then calls just work', async () => {
    const SKEW_MS = 3_600_000;
    const { client, proxy } = await setUp(() => 'pass', {
      // The endpoint's Date header comes from this skewed clock, as a real server's would.
      now: () => new Date(Date.now() + SKEW_MS),
    });
    const c = client();
    const out = await c.createJob(INPUT);
    expect(out.JobId).toMatch(/^[1-9A-Z]{5}$/);
    expect(proxy.actions).toEqual(['CreateJob', 'CreateJob']);
    expect((await c.getStatus(out.JobId)).JobId).toBe(out.JobId);
    expect(proxy.actions).toHaveLength(3);
  });
});
