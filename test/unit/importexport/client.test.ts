import { stampRequestToken } from '../../../electron/importexport/request-token';
import ImportExport from 'aws-sdk/clients/importexport';
import { afterEach, describe, expect, it } from 'vitest';
import { isOperation, type Operation } from '../../../electron/protocol/api';
import { stringToSign, computeSignature } from '../../../electron/protocol/sigv2';
import type { QueryParams } from '../../../electron/protocol/query';
import type { XmlValue } from '../../../electron/protocol/xml';
import {
  createClient,
  ImportExportError,
  NetworkError,
  TimeoutError,
} from '../../../electron/importexport/client';
import type { ClientConfig } from '../../../electron/importexport/types';
import {
  STATUS_RESULT,
  startFaultServer,
  type FaultServer,
  type RecordedRequest,
  type Reply,
} from './fault-server';

const CREDS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const MANIFEST = 'manifestVersion: 2.0\nbucket: my bucket\nreturnAddress:\n  name: Zoë ~ * + & = %\n';
const STAMPED = stampRequestToken(MANIFEST, 'c'.repeat(32));

const RESULTS: Record<Operation, { [name: string]: XmlValue }> = {
  CreateJob: { JobId: 'ABCDE', JobType: 'Import', SignatureFileContents: 'version:2.0\n', ArtifactList: [] },
  GetStatus: STATUS_RESULT,
  ListJobs: {
    Jobs: [{ JobId: 'ABCDE', CreationDate: '2010-09-21T16:22:10Z', IsCanceled: false, JobType: 'Import' }],
    IsTruncated: false,
  },
  UpdateJob: { Success: true, ArtifactList: [] },
  CancelJob: { Success: true },
  GetShippingLabel: { ShippingLabelURL: 'http://127.0.0.1/label.pdf' },
};

function answer(req: RecordedRequest): Reply {
  const action = req.params.Action ?? '';
  if (!isOperation(action)) return { kind: 'error', status: 400, code: 'InvalidAction' };
  return { kind: 'ok', operation: action, result: RESULTS[action] };
}

const servers: FaultServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()?.close();
});

async function server(handler: (req: RecordedRequest, i: number) => Reply): Promise<FaultServer> {
  const s = await startFaultServer(handler);
  servers.push(s);
  return s;
}

function client(s: FaultServer, extra: Partial<ClientConfig> = {}) {
  return createClient({ endpoint: s.url, credentials: CREDS, sleep: async () => undefined, ...extra });
}

function withoutVolatile(params: QueryParams): QueryParams {
  const { Timestamp: _t, Signature: _s, ...rest } = params;
  return rest;
}

function signatureIsValid(req: RecordedRequest): boolean {
  const text = stringToSign({
    method: req.method,
    host: String(req.headers.host),
    path: '/',
    params: req.params,
  });
  return computeSignature(text, CREDS.secretAccessKey, 'HmacSHA256') === req.params.Signature;
}

describe('requests are the ones the AWS SDK v2 sends for the same call', () => {
  const cases: Array<{
    name: string;
    ours: (c: ReturnType<typeof createClient>) => Promise<unknown>;
    sdk: (s: ImportExport) => Promise<unknown>;
  }> = [
    {
      // A manifest that already carries a request token is sent as it is (the CLI and the app stamp their own).
      name: 'CreateJob',
      ours: (c) => c.createJob({ JobType: 'Import', Manifest: STAMPED, ValidateOnly: false }),
      sdk: (s) => s.createJob({ JobType: 'Import', Manifest: STAMPED, ValidateOnly: false }).promise(),
    },
    {
      name: 'CreateJob validate-only',
      ours: (c) => c.createJob({ JobType: 'Export', Manifest: MANIFEST, ValidateOnly: true }),
      sdk: (s) => s.createJob({ JobType: 'Export', Manifest: MANIFEST, ValidateOnly: true }).promise(),
    },
    {
      name: 'GetStatus',
      ours: (c) => c.getStatus('ABCDE'),
      sdk: (s) => s.getStatus({ JobId: 'ABCDE' }).promise(),
    },
    {
      name: 'ListJobs',
      ours: (c) => c.listJobs({ MaxJobs: 10, Marker: 'ZZZZZ' }),
      sdk: (s) => s.listJobs({ MaxJobs: 10, Marker: 'ZZZZZ' }).promise(),
    },
    {
      name: 'UpdateJob',
      ours: (c) => c.updateJob({ JobId: 'ABCDE', JobType: 'Import', Manifest: MANIFEST, ValidateOnly: true }),
      sdk: (s) =>
        s.updateJob({ JobId: 'ABCDE', JobType: 'Import', Manifest: MANIFEST, ValidateOnly: true }).promise(),
    },
    {
      name: 'CancelJob',
      ours: (c) => c.cancelJob('ABCDE'),
      sdk: (s) => s.cancelJob({ JobId: 'ABCDE' }).promise(),
    },
    {
      name: 'GetShippingLabel',
      ours: (c) =>
        c.getShippingLabel({
          jobIds: ['ABCDE', 'FGHIJ'],
          name: 'Jane Doe',
          street1: '1 Main St',
          postalCode: '98101',
        }),
      sdk: (s) =>
        s
          .getShippingLabel({
            jobIds: ['ABCDE', 'FGHIJ'],
            name: 'Jane Doe',
            street1: '1 Main St',
            postalCode: '98101',
          })
          .promise(),
    },
  ];

  it.each(cases)('$name', async ({ ours, sdk }) => {
    const s = await server(answer);
    await ours(client(s));
    await sdk(
      new ImportExport({ endpoint: s.url, ...CREDS, region: 'us-east-1', maxRetries: 0, sslEnabled: false }),
    );
    const [mine, theirs] = s.requests as [RecordedRequest, RecordedRequest];
    expect(mine.method).toBe('POST');
    expect(mine.path).toBe(theirs.path);
    expect(withoutVolatile(mine.params)).toEqual(withoutVolatile(theirs.params));
    // The form body is byte-for-byte the SDK's once the two volatile values are blanked.
    const blank = (body: string) => body.replace(/(Timestamp|Signature)=[^&]*/g, '$1=');
    expect(blank(mine.body)).toBe(blank(theirs.body));
    expect(signatureIsValid(mine)).toBe(true);
    expect(signatureIsValid(theirs)).toBe(true);
  });

  it('parses the results into typed outputs', async () => {
    const s = await server(answer);
    const c = client(s);
    expect(await c.getStatus('ABCDE')).toMatchObject({ JobId: 'ABCDE', ErrorCount: 0, JobType: 'Import' });
    expect((await c.listJobs()).Jobs[0]).toEqual({
      JobId: 'ABCDE',
      CreationDate: '2010-09-21T16:22:10Z',
      IsCanceled: false,
      JobType: 'Import',
    });
    expect(await c.cancelJob('ABCDE')).toEqual({ Success: true });
  });
});

describe('errors', () => {
  it('turns an error envelope into an ImportExportError and does not retry a client fault', async () => {
    const s = await server(() => ({
      kind: 'error',
      status: 400,
      code: 'InvalidJobIdException',
      message: 'No such job ZZZZZ for your account',
    }));
    const err = await client(s)
      .getStatus('ZZZZZ')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportExportError);
    expect(err).toMatchObject({
      code: 'InvalidJobIdException',
      message: 'No such job ZZZZZ for your account',
      requestId: 'req-1',
      httpStatus: 400,
      retryable: false,
    });
    expect(s.requests).toHaveLength(1);
  });

  it('names the endpoint when the body is not an Import/Export response', async () => {
    const s = await server(() => ({ kind: 'raw', status: 200, body: '<html>hello</html>' }));
    const err = (await client(s)
      .getStatus('ABCDE')
      .catch((e: unknown) => e)) as ImportExportError;
    expect(err.code).toBe('InvalidResponse');
    expect(err.message).toContain(s.url);
  });

  it('reports a refused connection as a NetworkError that was never sent', async () => {
    const s = await server(answer);
    const url = s.url;
    await s.close();
    servers.pop();
    const err = await createClient({
      endpoint: url,
      credentials: CREDS,
      sleep: async () => undefined,
      maxAttempts: 2,
    })
      .getStatus('ABCDE')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).sent).toBe(false);
    expect((err as NetworkError).message).toContain(url);
  });

  it('speaks TLS to an https:// endpoint: a plain HTTP server there is a handshake error, named', async () => {
    const s = await server(answer);
    const url = s.url.replace(/^http:/, 'https:');
    const err = await createClient({ endpoint: url, credentials: CREDS, maxAttempts: 1 })
      .getStatus('ABCDE')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).message).toContain(`Could not reach ${url}: EPROTO`);
  });
});

describe('retries with full-jitter backoff', () => {
  const faults: Array<{ name: string; fault: Reply }> = [
    { name: 'HTTP 500 InternalFailure', fault: { kind: 'error', status: 500, code: 'InternalFailure' } },
    {
      name: 'HTTP 503 ServiceUnavailable',
      fault: { kind: 'error', status: 503, code: 'ServiceUnavailable' },
    },
    { name: '400 Throttling', fault: { kind: 'error', status: 400, code: 'Throttling' } },
    { name: 'a 502 without an XML body', fault: { kind: 'raw', status: 502, body: 'Bad Gateway' } },
    { name: 'a dropped connection', fault: { kind: 'drop' } },
    { name: 'a stall past the timeout', fault: { kind: 'stall' } },
  ];

  it.each(faults)('recovers from two faults in a row: $name', async ({ fault }) => {
    const s = await server((req, i) => (i < 2 ? fault : answer(req)));
    const waits: number[] = [];
    const c = client(s, {
      timeoutMs: 200,
      random: () => 0.5,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const status = await c.getStatus('ABCDE');
    expect(status.JobId).toBe('ABCDE');
    expect(s.requests).toHaveLength(3);
    // Full jitter: random * min(cap, base * 2^(n-1)), so the ceiling doubles between attempts.
    expect(waits).toEqual([50, 100]);
  });

  it('gives up after maxAttempts with the last error, typed', async () => {
    const s = await server(() => ({ kind: 'stall' }));
    const err = await client(s, { timeoutMs: 100, maxAttempts: 3 })
      .listJobs()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).timeoutMs).toBe(100);
    expect(s.requests).toHaveLength(3);
  });

  it('keeps the last service error after exhausting attempts', async () => {
    const s = await server(() => ({ kind: 'error', status: 503, code: 'ServiceUnavailable' }));
    const err = await client(s, { maxAttempts: 2 })
      .listJobs()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ServiceUnavailable', httpStatus: 503, retryable: true });
    expect(s.requests).toHaveLength(2);
  });
});

describe('clock skew', () => {
  const SKEW_MS = 3_600_000;

  /** A server whose clock is an hour ahead, rejecting timestamps more than 15 minutes off its own. */
  function skewedServer(): Promise<FaultServer> {
    return server((req) => {
      const serverNow = Date.now() + SKEW_MS;
      const sent = Date.parse(req.params.Timestamp ?? '');
      if (Math.abs(serverNow - sent) > 15 * 60_000) {
        return {
          kind: 'error',
          status: 400,
          code: 'RequestExpired',
          message: 'Request has expired',
          headers: { Date: new Date(serverNow).toUTCString() },
        };
      }
      return answer(req);
    });
  }

  it('learns the offset from the Date header, retries once, and keeps it for later calls', async () => {
    const s = await skewedServer();
    const c = client(s);
    expect((await c.getStatus('ABCDE')).JobId).toBe('ABCDE');
    expect(s.requests).toHaveLength(2);
    await c.listJobs();
    expect(s.requests).toHaveLength(3);
  });

  it('does not loop when the service keeps refusing the time', async () => {
    const s = await server(() => ({
      kind: 'error',
      status: 400,
      code: 'RequestExpired',
      headers: { Date: new Date().toUTCString() },
    }));
    const err = await client(s)
      .getStatus('ABCDE')
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'RequestExpired' });
    expect(s.requests).toHaveLength(2);
  });
});

describe('listJobPages', () => {
  const ALL = Array.from({ length: 7 }, (_, i) => `JOB0${7 - i}`);

  function pagingServer(): Promise<FaultServer> {
    return server((req) => {
      const max = Number(req.params.MaxJobs ?? 1000);
      const start = req.params.Marker ? ALL.indexOf(req.params.Marker) + 1 : 0;
      const page = ALL.slice(start, start + max);
      return {
        kind: 'ok',
        operation: 'ListJobs',
        result: {
          Jobs: page.map((JobId) => ({
            JobId,
            CreationDate: '2024-01-01T00:00:00Z',
            IsCanceled: false,
            JobType: 'Import',
          })),
          IsTruncated: start + max < ALL.length,
        },
      };
    });
  }

  async function collect(it: AsyncIterable<{ Jobs: Array<{ JobId: string }> }>): Promise<string[][]> {
    const pages: string[][] = [];
    for await (const p of it) pages.push(p.Jobs.map((j) => j.JobId));
    return pages;
  }

  it('follows Marker = last JobId while IsTruncated', async () => {
    const s = await pagingServer();
    const pages = await collect(client(s).listJobPages({ pageSize: 3 }));
    expect(pages).toEqual([ALL.slice(0, 3), ALL.slice(3, 6), ALL.slice(6)]);
    expect(s.requests.map((r) => r.params.Marker)).toEqual([undefined, 'JOB05', 'JOB02']);
  });

  it('stops after the limit', async () => {
    const s = await pagingServer();
    const pages = await collect(client(s).listJobPages({ pageSize: 3, limit: 5 }));
    expect(pages.flat()).toEqual(ALL.slice(0, 5));
    expect(s.requests.map((r) => r.params.MaxJobs)).toEqual(['3', '2']);
  });
});

describe('--debug lines', () => {
  it('never contain the signature, the whole key id, or manifest secrets', async () => {
    const s = await server(answer);
    const lines: string[] = [];
    const c = client(s, {
      debug: (l) => lines.push(l),
      credentials: { ...CREDS, sessionToken: 'TOKENVALUE123' },
    });
    await c.createJob({
      JobType: 'Export',
      Manifest: 'manifestVersion: 2.0\ntrueCryptPassword: hunter2hunter2\npinCode: 4321\n',
      ValidateOnly: true,
    });
    const text = lines.join('\n');
    const sig = s.requests[0]?.params.Signature ?? '';
    expect(sig.length).toBeGreaterThan(10);
    expect(text).not.toContain(sig);
    expect(text).not.toContain(CREDS.accessKeyId);
    expect(text).not.toContain(CREDS.secretAccessKey);
    expect(text).not.toContain('TOKENVALUE123');
    expect(text).not.toContain('hunter2hunter2');
    expect(text).not.toContain('4321');
    expect(text).toContain('AKIA');
    expect(text).toContain('CreateJob');
  });
});
