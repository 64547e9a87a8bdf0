/**
 * Signature Version 4 for the S3 REST API (service `s3`, any region the request names). The payload hash is
 * not checked here: the body is streamed into the object store, which refuses the object when its SHA-256
 * differs from `x-amz-content-sha256` (see ./handler.ts).
 */
import { createHash, createHmac } from 'node:crypto';
import { percentDecode, percentEncode } from '../../protocol/query';
import { signaturesEqual } from '../../protocol/sigv2';
import { CLOCK_SKEW_WINDOW_MS } from '../auth';
import { parseAmzDate } from '../auth-sigv4';
import type { AccountConfig } from '../types';

export const S3_SIGV4_SERVICE = 's3';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export type S3AuthErrorCode =
  | 'AccessDenied'
  | 'AuthorizationHeaderMalformed'
  | 'InvalidAccessKeyId'
  | 'SignatureDoesNotMatch'
  | 'RequestTimeTooSkewed';

export type S3AuthResult =
  | { ok: true; account: AccountConfig; payloadHash: string }
  | { ok: false; code: S3AuthErrorCode; message: string };

export interface S3SignedRequest {
  method: string;
  /** As received, still percent-encoded. */
  path: string;
  rawQuery: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;._-]+),\s*Signature=([0-9a-f]{64})\s*$/;

function header(req: S3SignedRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** S3 signs query parameters decoded and re-encoded (RFC 3986), sorted by name then value. */
export function canonicalS3Query(rawQuery: string): string {
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

export function authenticateS3(
  req: S3SignedRequest,
  accounts: ReadonlyMap<string, AccountConfig>,
  now: Date,
): S3AuthResult {
  const authorization = header(req, 'authorization');
  if (authorization === undefined || authorization === '') {
    return {
      ok: false,
      code: 'AccessDenied',
      message: 'Anonymous requests are not allowed; sign with SigV4',
    };
  }
  const m = AUTH_PATTERN.exec(authorization);
  if (!m) {
    return {
      ok: false,
      code: 'AuthorizationHeaderMalformed',
      message:
        'The authorization header is malformed; expected AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/s3/aws4_request, SignedHeaders=…, Signature=…',
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
  if (service !== S3_SIGV4_SERVICE) {
    return {
      ok: false,
      code: 'AuthorizationHeaderMalformed',
      message: `The credential should be scoped to the service ${S3_SIGV4_SERVICE}, not ${service}`,
    };
  }
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host')) {
    return { ok: false, code: 'AuthorizationHeaderMalformed', message: 'SignedHeaders must include host' };
  }
  const amzDate = header(req, 'x-amz-date') ?? '';
  const at = parseAmzDate(amzDate);
  if (!at || !amzDate.startsWith(scopeDate)) {
    return {
      ok: false,
      code: 'AuthorizationHeaderMalformed',
      message: 'X-Amz-Date must be set (e.g. 20110620T223059Z) and match the credential date',
    };
  }
  if (Math.abs(now.getTime() - at.getTime()) > CLOCK_SKEW_WINDOW_MS) {
    return {
      ok: false,
      code: 'RequestTimeTooSkewed',
      message: `The difference between the request time ${amzDate} and the server time ${now.toISOString()} is too large`,
    };
  }
  const account = accounts.get(keyId);
  if (!account) {
    return {
      ok: false,
      code: 'InvalidAccessKeyId',
      message: 'The AWS Access Key Id you provided does not exist in our records.',
    };
  }
  const payloadHash = header(req, 'x-amz-content-sha256');
  if (payloadHash === undefined) {
    return {
      ok: false,
      code: 'AuthorizationHeaderMalformed',
      message: 'Missing required header for this request: x-amz-content-sha256',
    };
  }
  const canonicalHeaders = signedHeaders
    .map((name) => `${name}:${(header(req, name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalRequest = [
    req.method.toUpperCase(),
    req.path || '/',
    canonicalS3Query(req.rawQuery),
    canonicalHeaders,
    signedHeaderList,
    payloadHash,
  ].join('\n');
  const scope = `${scopeDate}/${region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest, 'utf8').digest('hex'),
  ].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${account.secretAccessKey}`, scopeDate), region), service),
    'aws4_request',
  );
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  if (!signaturesEqual(expected, signature)) {
    return {
      ok: false,
      code: 'SignatureDoesNotMatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    };
  }
  return { ok: true, account, payloadHash };
}
