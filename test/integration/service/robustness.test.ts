/**
 * Over a thousand malformed requests and manifests against the embedded endpoint. Each must get an XML
 * answer below 500 (most must be a 4xx ErrorResponse), the server must keep serving, and a normal
 * GetStatus must still answer at the end. Cases come from a seeded PRNG: a failure prints its case
 * name and seed, and `ROBUSTNESS_SEED=<n>` replays the same run.
 */
import { appendFileSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_A,
  formBody,
  manifestFor,
  manifestText,
  sendRaw,
  signParams,
  signedRequest,
  startTestService,
  type ManifestKind,
  type ManifestObject,
  type RawRequest,
  type TestService,
} from '../../helpers/service';
import { parseErrorXml, parseXml } from '../../../electron/protocol/xml';
import { OPERATIONS } from '../../../electron/protocol/api';
import type { QueryParams } from '../../../electron/protocol/query';

const SEED = Number(process.env.ROBUSTNESS_SEED ?? 20100601);
/** `ROBUSTNESS_TRACE=file` logs each case name before sending it, one at a time, to find a crasher. */
const TRACE_FILE = process.env.ROBUSTNESS_TRACE;
const CONCURRENCY = TRACE_FILE ? 1 : 8;
const HUGE_FIELD_BYTES = 10 * 1024 * 1024;

/** mulberry32: tiny, fast, and good enough to spread cases; reproducible from one 32-bit seed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(SEED);
const int = (n: number): number => Math.floor(rand() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
const randomBytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => int(256)));
const ALPHABETS = [
  'abcdefghijklmnopqrstuvwxyz0123456789',
  ' :-#&%=+\n\t\'"{}[],|>*!?@`\\',
  'ÄéøßЖж中文日本語🙂\u200b\u202e',
  '\u0000\u0001\u0007\u001b\u007f',
];
function randomString(maxLength: number): string {
  const alphabet = Array.from(pick(ALPHABETS));
  return Array.from({ length: 1 + int(maxLength) }, () => pick(alphabet)).join('');
}

type Expectation = 'error' | 'no-server-fault';
interface Case {
  name: string;
  req: RawRequest;
  expect: Expectation;
}

let service: TestService;
let jobId: string;

beforeAll(async () => {
  // A high quota so manifests keep reaching validation instead of stopping at the daily limit.
  service = await startTestService({ config: { createJobDailyQuota: 100_000 } });
  const req = signedRequest(service, ACCOUNT_A, {
    Action: 'CreateJob',
    JobType: 'Import',
    Manifest: manifestText(manifestFor('s3-import')),
    ValidateOnly: 'false',
  });
  const res = await sendRaw(service, req);
  expect(res.status, res.body).toBe(200);
  jobId = /<JobId>([^<]+)<\/JobId>/.exec(res.body)?.[1] ?? '';
  expect(jobId).not.toBe('');
});
afterAll(async () => {
  await service?.close();
});

function signed(params: QueryParams, expectation: Expectation, name: string): Case {
  return { name, req: signedRequest(service, ACCOUNT_A, params), expect: expectation };
}

function unsignedBody(body: string | Buffer, name: string): Case {
  return {
    name,
    req: {
      method: 'POST',
      path: '/',
      headers: { host: new URL(service.url).host, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    },
    expect: 'error',
  };
}

const KINDS: readonly ManifestKind[] = ['s3-import', 's3-export', 'ebs-import', 'glacier-import'];
const jobTypeOf = (kind: ManifestKind) => (kind === 's3-export' ? 'Export' : 'Import');

function createJob(manifest: string, kind: ManifestKind = 's3-import'): QueryParams {
  return { Action: 'CreateJob', JobType: jobTypeOf(kind), Manifest: manifest, ValidateOnly: 'false' };
}

function baseParams(): QueryParams[] {
  const kind = pick(KINDS);
  return [
    createJob(manifestText(manifestFor(kind)), kind),
    { Action: 'GetStatus', JobId: jobId },
    { Action: 'ListJobs', MaxJobs: '5' },
    {
      Action: 'UpdateJob',
      JobId: jobId,
      JobType: 'Import',
      Manifest: manifestText(manifestFor('s3-import')),
      ValidateOnly: 'true',
    },
    { Action: 'CancelJob', JobId: 'ZZZZ9' },
    {
      Action: 'GetShippingLabel',
      'jobIds.member.1': jobId,
      name: 'Jane Roe',
      street1: '1 Main St',
      city: 'Anytown',
      country: 'USA',
      postalCode: '91011',
      phoneNumber: '206-555-1111',
      stateOrProvince: 'WA',
    },
  ];
}

const REQUIRED: Record<ManifestKind, string[]> = {
  's3-import': ['manifestVersion', 'accessKeyId', 'deviceId', 'returnAddress', 'bucket'],
  's3-export': [
    'manifestVersion',
    'accessKeyId',
    'deviceId',
    'returnAddress',
    'logBucket',
    'fileSystem',
    'operations',
  ],
  'ebs-import': [
    'manifestVersion',
    'accessKeyId',
    'deviceId',
    'returnAddress',
    'logBucket',
    'operations',
    'eraseDevice',
  ],
  'glacier-import': [
    'manifestVersion',
    'accessKeyId',
    'deviceId',
    'returnAddress',
    'logBucket',
    'operations',
    'eraseDevice',
  ],
};

function nested(depth: number): ManifestObject {
  let v: ManifestObject = { leaf: 'x' };
  for (let i = 0; i < depth; i++) v = { n: v };
  return v;
}

/** `k:` lines, each indented one step deeper than the last. */
function deepBlock(depth: number, indent = 0): string {
  return Array.from({ length: depth }, (_, d) => ' '.repeat(indent + d) + 'k:').join('\n');
}

function randomValue(): unknown {
  switch (int(9)) {
    case 0:
      return int(1_000_000) - 500_000;
    case 1:
      return [randomString(10), int(10)];
    case 2:
      return { [randomString(5)]: randomString(5) };
    case 3:
      return null;
    case 4:
      return '';
    case 5:
      return randomString(5000);
    case 6:
      return rand() < 0.5;
    case 7:
      return nested(5 + int(50));
    default:
      return randomString(30);
  }
}

function generateCases(): Case[] {
  const cases: Case[] = [];
  const host = new URL(service.url).host;

  // 1. Random bytes as the body (150).
  for (let i = 0; i < 150; i++) cases.push(unsignedBody(randomBytes(1 + int(2000)), `random-bytes#${i}`));

  // 2. Bad percent-encoding injected into a correctly signed body (100).
  const BAD_ESCAPES = ['%', '%G1', '%4', '%zz', '%C3%28', '%FF%FE', '%E0%80%AF', '%ED%A0%80', '%%', '%u0041'];
  for (let i = 0; i < 100; i++) {
    const body = formBody(signParams(service, ACCOUNT_A, pick(baseParams())));
    const at = int(body.length);
    cases.push(unsignedBody(body.slice(0, at) + pick(BAD_ESCAPES) + body.slice(at), `bad-percent#${i}`));
  }

  // 3. Huge fields (10 MB), signed and unsigned (4).
  const huge = 'a'.repeat(HUGE_FIELD_BYTES);
  cases.push(signed(createJob(huge), 'error', 'huge-manifest'));
  cases.push(signed({ Action: 'GetStatus', JobId: huge }, 'error', 'huge-job-id'));
  cases.push(
    signed(
      createJob(manifestText({ ...manifestFor('s3-import'), deviceId: huge })),
      'error',
      'huge-device-id',
    ),
  );
  cases.push(unsignedBody(randomBytes(HUGE_FIELD_BYTES), 'huge-random-body'));

  // 4. Deeply nested YAML (20): block maps, flow sequences and flow maps.
  for (let i = 0; i < 20; i++) {
    const depth = 200 + int(20_000);
    const variants = [
      () => '['.repeat(depth) + ']'.repeat(depth),
      () => '{a: '.repeat(depth) + '1' + '}'.repeat(depth),
      // Block nesting costs depth² bytes of indentation; 400 levels stay under the body cap.
      () => deepBlock(Math.min(depth, 400)) + ' v',
      () => {
        const { returnAddress: _r, ...rest } = manifestFor('s3-import');
        return `${manifestText(rest)}returnAddress:\n${deepBlock(Math.min(depth, 400), 2)} v`;
      },
      () => '- '.repeat(Math.min(depth, 5000)) + 'x',
    ];
    cases.push(signed(createJob(pick(variants)()), 'error', `nested-yaml#${i}`));
  }

  // 5. YAML alias bombs (10): billion laughs at the top, inside returnAddress, and as the bucket.
  for (let i = 0; i < 10; i++) {
    const levels = 9 + int(6);
    const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let l = 1; l < levels; l++) {
      lines.push(`a${l}: &a${l} [${Array.from({ length: 10 }, () => `*a${l - 1}`).join(',')}]`);
    }
    const bomb = lines.join('\n');
    const variants = [
      `${bomb}\nmanifestVersion: 2.0\nbucket: *a${levels - 1}\n`,
      `${manifestText(manifestFor('s3-import')).replace(/^bucket: .*$/m, '')}${bomb}\nbucket: *a${levels - 1}\n`,
      `${bomb}\nreturnAddress: *a${levels - 1}\n`,
      `x: &x {a: *x}\n`,
    ];
    cases.push(signed(createJob(variants[i % variants.length] as string), 'error', `alias-bomb#${i}`));
  }

  // 6. Duplicate parameters (60): whichever copy a server keeps, the request is still wrong.
  const DUPLICATES: Array<[QueryParams, string]> = [
    [{ Action: 'GetStatus', JobId: 'ZZZZ9' }, 'JobId=ZZZZ8'],
    [{ Action: 'ListJobs', MaxJobs: '5000' }, 'MaxJobs=abc'],
    [{ Action: 'NoSuchAction' }, 'Action=AlsoNotAnAction'],
    [
      { Action: 'CreateJob', JobType: 'Bogus', Manifest: 'INVALID MANIFEST', ValidateOnly: 'false' },
      'JobType=Nope',
    ],
    [{ Action: 'CancelJob', JobId: 'ZZZZ9' }, 'JobId=ZZZZ7'],
  ];
  for (let i = 0; i < 60; i++) {
    const [params, extra] = pick(DUPLICATES);
    const body = formBody(signParams(service, ACCOUNT_A, params));
    cases.push(unsignedBody(rand() < 0.5 ? `${body}&${extra}` : `${extra}&${body}`, `duplicate#${i}`));
  }

  // 7. Wrong types in correctly signed requests (80).
  const WRONG: QueryParams[] = [
    ...['abc', '1.5', '-5', '99999999999999999999', '0x10', 'NaN', 'Infinity', '1001', '١٠'].map(
      (MaxJobs) => ({ Action: 'ListJobs', MaxJobs }),
    ),
    ...['maybe', '2', 'null', 'tru', '[]'].map((ValidateOnly) => ({
      ...createJob(manifestText(manifestFor('s3-import'))),
      ValidateOnly,
    })),
    ...['Transfer', '123', 'ImportExport', ''].map((JobType) => ({
      ...createJob(manifestText(manifestFor('s3-import'))),
      JobType,
    })),
    ...[
      '',
      'A',
      '!!!!!',
      'x'.repeat(300),
      '\u0000\u0000',
      '../../etc/passwd',
      "' OR 1=1 --",
      'ZZZZ9-VALIDATE-ONLY',
    ].map((JobId) => ({ Action: 'GetStatus', JobId })),
    { Action: 'GetShippingLabel', jobIds: jobId },
    { Action: 'GetShippingLabel', 'jobIds.member.0': jobId },
    { Action: 'GetShippingLabel', 'jobIds.member.x': jobId },
    { Action: 'UpdateJob', JobId: jobId, JobType: 'Import', ValidateOnly: 'false' },
    { Action: 'CreateJob', JobType: 'Import', ValidateOnly: 'false', Manifest: '' },
    { Action: 'CreateJob', JobType: 'Import', ValidateOnly: 'false', Manifest: '\u0000\u0001\u0002' },
    { Action: 'CreateJob', JobType: 'Import', ValidateOnly: 'false', Manifest: '---\n...\n---\n' },
    { Action: 'CreateJob', JobType: 'Import', ValidateOnly: 'false', Manifest: '- a\n- b\n' },
    { Action: 'CreateJob', JobType: 'Import', ValidateOnly: 'false', Manifest: '"just a string"' },
    { Action: 'CreateJob', JobType: 'Import', ValidateOnly: 'false', Manifest: '12345' },
    { Action: 'CreateJob', JobType: 'Import', ValidateOnly: 'false', Manifest: '!!binary aGVsbG8=' },
    {
      Action: 'CreateJob',
      JobType: 'Import',
      ValidateOnly: 'false',
      Manifest: 'a: !!js/function "function(){}"',
    },
    {
      Action: 'CreateJob',
      JobType: 'Import',
      ValidateOnly: 'false',
      Manifest: '<<: {a: 1}\n__proto__: {polluted: yes}\n',
    },
  ];
  for (let i = 0; i < 80; i++)
    cases.push(signed(WRONG[i % WRONG.length] as QueryParams, 'error', `wrong-type#${i}`));

  // 8. Manifests with a required field removed or replaced by the wrong shape (200).
  for (let i = 0; i < 200; i++) {
    const kind = pick(KINDS);
    const m = manifestFor(kind);
    const field = pick(REQUIRED[kind]);
    const how = int(4);
    if (how === 0) delete m[field];
    else if (how === 1) m[field] = [randomString(8), randomString(8)];
    else if (how === 2) m[field] = { [randomString(6)]: randomString(6), other: int(100) };
    else m[field] = nested(3 + int(20));
    cases.push(signed(createJob(manifestText(m), kind), 'error', `manifest-${kind}-${field}-${how}#${i}`));
  }

  // 9. Manifests with random values in random places (150): may be valid, must never be a fault.
  for (let i = 0; i < 150; i++) {
    const kind = pick(KINDS);
    const m = manifestFor(kind);
    const keys = Object.keys(m);
    const target = int(3);
    if (target === 0) m[pick(keys)] = randomValue();
    else if (target === 1)
      m.returnAddress = {
        ...(m.returnAddress as object),
        [pick(['name', 'street1', 'city', 'postalCode', 'country', 'phoneNumber', 'stateOrProvince'])]:
          randomValue(),
      };
    else m[randomString(12)] = randomValue();
    cases.push(signed(createJob(manifestText(m), kind), 'no-server-fault', `manifest-random#${i}`));
  }

  // 10. Random mutations of valid requests, signed after mutating so they reach the handlers (250).
  for (let i = 0; i < 250; i++) {
    const params = { ...pick(baseParams()) };
    const mutations = 1 + int(3);
    const applied: string[] = [];
    for (let k = 0; k < mutations; k++) {
      const keys = Object.keys(params);
      const key = pick(keys);
      switch (int(7)) {
        case 0:
          delete params[key];
          applied.push(`drop ${key}`);
          break;
        case 1:
          params[key] = randomString(40);
          applied.push(`random ${key}`);
          break;
        case 2:
          params[randomString(10)] = randomString(10);
          applied.push('extra param');
          break;
        case 3:
          params.Action = pick([...OPERATIONS, 'Bogus', '']);
          applied.push(`action ${params.Action}`);
          break;
        case 4: {
          const v = params[key] ?? '';
          const at = int(v.length + 1);
          params[key] = v.slice(0, at) + randomString(4) + v.slice(at + 1);
          applied.push(`splice ${key}`);
          break;
        }
        case 5: {
          const v = params[key] ?? '';
          params[key] = v.slice(0, int(v.length + 1));
          applied.push(`truncate ${key}`);
          break;
        }
        default: {
          const v = params.Manifest;
          if (v !== undefined) {
            const lines = v.split('\n');
            lines.splice(int(lines.length), 0, `${randomString(8)}: ${randomString(12)}`);
            params.Manifest = lines.join('\n');
            applied.push('manifest line');
          }
        }
      }
    }
    cases.push(signed(params, 'no-server-fault', `mutation#${i} (${applied.join(', ')})`));
  }

  // 11. `ignore` lists of hostile Java regular expressions (60): compiled at CreateJob, never a fault.
  const NASTY_PATTERNS = [
    '(a+)+$',
    'a{1000}{1000}',
    '((a{100}){100}){100}',
    '(?<=a)b',
    '\\p{L}',
    '[',
    '(',
    '\\',
    '(?i)(?x)a',
    'a**',
    'a++b',
    '\\Qa.b\\E',
    '[a-\\d]',
    '(?<name>a)\\k<name>',
    '\\1',
    '(' + '('.repeat(2000) + 'a' + ')'.repeat(2000) + ')',
    'x'.repeat(50_000),
  ];
  for (let i = 0; i < 60; i++) {
    const m = manifestFor('s3-import');
    m.ignore = Array.from({ length: 1 + int(4) }, () =>
      rand() < 0.7 ? pick(NASTY_PATTERNS) : randomString(20),
    );
    cases.push(signed(createJob(manifestText(m)), 'no-server-fault', `ignore-patterns#${i}`));
  }

  // 12. Other methods, content types and paths (20).
  const OTHER: RawRequest[] = [
    // GET / with no query is the endpoint's plain-text info page, so it is not among these.
    { method: 'GET', path: '/?Action=GetStatus&JobId=ZZZZ9', headers: { host }, body: '' },
    { method: 'PUT', path: '/', headers: { host }, body: 'Action=ListJobs' },
    { method: 'DELETE', path: '/', headers: { host }, body: '' },
    {
      method: 'POST',
      path: '/',
      headers: { host, 'content-type': 'application/json' },
      body: '{"Action":"ListJobs"}',
    },
    { method: 'POST', path: '/', headers: { host, 'content-type': 'text/xml' }, body: '<ListJobs/>' },
    {
      method: 'POST',
      path: '/',
      headers: { host, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    },
    {
      method: 'POST',
      path: '/?Action=%ZZ',
      headers: { host, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    },
    {
      method: 'POST',
      path: '/nope/../../etc/passwd',
      headers: { host, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListJobs',
    },
    {
      method: 'POST',
      path: '/',
      headers: { host, 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip' },
      body: randomBytes(64),
    },
    { method: 'GET', path: '/?Action=ListJobs', headers: { host }, body: '' },
  ];
  for (let i = 0; i < 20; i++) {
    const req = OTHER[i % OTHER.length] as RawRequest;
    cases.push({
      name: `method-${req.method}-${req.path}#${i}`,
      req: { ...req, headers: { ...req.headers } },
      expect: 'error',
    });
  }
  return cases;
}

interface Failure {
  name: string;
  status: number;
  why: string;
  body: string;
}

function isEnvelope(body: string): boolean {
  try {
    return Object.keys(parseXml(body)).some((k) => k.endsWith('Response'));
  } catch {
    return false;
  }
}

function judge(c: Case, status: number, body: string): string | undefined {
  if (status >= 500) return 'server fault';
  if (body.includes(ACCOUNT_A.secretAccessKey)) return 'secret key in the response';
  if (status < 200) return 'no status';
  if (!isEnvelope(body)) return 'not an XML envelope';
  if (status >= 400 && !parseErrorXml(body)) return 'error status without an ErrorResponse';
  if (c.expect === 'error' && (status < 400 || status >= 500)) return `expected a 4xx, got ${status}`;
  return undefined;
}

async function runAll(cases: Case[]): Promise<Failure[]> {
  const failures: Failure[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++] as Case;
      if (TRACE_FILE) appendFileSync(TRACE_FILE, `${c.name}\n`);
      try {
        const res = await sendRaw(service, c.req);
        const why = judge(c, res.status, res.body);
        if (why) failures.push({ name: c.name, status: res.status, why, body: res.body.slice(0, 300) });
      } catch (err) {
        failures.push({ name: c.name, status: 0, why: `transport: ${(err as Error).message}`, body: '' });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return failures;
}

describe(`robustness (seed ${SEED})`, () => {
  it(
    'answers 1,000+ malformed requests with XML below 500 and keeps serving',
    { timeout: 120_000 },
    async () => {
      const cases = generateCases();
      expect(cases.length).toBeGreaterThanOrEqual(1000);
      const failures = await runAll(cases);
      expect(failures, `seed ${SEED}: ${failures.length} of ${cases.length} cases failed`).toEqual([]);

      const res = await sendRaw(
        service,
        signedRequest(service, ACCOUNT_A, { Action: 'GetStatus', JobId: jobId }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toContain(`<JobId>${jobId}</JobId>`);
    },
  );

  it('survives garbage on the socket and half-sent requests', async () => {
    const url = new URL(service.url);
    const garbage = [
      randomBytes(512),
      Buffer.from('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nAction=Li'),
      Buffer.from('POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n'),
      Buffer.from('GET /' + 'a'.repeat(100_000) + ' HTTP/1.1\r\n\r\n'),
    ];
    for (const bytes of garbage) {
      await new Promise<void>((resolve) => {
        const socket = connect(Number(url.port), url.hostname, () => {
          socket.end(bytes);
        });
        socket.on('data', () => undefined);
        socket.on('error', () => resolve());
        socket.on('close', () => resolve());
        socket.setTimeout(2000, () => socket.destroy());
      });
    }
    const res = await sendRaw(
      service,
      signedRequest(service, ACCOUNT_A, { Action: 'GetStatus', JobId: jobId }),
    );
    expect(res.status).toBe(200);
  });
});
