/**
 * Signature Version 4 verification for clients that sign this service with SigV4 (the C++ SDK,
 * Rusoto; reference 5.1 and checklist item 2). SigV2 stays the reference method; this is the optional
 * second path, used only when a request carries an `Authorization: AWS4-HMAC-SHA256 …` header.
 */
import { createHash, createHmac } from 'node:crypto';
import { percentDecode, percentEncode } from '../protocol/query';
import { signaturesEqual } from '../protocol/sigv2';
import { CLOCK_SKEW_WINDOW_MS, type AuthResult } from './auth';
import type { AccountConfig } from './types';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
export const SIGV4_SERVICE = 'importexport';

export interface SigV4Request {
  method: string;
  /** The request target's path, as received (still percent-encoded). */
  path: string;
  /** The raw query string, without `?`. */
  rawQuery: string;
  /** Header values as received; names in lower case (node:http's form). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
}

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;._-]+),\s*Signature=([0-9a-f]{64})\s*$/;

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function header(req: SigV4Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** `20110620T223059Z` → Date, or undefined. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  const pairs = rawQuery
    .split('&')
    .filter((p) => p.length > 0)
    .map((part) => {
      const eq = part.indexOf('=');
      const name = percentDecode(eq === -1 ? part : part.slice(0, eq));
      const value = eq === -1 ? '' : percentDecode(part.slice(eq + 1));
      return [percentEncode(name), percentEncode(value)] as const;
    });
  pairs.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

export function authenticateSigV4(
  req: SigV4Request,
  accounts: ReadonlyMap<string, AccountConfig>,
  now: Date,
): AuthResult {
  const authorization = header(req, 'authorization') ?? '';
  const m = AUTH_PATTERN.exec(authorization);
  if (!m) {
    return {
      ok: false,
      code: 'IncompleteSignature',
      message:
        'Authorization header is not a valid AWS4-HMAC-SHA256 header ' +
        '(Credential=KEY/DATE/REGION/importexport/aws4_request, SignedHeaders=…, Signature=…)',
    };
  }
  const [, keyId, scopeDate, region, service, signedHeaderList, signature] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (service !== SIGV4_SERVICE) {
    return {
      ok: false,
      code: 'IncompleteSignature',
      message: `Credential should be scoped to the service ${SIGV4_SERVICE}, not ${service}`,
    };
  }
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host')) {
    return { ok: false, code: 'IncompleteSignature', message: 'SignedHeaders must include host' };
  }
  const amzDate = header(req, 'x-amz-date');
  const at = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (!amzDate || !at) {
    return {
      ok: false,
      code: 'IncompleteSignature',
      message: 'SigV4 requests need an X-Amz-Date header such as 20110620T223059Z',
    };
  }
  if (!amzDate.startsWith(scopeDate)) {
    return {
      ok: false,
      code: 'SignatureDoesNotMatch',
      message: `Credential date ${scopeDate} does not match X-Amz-Date ${amzDate}`,
    };
  }
  if (Math.abs(now.getTime() - at.getTime()) > CLOCK_SKEW_WINDOW_MS) {
    return {
      ok: false,
      code: 'RequestExpired',
      message: `Request time ${amzDate} is more than ${CLOCK_SKEW_WINDOW_MS / 60_000} minutes from the endpoint's time ${now.toISOString()}; check the clock`,
    };
  }
  const account = accounts.get(keyId);
  if (!account) {
    return {
      ok: false,
      code: 'InvalidClientTokenId',
      message: `The access key id ${keyId} does not exist in our records`,
    };
  }
  const canonicalHeaders = signedHeaders
    .map((name) => `${name}:${(header(req, name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const payloadHash = header(req, 'x-amz-content-sha256') ?? sha256Hex(req.body);
  const canonicalRequest = [
    req.method.toUpperCase(),
    req.path || '/',
    canonicalQuery(req.rawQuery),
    canonicalHeaders,
    signedHeaderList,
    payloadHash,
  ].join('\n');
  const scope = `${scopeDate}/${region}/${service}/aws4_request`;
  const stringToSign = [SIGV4_ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${account.secretAccessKey}`, scopeDate), region), service),
    'aws4_request',
  );
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  if (payloadHash !== sha256Hex(req.body) && payloadHash !== 'UNSIGNED-PAYLOAD') {
    return {
      ok: false,
      code: 'SignatureDoesNotMatch',
      message: 'x-amz-content-sha256 does not match the request body',
    };
  }
  if (!signaturesEqual(expected, signature)) {
    return {
      ok: false,
      code: 'SignatureDoesNotMatch',
      message:
        'The request signature we calculated does not match the signature you provided. ' +
        'Check your AWS Secret Access Key and signing method.',
    };
  }
  return { ok: true, account };
}
