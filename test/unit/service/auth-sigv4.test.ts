import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AWS from 'aws-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseErrorXml, parseResponseXml } from '../../../electron/protocol/xml';
import { startService, type RunningService } from '../../../electron/service/index';
import type { AccountConfig } from '../../../electron/service/types';

const ACCOUNT: AccountConfig = {
  accessKeyId: 'AKIAV4V4V4V4V4V4V4V4',
  secretAccessKey: 'secret-v4-secret-v4-secret-v4-secret-v4x',
  buckets: [{ name: 'v4-bucket', region: 'us-east-1' }],
};
const NOW = new Date('2024-03-01T10:00:00Z');

// The SDK exports its signers at runtime but not in its typings.
const V4Signer = (
  AWS as unknown as {
    Signers: {
      V4: new (
        request: AWS.HttpRequest,
        service: string,
      ) => { addAuthorization(credentials: AWS.Credentials, date: Date): void };
    };
  }
).Signers.V4;

let dir: string;
let svc: RunningService;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-sigv4-'));
  svc = await startService({ dataDir: dir, config: { accounts: [ACCOUNT] }, now: () => NOW });
});
afterAll(async () => {
  await svc?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Signs with the AWS SDK v2's own SigV4 signer (independent of service/auth-sigv4), as the C++ SDK would. */
async function sendV4(
  body: string,
  opts: { secret?: string; service?: string; at?: Date; pathAndQuery?: string; sentBody?: string } = {},
) {
  const endpoint = new AWS.Endpoint(svc.url);
  const request = new AWS.HttpRequest(endpoint, 'us-east-1');
  request.method = 'POST';
  request.path = opts.pathAndQuery ?? '/';
  request.body = body;
  request.headers['Content-Type'] = 'application/x-www-form-urlencoded; charset=utf-8';
  request.headers.Host = endpoint.host;
  const signer = new V4Signer(request, opts.service ?? 'importexport');
  signer.addAuthorization(
    new AWS.Credentials({
      accessKeyId: ACCOUNT.accessKeyId,
      secretAccessKey: opts.secret ?? ACCOUNT.secretAccessKey,
    }),
    opts.at ?? NOW,
  );
  const headers = { ...request.headers };
  delete headers.Host;
  const res = await fetch(svc.url + request.path, { method: 'POST', headers, body: opts.sentBody ?? body });
  return { status: res.status, text: await res.text() };
}

describe('SigV4 (optional second path)', () => {
  it('accepts a request signed by an independent SigV4 signer, also on /?Operation=X', async () => {
    const r = await sendV4('Action=ListJobs&Version=2010-06-01');
    expect(r.status).toBe(200);
    expect(parseResponseXml('ListJobs', r.text).result.Jobs).toEqual([]);
    const q = await sendV4('Action=ListJobs&Version=2010-06-01', { pathAndQuery: '/?Operation=ListJobs' });
    expect(q.status).toBe(200);
  });

  it("accepts botocore's scope name IngestionService as well as importexport", async () => {
    const r = await sendV4('Action=ListJobs&Version=2010-06-01', { service: 'IngestionService' });
    expect(r.status).toBe(200);
  });

  it.each([
    ['a wrong secret', { secret: 'x'.repeat(40) }, 403, 'SignatureDoesNotMatch'],
    ['another service scope', { service: 'ec2' }, 403, 'SignatureDoesNotMatch'],
    [
      'a body changed after signing',
      { sentBody: 'Action=ListJobs&Version=2010-06-03' },
      403,
      'SignatureDoesNotMatch',
    ],
    ['a clock 20 minutes off', { at: new Date(NOW.getTime() + 20 * 60_000) }, 400, 'RequestExpired'],
  ] as const)('refuses %s', async (_name, opts, status, code) => {
    const r = await sendV4('Action=ListJobs&Version=2010-06-01', opts);
    expect(r.status).toBe(status);
    expect(parseErrorXml(r.text)?.code).toBe(code);
  });
});
