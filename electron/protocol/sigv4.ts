/**
 * Signature Version 4 arithmetic (AWS4-HMAC-SHA256), shared by the endpoint's two SigV4 paths: the optional
 * one for Import/Export clients that sign this service with SigV4 (service `importexport`) and the S3 REST
 * API (service `s3`). Pure: parsing, canonical forms, the signature. Each caller maps failures to its own
 * API's error codes.
 */
import { createHash, createHmac } from 'node:crypto';
import { percentDecode, percentEncode } from './query';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

export type HeaderBag = Readonly<Record<string, string | string[] | undefined>>;

export interface SigV4Authorization {
  keyId: string;
  /** `YYYYMMDD` of the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  /** Lower-case names, as listed in SignedHeaders. */
  signedHeaders: string[];
  signature: string;
}

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;._-]+),\s*Signature=([0-9a-f]{64})\s*$/;

/** Reads an `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` value. */
export function parseSigV4Authorization(value: string): SigV4Authorization | undefined {
  const m = AUTH_PATTERN.exec(value);
  if (!m) return undefined;
  const [, keyId, scopeDate, region, service, signedHeaderList, signature] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return { keyId, scopeDate, region, service, signedHeaders: signedHeaderList.split(';'), signature };
}

/** `20110620T223059Z` → Date, or undefined. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function headerValue(headers: HeaderBag, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** The presigned (query-string) form: the authorization's parts plus the date and lifetime it carries. */
export interface SigV4QueryAuthorization extends SigV4Authorization {
  amzDate: string;
  /** X-Amz-Expires, in seconds. */
  expiresSeconds: number;
}

export const SIGV4_QUERY_SIGNATURE = 'X-Amz-Signature';

/**
 * Reads `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders` and
 * `X-Amz-Signature` from a raw query string; undefined when it is not a presigned request, and a string
 * naming the first problem when it is one but malformed.
 */
export function parseSigV4Query(rawQuery: string): SigV4QueryAuthorization | string | undefined {
  const params = new Map<string, string>();
  for (const part of rawQuery.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    try {
      params.set(percentDecode(part.slice(0, eq)), percentDecode(part.slice(eq + 1)));
    } catch {
      return 'The query string is not valid percent-encoding';
    }
  }
  const algorithm = params.get('X-Amz-Algorithm');
  if (algorithm === undefined) return undefined;
  if (algorithm !== SIGV4_ALGORITHM) return `X-Amz-Algorithm must be ${SIGV4_ALGORITHM}`;
  const credential = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/.exec(
    params.get('X-Amz-Credential') ?? '',
  );
  if (!credential) return 'X-Amz-Credential must be KEY/YYYYMMDD/REGION/SERVICE/aws4_request';
  const amzDate = params.get('X-Amz-Date') ?? '';
  if (parseAmzDate(amzDate) === undefined) return 'X-Amz-Date must be a time such as 20110620T223059Z';
  const expires = params.get('X-Amz-Expires') ?? '';
  if (!/^\d{1,6}$/.test(expires)) return 'X-Amz-Expires must be a number of seconds';
  const signedHeaders = params.get('X-Amz-SignedHeaders') ?? '';
  if (!/^[a-z0-9;._-]+$/.test(signedHeaders)) return 'X-Amz-SignedHeaders must list lower-case header names';
  const signature = params.get(SIGV4_QUERY_SIGNATURE) ?? '';
  if (!/^[0-9a-f]{64}$/.test(signature)) return 'X-Amz-Signature must be 64 hex digits';
  const [, keyId, scopeDate, region, service] = credential as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  return {
    keyId,
    scopeDate,
    region,
    service,
    signedHeaders: signedHeaders.split(';'),
    signature,
    amzDate,
    expiresSeconds: Number(expires),
  };
}

/**
 * Query parameters decoded and re-encoded (RFC 3986), sorted by name then value; `omit` names a parameter
 * left out (the presigned form's X-Amz-Signature).
 */
export function canonicalQueryV4(rawQuery: string, omit?: string): string {
  if (rawQuery === '') return '';
  const pairs = rawQuery
    .split('&')
    .filter((p) => p.length > 0)
    .filter((p) => omit === undefined || !p.startsWith(`${omit}=`))
    .map((part) => {
      const eq = part.indexOf('=');
      const name = percentDecode(eq === -1 ? part : part.slice(0, eq));
      const value = eq === -1 ? '' : percentDecode(part.slice(eq + 1));
      return [percentEncode(name), percentEncode(value)] as const;
    });
  pairs.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

export interface SigV4SignInput {
  method: string;
  /** As received, still percent-encoded. */
  path: string;
  rawQuery: string;
  headers: HeaderBag;
  authorization: SigV4Authorization;
  /** The X-Amz-Date value. */
  amzDate: string;
  /** The x-amz-content-sha256 value, or the body's SHA-256. */
  payloadHash: string;
  secretAccessKey: string;
  /** Presigned form: X-Amz-Signature is not part of the canonical query. */
  presigned?: boolean;
}

/** `YYYYMMDD/region/service/aws4_request`. */
export function sigV4Scope(a: Pick<SigV4Authorization, 'scopeDate' | 'region' | 'service'>): string {
  return `${a.scopeDate}/${a.region}/${a.service}/aws4_request`;
}

/** The derived key: HMAC chain over date, region, service and `aws4_request`. */
export function sigV4SigningKey(
  secretAccessKey: string,
  a: Pick<SigV4Authorization, 'scopeDate' | 'region' | 'service'>,
): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, a.scopeDate), a.region), a.service), 'aws4_request');
}

/** HMAC-SHA256 of a string to sign with a derived key, hex. */
export function sigV4Sign(signingKey: Buffer, stringToSign: string): string {
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

/** The hex signature a request should carry, computed from what was received. */
export function computeSigV4Signature(input: SigV4SignInput): string {
  const { authorization: a } = input;
  const canonicalHeaders = a.signedHeaders
    .map((name) => `${name}:${(headerValue(input.headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalRequest = [
    input.method.toUpperCase(),
    input.path || '/',
    canonicalQueryV4(input.rawQuery, input.presigned ? SIGV4_QUERY_SIGNATURE : undefined),
    canonicalHeaders,
    a.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
  const stringToSign = [SIGV4_ALGORITHM, input.amzDate, sigV4Scope(a), sha256Hex(canonicalRequest)].join(
    '\n',
  );
  return sigV4Sign(sigV4SigningKey(input.secretAccessKey, a), stringToSign);
}
