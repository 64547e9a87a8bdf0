/**
 * Shared test helper for the embedded Import/Export endpoint.
 *
 * - `startTestService()` starts `startService` on 127.0.0.1, port 0, in a fresh temp data dir, with
 *   `testConfig()`: two accounts whose buckets sit in different regions. `close()` stops it and deletes
 *   the data dir (unless `keepDataDir`).
 * - `sdkClient(service, account)` is an independent client: the AWS SDK for JavaScript v2 `ImportExport`.
 * - `signedRequest()` builds a SigV2-signed form POST as plain data (method, path, headers, body, params)
 *   so a test can tamper with any part before `sendRaw()` puts it on the wire; `postSigned()` does both.
 * - `manifestFor(kind, account)` / `manifestText()` give valid manifests of the four job kinds to spread
 *   overrides onto.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ImportExport from 'aws-sdk/clients/importexport';
import { stringify as stringifyYaml } from 'yaml';
import { startService } from '../../electron/service/index';
import type { AccountConfig, RunningService, ServiceConfig } from '../../electron/service/types';
import { API_VERSION } from '../../electron/protocol/api';
import { canonicalQueryString, type QueryParams } from '../../electron/protocol/query';
import {
  computeSignature,
  formatTimestamp,
  signQueryRequest,
  stringToSign,
  type SignatureMethod,
} from '../../electron/protocol/sigv2';

/** Owns buckets in us-east-1 (import and logs) and one in eu-west-1, for the multiple-regions check. */
export const ACCOUNT_A: AccountConfig = {
  accessKeyId: 'AKIADOCKHANDTESTAAAA',
  secretAccessKey: 'aaaaDockhandTestSecretKeyForAccountA00000',
  buckets: [
    { name: 'alpha-import', region: 'us-east-1' },
    { name: 'alpha-logs', region: 'us-east-1' },
    { name: 'alpha-eu', region: 'eu-west-1' },
  ],
};

/** A second account, so tests can reach for jobs and buckets that belong to someone else. */
export const ACCOUNT_B: AccountConfig = {
  accessKeyId: 'AKIADOCKHANDTESTBBBB',
  secretAccessKey: 'bbbbDockhandTestSecretKeyForAccountB00000',
  buckets: [
    { name: 'bravo-import', region: 'us-west-2' },
    { name: 'bravo-logs', region: 'us-west-2' },
  ],
};

/** Bucket names no account owns. */
export const MISSING_BUCKET = 'no-such-bucket-anywhere';

export function testConfig(overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  return { accounts: [ACCOUNT_A, ACCOUNT_B], ...overrides };
}

export interface TestService extends RunningService {
  /** Stops the endpoint and removes its data dir. Safe to call twice. */
  close(): Promise<void>;
}

export interface StartTestServiceOptions {
  config?: Partial<ServiceConfig>;
  now?: () => Date;
  /** Reuse a data dir (e.g. to restart on the same store); it is then not deleted on close. */
  dataDir?: string;
  keepDataDir?: boolean;
  /** Service log lines; silent by default. */
  log?: (line: string) => void;
}

export async function makeTempDir(prefix = 'dockhand-test-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export async function startTestService(options: StartTestServiceOptions = {}): Promise<TestService> {
  const dataDir = options.dataDir ?? (await makeTempDir('dockhand-service-'));
  const removeDir = options.dataDir === undefined && !options.keepDataDir;
  const running = await startService({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    config: testConfig(options.config),
    log: options.log ?? (() => undefined),
    ...(options.now ? { now: options.now } : {}),
  });
  let closed = false;
  return {
    ...running,
    close: async () => {
      if (closed) return;
      closed = true;
      await running.close();
      if (removeDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The AWS SDK v2 client, signing SigV2 against the endpoint's host:port; no retries so errors surface.
 * `extra` passes SDK options, e.g. `{ paramValidation: false }` to send requests the SDK would refuse, or
 * `{ systemClockOffset: ms }` to sign with the same shifted clock a test gave the service.
 */
export function sdkClient(
  service: Pick<RunningService, 'url'>,
  account: Pick<AccountConfig, 'accessKeyId' | 'secretAccessKey'>,
  extra: ImportExport.Types.ClientConfiguration = {},
): ImportExport {
  return new ImportExport({
    endpoint: service.url,
    accessKeyId: account.accessKeyId,
    secretAccessKey: account.secretAccessKey,
    region: 'us-east-1',
    maxRetries: 0,
    sslEnabled: false,
    ...extra,
  });
}

/** An SDK v2 error as the tests inspect it. */
export interface SdkError {
  code: string;
  statusCode: number;
  message: string;
  requestId?: string;
}

/** Awaits an SDK promise that must fail, and returns its error (fails the test if it succeeds). */
export async function sdkError(promise: Promise<unknown>): Promise<SdkError> {
  try {
    const value = await promise;
    throw new Error(`expected the call to fail, but it returned ${JSON.stringify(value)}`);
  } catch (err) {
    const e = err as Partial<SdkError>;
    if (typeof e.code !== 'string' || typeof e.statusCode !== 'number') throw err;
    return {
      code: e.code,
      statusCode: e.statusCode,
      message: String(e.message),
      ...(e.requestId ? { requestId: e.requestId } : {}),
    };
  }
}

// ---- raw signed requests -------------------------------------------------------------------------

/** A request as plain data: every part may be changed before it is sent. */
export interface RawRequest {
  method: string;
  /** Path plus optional query string, e.g. `/` or `/?Operation=CreateJob`. */
  path: string;
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SignOptions {
  signatureMethod?: SignatureMethod;
  /** Clock used for `Timestamp`. */
  now?: Date;
  /** The Host to sign (defaults to the endpoint's `host:port`, which is also what is sent). */
  host?: string;
  /** The path to sign (without query string); `/` by default. */
  signedPath?: string;
  /** Adds `Version=2010-06-01` unless false. */
  version?: boolean;
  /** Sign with `Expires` (this instant) instead of `Timestamp`. */
  expires?: Date;
}

export function hostOf(service: Pick<RunningService, 'url'>): string {
  return new URL(service.url).host;
}

/** Signs `params` (which should carry `Action`) for `account`; returns every parameter including Signature. */
export function signParams(
  service: Pick<RunningService, 'url'>,
  account: Pick<AccountConfig, 'accessKeyId' | 'secretAccessKey'>,
  params: QueryParams,
  options: SignOptions = {},
): QueryParams {
  const host = options.host ?? hostOf(service);
  const signedPath = options.signedPath ?? '/';
  const signatureMethod = options.signatureMethod ?? 'HmacSHA256';
  const signed = signQueryRequest({
    method: 'POST',
    host,
    path: signedPath,
    params: options.version === false ? params : { Version: API_VERSION, ...params },
    accessKeyId: account.accessKeyId,
    secretAccessKey: account.secretAccessKey,
    signatureMethod,
    ...(options.now ? { now: options.now } : {}),
  });
  if (!options.expires) return signed;
  // SigV2 allows Expires in place of Timestamp; re-sign without the Timestamp the signer added.
  const { Timestamp: _t, Signature: _s, ...rest } = signed;
  const withExpires: QueryParams = { ...rest, Expires: formatTimestamp(options.expires) };
  const text = stringToSign({ method: 'POST', host, path: signedPath, params: withExpires });
  return { ...withExpires, Signature: computeSignature(text, account.secretAccessKey, signatureMethod) };
}

/** A form body, encoded as the SDKs do (sorted, RFC 3986). */
export function formBody(params: QueryParams): string {
  return canonicalQueryString(params);
}

/** A signed POST to `/` with a form body, as data. */
export function signedRequest(
  service: Pick<RunningService, 'url'>,
  account: Pick<AccountConfig, 'accessKeyId' | 'secretAccessKey'>,
  params: QueryParams,
  options: SignOptions = {},
): RawRequest {
  return {
    method: 'POST',
    path: '/',
    headers: {
      host: hostOf(service),
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    },
    body: formBody(signParams(service, account, params, options)),
  };
}

/** Sends a request exactly as given (Host header included); never throws on HTTP error statuses. */
export function sendRaw(service: Pick<RunningService, 'url'>, req: RawRequest): Promise<RawResponse> {
  const url = new URL(service.url);
  const body = typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body;
  return new Promise((resolve, reject) => {
    const r = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers: { 'content-length': String(body.length), ...req.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(body);
  });
}

/** Signs and sends; `tamper` may change the request after signing. */
export async function postSigned(
  service: Pick<RunningService, 'url'>,
  account: Pick<AccountConfig, 'accessKeyId' | 'secretAccessKey'>,
  params: QueryParams,
  options: SignOptions & { tamper?: (req: RawRequest) => void } = {},
): Promise<RawResponse> {
  const req = signedRequest(service, account, params, options);
  options.tamper?.(req);
  return sendRaw(service, req);
}

// ---- manifests -----------------------------------------------------------------------------------

export type ManifestKind = 's3-import' | 's3-export' | 'ebs-import' | 'glacier-import';
export type ManifestObject = Record<string, unknown>;

export const US_RETURN_ADDRESS = {
  name: 'Jane Roe',
  company: 'Example Corp.',
  street1: '123 Any Street',
  city: 'Anytown',
  stateOrProvince: 'WA',
  postalCode: '91011-1111',
  phoneNumber: '206-555-1111',
  country: 'USA',
};

/**
 * A valid manifest (as an object) of one kind for ACCOUNT_A-like accounts: the first bucket is the
 * import/export bucket and the second the log bucket, both in one region.
 */
export function manifestFor(kind: ManifestKind, account: AccountConfig = ACCOUNT_A): ManifestObject {
  const [main, logs] = account.buckets;
  if (!main || !logs) throw new Error('manifestFor needs an account with at least two buckets');
  const common = {
    accessKeyId: account.accessKeyId,
    deviceId: 'DOCKHAND-TEST-0001',
    eraseDevice: 'yes',
    notificationEmail: 'jane.roe@example.com',
    returnAddress: { ...US_RETURN_ADDRESS },
  };
  switch (kind) {
    case 's3-import':
      return { manifestVersion: '2.0', ...common, bucket: main.name, logBucket: logs.name };
    case 's3-export':
      return {
        manifestVersion: '2.0',
        ...common,
        fileSystem: 'NTFS',
        logBucket: logs.name,
        trueCryptPassword: 'export-password-1',
        operations: [{ exportBucket: main.name, prefix: 'images' }],
      };
    case 'ebs-import':
      return {
        manifestVersion: '3.0',
        ...common,
        logBucket: logs.name,
        operations: [
          {
            destination: 'ebsSnapshot',
            source: 'device',
            region: main.region,
            deviceCapacityGreaterThan1TB: 'no',
          },
        ],
      };
    case 'glacier-import':
      return {
        manifestVersion: '3.0',
        ...common,
        logBucket: logs.name,
        operations: [
          {
            destination: 'glacier',
            source: 'device',
            region: main.region,
            vaultName: '2012-07_archive',
            archiveComment: 'daily_2012-07-24',
          },
        ],
      };
  }
}

/** YAML text, written the way the DG writes it (`manifestVersion: 2.0` unquoted). */
export function manifestText(manifest: ManifestObject): string {
  return stringifyYaml(manifest).replace(/^manifestVersion: ["']?(\d\.\d)["']?$/m, 'manifestVersion: $1');
}

/** Shorthand: the YAML of a valid manifest of `kind` with top-level overrides (undefined deletes a field). */
export function manifest(
  kind: ManifestKind,
  account: AccountConfig = ACCOUNT_A,
  overrides: ManifestObject = {},
): string {
  const m: ManifestObject = { ...manifestFor(kind, account), ...overrides };
  for (const [k, v] of Object.entries(m)) if (v === undefined) delete m[k];
  return manifestText(m);
}

export function jobTypeOf(kind: ManifestKind): 'Import' | 'Export' {
  return kind === 's3-export' ? 'Export' : 'Import';
}
