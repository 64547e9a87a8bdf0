import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operation, OperationShapes } from '../../../electron/protocol/api';
import { canonicalQueryString, encodeList, type QueryParams } from '../../../electron/protocol/query';
import { signQueryRequest } from '../../../electron/protocol/sigv2';
import { parseErrorXml, parseResponseXml } from '../../../electron/protocol/xml';
import { openDock } from '../../../electron/service/dock';
import { readDemoAccount, startService, type RunningService } from '../../../electron/service/index';
import { JOB_EXPIRY_MS } from '../../../electron/service/job-view';
import type { AccountConfig } from '../../../electron/service/types';

const ONE: AccountConfig = {
  accessKeyId: 'AKIAONEONEONEONEONE1',
  secretAccessKey: 'secret-one-secret-one-secret-one-secret1',
  buckets: [
    { name: 'one-east', region: 'us-east-1' },
    { name: 'one-west', region: 'us-west-2' },
    { name: 'one-sg', region: 'ap-southeast-1' },
  ],
};
const TWO: AccountConfig = {
  accessKeyId: 'AKIATWOTWOTWOTWOTWO2',
  secretAccessKey: 'secret-two-secret-two-secret-two-secret2',
  buckets: [{ name: 'two-east', region: 'us-east-1' }],
};

let dir: string;
let svc: RunningService;
let nowMs = Date.UTC(2024, 5, 1, 12);
/** Makes the injected clock throw, standing in for any unexpected failure inside a request. */
let clockBroken = false;

function manifest(opts: { key?: string; bucket?: string; logBucket?: string; device?: string } = {}): string {
  return [
    'manifestVersion: 2.0',
    `accessKeyId: ${opts.key ?? ONE.accessKeyId}`,
    `deviceId: ${opts.device ?? 'SN-1'}`,
    `bucket: ${opts.bucket ?? 'one-east'}`,
    ...(opts.logBucket ? [`logBucket: ${opts.logBucket}`] : []),
    'eraseDevice: yes',
    'returnAddress:',
    '  name: Jane Roe',
    '  street1: 1 Main St',
    '  city: Seattle',
    '  stateOrProvince: WA',
    '  postalCode: 98101',
    '  phoneNumber: 206-555-1111',
    '  country: USA',
    '',
  ].join('\n');
}

async function raw(
  body: string,
  opts: { path?: string; method?: string; headers?: Record<string, string> } = {},
) {
  const res = await fetch(svc.url + (opts.path ?? '/'), {
    method: opts.method ?? 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...opts.headers },
    body: (opts.method ?? 'POST') === 'POST' ? body : undefined,
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

function signedBody(params: QueryParams, account = ONE): string {
  return canonicalQueryString(
    signQueryRequest({
      host: new URL(svc.url).host,
      params: { Version: '2010-06-01', ...params },
      accessKeyId: account.accessKeyId,
      secretAccessKey: account.secretAccessKey,
      now: new Date(nowMs),
    }),
  );
}

type Outcome<O extends Operation> =
  | { ok: true; result: OperationShapes[O]['output']; status: number }
  | { ok: false; code: string; message: string; status: number };

async function call<O extends Operation>(op: O, params: QueryParams, account = ONE): Promise<Outcome<O>> {
  const r = await raw(signedBody({ Action: op, ...params }, account));
  if (r.status === 200) return { ok: true, result: parseResponseXml(op, r.text).result, status: r.status };
  const e = parseErrorXml(r.text);
  return { ok: false, code: e?.code ?? 'none', message: e?.message ?? r.text, status: r.status };
}

async function create(params: QueryParams = {}, account = ONE) {
  // Account ONE creates many jobs; spreading them 9 hours apart keeps each UTC day under its quota of 3.
  if (account === ONE) nowMs += 9 * 3600_000;
  const defaults =
    account === TWO ? { Manifest: manifest({ key: TWO.accessKeyId, bucket: 'two-east' }) } : {};
  const out = await call(
    'CreateJob',
    { JobType: 'Import', Manifest: manifest(), ValidateOnly: 'false', ...defaults, ...params },
    account,
  );
  if (!out.ok) throw new Error(`CreateJob failed: ${out.code} ${out.message}`);
  return out.result;
}

function errorCode<O extends Operation>(o: Outcome<O>): string {
  return o.ok ? 'ok' : o.code;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-endpoint-'));
  svc = await startService({
    dataDir: dir,
    port: 0,
    config: { accounts: [ONE, TWO], createJobDailyQuota: 3 },
    now: () => {
      if (clockBroken) throw new Error('injected clock failure');
      return new Date(nowMs);
    },
  });
});
afterAll(async () => {
  await svc?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('HTTP front', () => {
  it('answers GET / with a health text and listens on loopback', async () => {
    const r = await raw('', { method: 'GET' });
    expect(r.status).toBe(200);
    expect(r.text).toContain('Import/Export');
    expect(svc.host).toBe('127.0.0.1');
  });

  it('puts every answer in an XML envelope with x-amzn-RequestId', async () => {
    const r = await raw(signedBody({ Action: 'ListJobs' }));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/xml');
    const id = r.headers.get('x-amzn-requestid');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.text).toContain(`<RequestId>${id}</RequestId>`);
  });

  it('takes the operation from Operation in the URI (model-driven clients)', async () => {
    const body = signedBody({ Operation: 'ListJobs' });
    const r = await raw(body, { path: '/?Operation=ListJobs' });
    expect(r.status).toBe(200);
    expect(r.text).toContain('<ListJobsResponse');
  });

  const bad: Array<[string, () => Promise<{ status: number; text: string }>, number, string]> = [
    [
      'a body over 1 MiB',
      () => raw('Action=ListJobs&x=' + 'a'.repeat(1024 * 1024 + 10)),
      413,
      'RequestEntityTooLarge',
    ],
    ['bad percent-encoding', () => raw('Action=List%ZZJobs'), 400, 'MalformedQueryString'],
    ['a duplicated parameter', () => raw('Action=ListJobs&Action=ListJobs'), 400, 'MalformedQueryString'],
    ['no signature', () => raw('Action=ListJobs'), 403, 'MissingAuthenticationToken'],
    [
      'an unknown Version',
      () => raw(signedBody({ Action: 'ListJobs', Version: '2099-01-01' })),
      400,
      'InvalidParameterValue',
    ],
    ['no Action', () => raw(signedBody({})), 400, 'MissingAction'],
    ['an unknown Action', () => raw(signedBody({ Action: 'DeleteEverything' })), 400, 'InvalidAction'],
    ['PUT', () => raw('', { method: 'PUT' }), 405, 'MethodNotAllowed'],
    ['an unknown path', () => raw('', { path: '/nope' }), 404, 'InvalidAction'],
  ];
  it.each(bad)('answers %s with an error envelope', async (_name, send, status, code) => {
    const r = await send();
    expect(r.status).toBe(status);
    expect(parseErrorXml(r.text)?.code).toBe(code);
    // The server keeps serving.
    expect((await raw('', { method: 'GET' })).status).toBe(200);
  });

  it('answers an unexpected failure with 500 InternalFailure and keeps serving', async () => {
    const body = signedBody({ Action: 'ListJobs' });
    clockBroken = true;
    try {
      const r = await raw(body);
      expect(r.status).toBe(500);
      expect(parseErrorXml(r.text)).toMatchObject({ code: 'InternalFailure', type: 'Receiver' });
      expect(r.text).not.toContain('injected clock failure');
    } finally {
      clockBroken = false;
    }
    expect((await raw(signedBody({ Action: 'ListJobs' }))).status).toBe(200);
  });

  it('accepts a request without Version', async () => {
    const body = canonicalQueryString(
      signQueryRequest({
        host: new URL(svc.url).host,
        params: { Action: 'ListJobs' },
        accessKeyId: ONE.accessKeyId,
        secretAccessKey: ONE.secretAccessKey,
        now: new Date(nowMs),
      }),
    );
    expect((await raw(body)).status).toBe(200);
  });
});

describe('CreateJob', () => {
  const cases: Array<[string, QueryParams, string]> = [
    ['no Manifest', { Manifest: '' }, 'MissingParameterException'],
    ['a bad JobType', { JobType: 'Copy' }, 'InvalidParameterException'],
    ['a bad ValidateOnly', { ValidateOnly: 'maybe' }, 'InvalidParameterException'],
    ['an unknown APIVersion', { APIVersion: '9.9' }, 'InvalidVersionException'],
    ['a manifest that is not YAML', { Manifest: 'INVALID MANIFEST' }, 'MalformedManifestException'],
    [
      'another key in the manifest',
      { Manifest: manifest({ key: TWO.accessKeyId }) },
      'InvalidAccessKeyIdException',
    ],
    ['an unknown bucket', { Manifest: manifest({ bucket: 'nobody-has-this' }) }, 'NoSuchBucketException'],
    ["another account's bucket", { Manifest: manifest({ bucket: 'two-east' }) }, 'BucketPermissionException'],
    [
      'a cross-border return without customs',
      { Manifest: manifest({ bucket: 'one-sg' }) },
      'MissingCustomsException',
    ],
    ['buckets in two regions', { Manifest: manifest({ logBucket: 'one-west' }) }, 'MultipleRegionsException'],
  ];
  it.each(cases)('refuses %s', async (_name, params, code) => {
    const out = await call('CreateJob', {
      JobType: 'Import',
      Manifest: manifest(),
      ValidateOnly: 'false',
      ...params,
    });
    expect(errorCode(out)).toBe(code);
    if (!out.ok) expect(out.status).toBe(400);
  });

  it('counts an EBS operation region as one of the job regions', async () => {
    const ebs = (region: string) =>
      [
        'manifestVersion: 3.0',
        `accessKeyId: ${ONE.accessKeyId}`,
        'deviceId: SN-EBS',
        'logBucket: one-east',
        'eraseDevice: yes',
        'operations:',
        '  - destination: ebsSnapshot',
        '    source: device',
        `    region: ${region}`,
        'returnAddress:',
        '  name: Jane Roe',
        '  street1: 1 Main St',
        '  city: Seattle',
        '  stateOrProvince: WA',
        '  postalCode: 98101',
        '  phoneNumber: 206-555-1111',
        '  country: USA',
        '',
      ].join('\n');
    const same = await call('CreateJob', {
      JobType: 'Import',
      Manifest: ebs('us-east-1'),
      ValidateOnly: 'true',
    });
    expect(same.ok ? 'ok' : `${same.code} ${same.message}`).toBe('ok');
    const other = await call('CreateJob', {
      JobType: 'Import',
      Manifest: ebs('eu-west-1'),
      ValidateOnly: 'true',
    });
    expect(!other.ok && other.message).toMatch(
      /logBucket in us-east-1, operations\[0\]\.region in eu-west-1/,
    );
  });

  it("answers with the real service's messages", async () => {
    const missing = await call('CreateJob', { JobType: 'Import', ValidateOnly: 'false' });
    expect(!missing.ok && missing.message).toBe('Manifest must be specified');
    const malformed = await call('CreateJob', {
      JobType: 'Import',
      Manifest: 'INVALID MANIFEST',
      ValidateOnly: 'false',
    });
    expect(!malformed.ok && malformed.message).toBe('Your manifest is not well-formed');
  });

  it('refuses a dock command on a data dir with no endpoint store, creating nothing there', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-nodock-'));
    try {
      expect(() => openDock(empty)).toThrow(/No endpoint store in .*--data-dir/);
      expect(fs.readdirSync(empty)).toEqual([]);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('returns a 5-character id, the signature and the SIGNATURE file contents', async () => {
    const job = await create();
    expect(job.JobId).toMatch(/^[1-9A-NP-Z]{5}$/);
    expect(job.Signature).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    // protocol/xml trims element text; the wire carries the final newline too.
    expect(job.SignatureFileContents?.trimEnd()).toBe(
      `version:2.0\nsigningMethod:HmacSHA1\njobId:${job.JobId}\nsignature:${job.Signature}`,
    );
  });

  it('with ValidateOnly stores nothing and returns a -VALIDATE-ONLY id no other call accepts', async () => {
    const out = await call('CreateJob', { JobType: 'Import', Manifest: manifest(), ValidateOnly: 'true' });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.result.JobId).toMatch(/^[1-9A-NP-Z]{5}-VALIDATE-ONLY$/);
    const status = await call('GetStatus', { JobId: out.result.JobId });
    expect(!status.ok && status.message).toBe(`No such job ${out.result.JobId} for your account`);
  });
});

describe('daily quota (UTC day, injected clock)', () => {
  it('refuses the create past the quota and allows it again after 00:00 UTC', async () => {
    const saved = nowMs;
    nowMs = Date.UTC(2024, 6, 1, 23, 59, 0);
    try {
      await create({}, TWO);
      await create({}, TWO);
      await create({}, TWO);
      // Validate-only calls are not creates and are not refused.
      const validate = await call(
        'CreateJob',
        {
          JobType: 'Import',
          Manifest: manifest({ key: TWO.accessKeyId, bucket: 'two-east' }),
          ValidateOnly: 'true',
        },
        TWO,
      );
      expect(validate.ok).toBe(true);
      const fourth = await call(
        'CreateJob',
        {
          JobType: 'Import',
          Manifest: manifest({ key: TWO.accessKeyId, bucket: 'two-east' }),
          ValidateOnly: 'false',
        },
        TWO,
      );
      expect(errorCode(fourth)).toBe('CreateJobQuotaExceededException');
      nowMs = Date.UTC(2024, 6, 2, 0, 0, 0);
      const nextDay = await call(
        'CreateJob',
        {
          JobType: 'Import',
          Manifest: manifest({ key: TWO.accessKeyId, bucket: 'two-east' }),
          ValidateOnly: 'false',
        },
        TWO,
      );
      expect(nextDay.ok).toBe(true);
    } finally {
      nowMs = saved;
    }
  });
});

describe('GetStatus, ListJobs and the dock', () => {
  it('follows a job from creation to its return, recording every step', async () => {
    const job = await create();
    const dock = openDock(dir, { now: () => new Date(nowMs) });
    try {
      const status = async () => {
        const s = await call('GetStatus', { JobId: job.JobId.toLowerCase() });
        if (!s.ok) throw new Error(s.code);
        return s.result;
      };
      expect(await status()).toMatchObject({
        LocationCode: 'NotReceived',
        ProgressCode: 'Pending',
        ErrorCount: 0,
      });
      dock.receive(job.JobId);
      expect(await status()).toMatchObject({
        LocationCode: 'AtAWS',
        LocationMessage: 'Your device is at AWS.',
      });
      dock.start(job.JobId);
      expect(errorCode(await call('CancelJob', { JobId: job.JobId }))).toBe('UnableToCancelJobIdException');
      expect(
        errorCode(
          await call('UpdateJob', {
            JobId: job.JobId,
            JobType: 'Import',
            Manifest: manifest(),
            ValidateOnly: 'false',
          }),
        ),
      ).toBe('UnableToUpdateJobIdException');
      dock.finish(job.JobId, 'SuccessWithErrors', 2);
      const finished = await status();
      expect(finished).toMatchObject({
        ProgressCode: 'SuccessWithErrors',
        ErrorCount: 2,
        LogBucket: 'one-east',
        LogKey: `import-log-${job.JobId}`,
      });
      expect(finished.ProgressMessage).toContain(`import-log-${job.JobId} in the bucket one-east`);
      dock.returnDevice(job.JobId, { trackingNumber: '1Z12345E0205271688' });
      const returned = await status();
      expect(returned).toMatchObject({
        LocationCode: 'Returned',
        Carrier: 'UPS',
        TrackingNumber: '1Z12345E0205271688',
      });
      expect(returned.LocationMessage).toBe(
        'Your device has been returned. The UPS tracking number is 1Z12345E0205271688.',
      );
      expect(dock.history(job.JobId).map((e) => e.action)).toEqual([
        'create',
        'receive',
        'start',
        'finish',
        'return',
      ]);
      expect(() => dock.receive(job.JobId)).toThrow(
        /is Returned; `dock receive` needs a job that has not arrived yet/,
      );
    } finally {
      dock.close();
    }
  });

  it("hides another account's jobs behind the real service's message", async () => {
    const job = await create();
    const out = await call('GetStatus', { JobId: job.JobId }, TWO);
    expect(out).toMatchObject({
      ok: false,
      code: 'InvalidJobIdException',
      message: `No such job ${job.JobId} for your account`,
    });
    expect(errorCode(await call('CancelJob', { JobId: job.JobId }, TWO))).toBe('InvalidJobIdException');
  });

  it('cancels once; GetStatus then reports Canceled and ListJobs IsCanceled', async () => {
    const job = await create();
    expect(await call('CancelJob', { JobId: job.JobId })).toMatchObject({
      ok: true,
      result: { Success: true },
    });
    expect(errorCode(await call('CancelJob', { JobId: job.JobId }))).toBe('CanceledJobIdException');
    expect(await call('GetStatus', { JobId: job.JobId })).toMatchObject({
      ok: true,
      result: { ProgressCode: 'Canceled' },
    });
    const list = await call('ListJobs', { MaxJobs: '1000' });
    expect(list.ok && list.result.Jobs.find((j) => j.JobId === job.JobId)?.IsCanceled).toBe(true);
    expect(
      errorCode(
        await call('UpdateJob', {
          JobId: job.JobId,
          JobType: 'Import',
          Manifest: manifest(),
          ValidateOnly: 'false',
        }),
      ),
    ).toBe('CanceledJobIdException');
  });

  it('expires a job 30 days after creation with no device (computed on read)', async () => {
    const job = await create();
    // The clock only moves forward here: later tests keep creating jobs after this point.
    const createdMs = nowMs;
    nowMs = createdMs + JOB_EXPIRY_MS - 1000;
    expect(await call('GetStatus', { JobId: job.JobId })).toMatchObject({
      ok: true,
      result: { ProgressCode: 'Pending' },
    });
    nowMs = createdMs + JOB_EXPIRY_MS;
    expect(await call('GetStatus', { JobId: job.JobId })).toMatchObject({
      ok: true,
      result: { ProgressCode: 'Expired', ProgressMessage: 'The job expired.' },
    });
    expect(
      errorCode(
        await call('UpdateJob', {
          JobId: job.JobId,
          JobType: 'Import',
          Manifest: manifest(),
          ValidateOnly: 'false',
        }),
      ),
    ).toBe('ExpiredJobIdException');
    expect(errorCode(await call('CancelJob', { JobId: job.JobId }))).toBe('ExpiredJobIdException');
  });

  it('updates the manifest while Pending and gives the job a new signature', async () => {
    const job = await create();
    const updated = manifest({ device: 'SN-2' });
    const out = await call('UpdateJob', {
      JobId: job.JobId,
      JobType: 'Import',
      Manifest: updated,
      ValidateOnly: 'false',
    });
    expect(out).toMatchObject({ ok: true, result: { Success: true } });
    const status = await call('GetStatus', { JobId: job.JobId });
    expect(status.ok && status.result.CurrentManifest).toContain('deviceId: SN-2');
    expect(status.ok && status.result.Signature).not.toBe(job.Signature);
    expect(
      errorCode(
        await call('UpdateJob', {
          JobId: job.JobId,
          JobType: 'Export',
          Manifest: updated,
          ValidateOnly: 'false',
        }),
      ),
    ).not.toBe('ok');
  });

  it('pages ListJobs newest first with an exclusive Marker', async () => {
    const all = await call('ListJobs', {});
    if (!all.ok) throw new Error(all.code);
    const ids: string[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await call('ListJobs', {
        MaxJobs: '2',
        ...(marker ? { Marker: marker.toLowerCase() } : {}),
      });
      if (!page.ok) throw new Error(page.code);
      ids.push(...page.result.Jobs.map((j) => j.JobId));
      if (!page.result.IsTruncated) break;
      marker = page.result.Jobs.at(-1)?.JobId;
    }
    expect(ids).toEqual(all.result.Jobs.map((j) => j.JobId));
    expect(new Set(ids).size).toBe(ids.length);
    const dates = all.result.Jobs.map((j) => j.CreationDate);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(errorCode(await call('ListJobs', { Marker: 'ZZZZZ' }))).toBe('InvalidParameterException');
    expect(errorCode(await call('ListJobs', { MaxJobs: '1001' }))).toBe('InvalidParameterException');
    expect(errorCode(await call('ListJobs', { MaxJobs: '-1' }))).toBe('InvalidParameterException');
  });
});

describe('GetShippingLabel', () => {
  const address = {
    name: 'Jane Roe',
    company: 'Example Corp.',
    street1: '1 Main St',
    city: 'Seattle',
    stateOrProvince: 'WA',
    country: 'USA',
    postalCode: '98101',
    phoneNumber: '206-555-1111',
  };

  it('refuses a PO box, a missing field, and no job ids', async () => {
    const job = await create();
    const ids = encodeList('jobIds', [job.JobId]);
    expect(errorCode(await call('GetShippingLabel', { ...ids, ...address, street1: 'PO Box 12' }))).toBe(
      'InvalidAddressException',
    );
    expect(errorCode(await call('GetShippingLabel', { ...ids, ...address, phoneNumber: '' }))).toBe(
      'InvalidAddressException',
    );
    expect(errorCode(await call('GetShippingLabel', { ...address }))).toBe('InvalidParameterException');
  });

  it('returns an unguessable label URL the endpoint serves', async () => {
    const a = await create();
    const b = await create();
    const out = await call('GetShippingLabel', {
      ...encodeList('jobIds', [a.JobId, b.JobId.toLowerCase()]),
      ...address,
    });
    if (!out.ok) throw new Error(`${out.code} ${out.message}`);
    expect(out.result.ShippingLabelURL).toMatch(new RegExp(`^${svc.url}/labels/[0-9a-f-]{36}\\.pdf$`));
    const res = await fetch(out.result.ShippingLabelURL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await fetch(`${svc.url}/labels/00000000-0000-4000-8000-000000000000.pdf`)).status).toBe(404);
  });
});

describe('restart', () => {
  it('keeps the demo account and answered jobs across restarts', async () => {
    const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-demo-'));
    try {
      const first = await startService({ dataDir: demoDir });
      const account = first.accounts[0] as AccountConfig;
      expect(account.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
      expect(account.secretAccessKey).toHaveLength(40);
      expect(fs.statSync(path.join(demoDir, 'demo-account.json')).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.join(demoDir, 'endpoint-secret')).mode & 0o777).toBe(0o600);
      await first.close();
      const second = await startService({ dataDir: demoDir });
      expect(second.accounts[0]).toEqual(account);
      expect(readDemoAccount(demoDir)).toEqual(account);
      await second.close();
    } finally {
      fs.rmSync(demoDir, { recursive: true, force: true });
    }
  });
});
