/**
 * The endpoint on the wire, with node:http and hand-signed requests: envelopes, the request forms older
 * clients used (reference 5.1, 11), and every authentication failure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_A,
  formBody,
  manifest,
  postSigned,
  sendRaw,
  signParams,
  signedRequest,
  startTestService,
  type RawResponse,
  type TestService,
} from '../../helpers/service';
import { XML_NAMESPACE } from '../../../electron/protocol/api';
import { parseErrorXml, parseResponseXml } from '../../../electron/protocol/xml';
import { parseQueryString } from '../../../electron/protocol/query';

let service: TestService;
let jobId: string;

const UUIDISH = /^[0-9A-Za-z-]{8,}$/;
const NS = XML_NAMESPACE.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

beforeAll(async () => {
  service = await startTestService();
  const res = await postSigned(service, ACCOUNT_A, {
    Action: 'CreateJob',
    JobType: 'Import',
    Manifest: manifest('s3-import'),
    ValidateOnly: 'false',
  });
  expect(res.status).toBe(200);
  jobId = parseResponseXml('CreateJob', res.body).result.JobId;
});
afterAll(async () => {
  await service?.close();
});

function expectOk(res: RawResponse, operation: string): void {
  expect(res.status, res.body).toBe(200);
  expect(res.body).toMatch(new RegExp(`<${operation}Response xmlns="${NS}">\\s*<${operation}Result>`));
}

function expectError(res: RawResponse, status: number, code: string): string {
  expect(res.status, res.body).toBe(status);
  const err = parseErrorXml(res.body);
  expect(err, res.body).toBeDefined();
  expect(err?.code).toBe(code);
  expect(err?.type).toBe(status >= 500 ? 'Receiver' : 'Sender');
  expect(err?.message.length).toBeGreaterThan(0);
  return err?.message ?? '';
}

describe('envelopes', () => {
  it('wraps results in <OpResponse><OpResult> with ResponseMetadata/RequestId and the header', async () => {
    const res = await postSigned(service, ACCOUNT_A, { Action: 'GetStatus', JobId: jobId });
    expectOk(res, 'GetStatus');
    expect(res.headers['content-type']).toMatch(/xml/);
    const m =
      /<\/GetStatusResult>\s*<ResponseMetadata>\s*<RequestId>([^<]+)<\/RequestId>\s*<\/ResponseMetadata>\s*<\/GetStatusResponse>/.exec(
        res.body,
      );
    expect(m, res.body).not.toBeNull();
    expect(m?.[1]).toMatch(UUIDISH);
    expect(res.headers['x-amzn-requestid']).toBe(m?.[1]);
    const parsed = parseResponseXml('GetStatus', res.body);
    expect(parsed.result.JobId).toBe(jobId);
    expect(parsed.requestId).toBe(m?.[1]);
  });

  it('puts RequestId beside Error in the error envelope, and in the header', async () => {
    const res = await postSigned(service, ACCOUNT_A, { Action: 'GetStatus', JobId: 'ZZZZ9' });
    expect(res.status).toBe(400);
    expect(res.body).toMatch(
      new RegExp(
        `<ErrorResponse xmlns="${NS}">\\s*<Error>\\s*<Type>Sender</Type>\\s*<Code>InvalidJobIdException</Code>\\s*<Message>No such job ZZZZ9 for your account</Message>\\s*</Error>\\s*<RequestId>([^<]+)</RequestId>\\s*</ErrorResponse>`,
      ),
    );
    const err = parseErrorXml(res.body);
    expect(res.headers['x-amzn-requestid']).toBe(err?.requestId);
  });

  it('gives each request its own RequestId', async () => {
    const r1 = await postSigned(service, ACCOUNT_A, { Action: 'ListJobs' });
    const r2 = await postSigned(service, ACCOUNT_A, { Action: 'ListJobs' });
    expect(r1.headers['x-amzn-requestid']).toBeTruthy();
    expect(r1.headers['x-amzn-requestid']).not.toBe(r2.headers['x-amzn-requestid']);
  });
});

describe('request forms', () => {
  it('accepts HmacSHA1 signatures', async () => {
    const res = await postSigned(
      service,
      ACCOUNT_A,
      { Action: 'GetStatus', JobId: jobId },
      { signatureMethod: 'HmacSHA1' },
    );
    expectOk(res, 'GetStatus');
  });

  it('accepts POST /?Operation=CreateJob with Action in the body (model-driven clients)', async () => {
    const res = await postSigned(
      service,
      ACCOUNT_A,
      { Action: 'CreateJob', JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: 'false' },
      { tamper: (req) => void (req.path = '/?Operation=CreateJob') },
    );
    expectOk(res, 'CreateJob');
  });

  it('takes the operation from /?Operation=X alone, whether or not the signer included it (reference 5.2)', async () => {
    const body = { JobId: jobId };
    const withUri = await postSigned(
      service,
      ACCOUNT_A,
      { ...body, Operation: 'GetStatus' },
      {
        tamper: (req) => {
          const q = parseQueryString(String(req.body)).params;
          delete q.Operation;
          req.body = formBody(q);
          req.path = '/?Operation=GetStatus';
        },
      },
    );
    expectOk(withUri, 'GetStatus');
    const withoutUri = await postSigned(service, ACCOUNT_A, body, {
      tamper: (req) => void (req.path = '/?Operation=GetStatus'),
    });
    expectOk(withoutUri, 'GetStatus');
  });

  it('refuses Timestamp and Expires together', async () => {
    const q = signParams(
      service,
      ACCOUNT_A,
      { Action: 'ListJobs' },
      { expires: new Date(Date.now() + 60_000) },
    );
    const req = signedRequest(service, ACCOUNT_A, { Action: 'ListJobs' });
    req.body = formBody({ ...q, Timestamp: new Date().toISOString() });
    const res = await sendRaw(service, req);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(parseErrorXml(res.body)).toBeDefined();
  });

  it('accepts Operation= without Action and without Version (the 2010 Ruby client)', async () => {
    const res = await postSigned(
      service,
      ACCOUNT_A,
      { Operation: 'GetStatus', JobId: jobId },
      { version: false },
    );
    expectOk(res, 'GetStatus');
  });

  it('accepts no Version and Version=2010-06-03', async () => {
    expectOk(await postSigned(service, ACCOUNT_A, { Action: 'ListJobs' }, { version: false }), 'ListJobs');
    expectOk(await postSigned(service, ACCOUNT_A, { Action: 'ListJobs', Version: '2010-06-03' }), 'ListJobs');
  });

  it('ignores parameters it does not know (DG samples send JobType with GetStatus)', async () => {
    expectOk(
      await postSigned(service, ACCOUNT_A, { Action: 'GetStatus', JobId: jobId, JobType: 'Import' }),
      'GetStatus',
    );
  });

  it('answers 400 for an unknown Action, naming it', async () => {
    const message = expectError(
      await postSigned(service, ACCOUNT_A, { Action: 'DeleteEverything' }),
      400,
      'InvalidAction',
    );
    expect(message).toContain('DeleteEverything');
  });

  it('answers 400 when no Action or Operation is given', async () => {
    const res = await postSigned(service, ACCOUNT_A, { JobId: jobId });
    expect(res.status).toBe(400);
    expect(['MissingAction', 'InvalidAction']).toContain(parseErrorXml(res.body)?.code);
  });
});

describe('authentication', () => {
  const params = { Action: 'GetStatus', JobId: '' };
  const p = () => ({ ...params, JobId: jobId });

  it('rejects a tampered signature with 403 SignatureDoesNotMatch', async () => {
    const res = await postSigned(service, ACCOUNT_A, p(), {
      tamper: (req) => {
        const q = parseQueryString(String(req.body)).params;
        const sig = q.Signature ?? '';
        q.Signature = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
        req.body = formBody(q);
      },
    });
    expectError(res, 403, 'SignatureDoesNotMatch');
  });

  it('rejects a body changed after signing with 403 SignatureDoesNotMatch', async () => {
    const res = await postSigned(service, ACCOUNT_A, p(), {
      tamper: (req) => {
        const q = parseQueryString(String(req.body)).params;
        q.JobId = 'ZZZZ9';
        req.body = formBody(q);
      },
    });
    expectError(res, 403, 'SignatureDoesNotMatch');
  });

  it('rejects a request signed for another host:port with 403 SignatureDoesNotMatch', async () => {
    const url = new URL(service.url);
    const otherPort = `${url.hostname}:${Number(url.port) + 1}`;
    expectError(await postSigned(service, ACCOUNT_A, p(), { host: otherPort }), 403, 'SignatureDoesNotMatch');
    // The same request is accepted when the Host header says what was signed: the check uses the Host received.
    const req = signedRequest(service, ACCOUNT_A, p(), { host: otherPort });
    req.headers.host = otherPort;
    expectOk(await sendRaw(service, req), 'GetStatus');
  });

  it('rejects a request signed with the wrong secret', async () => {
    const res = await postSigned(
      service,
      { accessKeyId: ACCOUNT_A.accessKeyId, secretAccessKey: 'x'.repeat(40) },
      p(),
    );
    expectError(res, 403, 'SignatureDoesNotMatch');
  });

  it('rejects an unknown access key with 403', async () => {
    const res = await postSigned(
      service,
      { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'y'.repeat(40) },
      p(),
    );
    expect(res.status).toBe(403);
    expect(['InvalidClientTokenId', 'InvalidClientTokenIdException']).toContain(
      parseErrorXml(res.body)?.code,
    );
    expect(res.headers['x-amzn-requestid']).toBeTruthy();
  });

  it('rejects an old Timestamp with 400 RequestExpired', async () => {
    const res = await postSigned(service, ACCOUNT_A, p(), { now: new Date(Date.now() - 60 * 60 * 1000) });
    expectError(res, 400, 'RequestExpired');
  });

  it('rejects a Timestamp far in the future with 400 RequestExpired', async () => {
    const res = await postSigned(service, ACCOUNT_A, p(), { now: new Date(Date.now() + 60 * 60 * 1000) });
    expectError(res, 400, 'RequestExpired');
  });

  it('accepts a future Expires and rejects a past one with 400 RequestExpired', async () => {
    expectOk(
      await postSigned(service, ACCOUNT_A, p(), { expires: new Date(Date.now() + 5 * 60 * 1000) }),
      'GetStatus',
    );
    expectError(
      await postSigned(service, ACCOUNT_A, p(), { expires: new Date(Date.now() - 60 * 1000) }),
      400,
      'RequestExpired',
    );
  });

  it('rejects a request without Signature with 403 MissingAuthenticationToken', async () => {
    const q = signParams(service, ACCOUNT_A, p());
    delete q.Signature;
    const req = signedRequest(service, ACCOUNT_A, p());
    req.body = formBody(q);
    expectError(await sendRaw(service, req), 403, 'MissingAuthenticationToken');
  });

  it('rejects a request without AWSAccessKeyId with 403 MissingAuthenticationToken', async () => {
    const q = signParams(service, ACCOUNT_A, p());
    delete q.AWSAccessKeyId;
    const req = signedRequest(service, ACCOUNT_A, p());
    req.body = formBody(q);
    expectError(await sendRaw(service, req), 403, 'MissingAuthenticationToken');
  });

  it('never echoes the secret key in an auth error', async () => {
    const res = await postSigned(service, ACCOUNT_A, p(), { host: 'example.com:1' });
    expect(res.body).not.toContain(ACCOUNT_A.secretAccessKey);
    expect(JSON.stringify(res.headers)).not.toContain(ACCOUNT_A.secretAccessKey);
  });
});
