/**
 * Signature Version 4 verification for the Import/Export API, in the header form and the query-string
 * (presigned) form. botocore (boto3, AWS CLI v1) signs this service with SigV4 by default, scoped
 * `…/us-east-1/IngestionService/aws4_request` (its endpoint data names the service `IngestionService`);
 * other SDKs use the endpoint prefix `importexport`. Both are accepted, in us-east-1 only: the one region the
 * real service answered in. SigV2 stays the reference method (./auth.ts).
 */
import {
  SIGV4_ALGORITHM,
  computeSigV4Signature,
  headerValue,
  parseAmzDate,
  parseSigV4Authorization,
  parseSigV4Query,
  sha256Hex,
  type HeaderBag,
  type SigV4Authorization,
} from '../protocol/sigv4';
import { signaturesEqual } from '../protocol/sigv2';
import { CLOCK_SKEW_WINDOW_MS, type AuthFailure, type AuthResult } from './auth';
import type { AccountConfig } from './types';

export { SIGV4_ALGORITHM };
/** The scope names real clients sign this service with: botocore's, then the endpoint prefix. */
export const SIGV4_SERVICES = ['IngestionService', 'importexport'] as const;
export const SIGV4_SERVICE = 'importexport';
export const SIGV4_REGION = 'us-east-1';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** The longest a presigned URL may live: seven days, as everywhere in AWS. */
export const MAX_PRESIGN_EXPIRES_SECONDS = 7 * 24 * 3600;

export interface SigV4Request {
  method: string;
  /** The request target's path, as received (still percent-encoded). */
  path: string;
  /** The raw query string, without `?`. */
  rawQuery: string;
  /** Header values as received; names in lower case (node:http's form). */
  headers: HeaderBag;
  body: Buffer;
}

function fail(code: AuthFailure['code'], message: string): AuthFailure {
  return { ok: false, code, message };
}

/** Whether the request carries SigV4 in the query string (a presigned URL). */
export function hasSigV4Query(rawQuery: string): boolean {
  return /(?:^|&)X-Amz-Algorithm=/.test(rawQuery);
}

/** The scope check, with the messages AWS's Query APIs answer (code SignatureDoesNotMatch). */
function scopeProblem(a: SigV4Authorization): AuthFailure | undefined {
  if (!(SIGV4_SERVICES as readonly string[]).includes(a.service)) {
    return fail(
      'SignatureDoesNotMatch',
      `Credential should be scoped to correct service: '${SIGV4_SERVICE}'.`,
    );
  }
  if (a.region !== SIGV4_REGION) {
    return fail('SignatureDoesNotMatch', `Credential should be scoped to a valid region, not '${a.region}'.`);
  }
  return undefined;
}

export function authenticateSigV4(
  req: SigV4Request,
  accounts: ReadonlyMap<string, AccountConfig>,
  now: Date,
): AuthResult {
  const presigned = hasSigV4Query(req.rawQuery);
  let parsed: SigV4Authorization;
  let amzDate: string;
  if (presigned) {
    const q = parseSigV4Query(req.rawQuery);
    if (q === undefined || typeof q === 'string') {
      return fail('IncompleteSignature', `Presigned request is malformed: ${q ?? 'no X-Amz-Algorithm'}`);
    }
    parsed = q;
    amzDate = q.amzDate;
    const at = parseAmzDate(amzDate) as Date;
    if (q.expiresSeconds < 1 || q.expiresSeconds > MAX_PRESIGN_EXPIRES_SECONDS) {
      return fail(
        'IncompleteSignature',
        `X-Amz-Expires must be from 1 to ${MAX_PRESIGN_EXPIRES_SECONDS} seconds (seven days)`,
      );
    }
    if (at.getTime() - now.getTime() > CLOCK_SKEW_WINDOW_MS) {
      return fail('RequestExpired', `Request date ${amzDate} is in the future; check the clock`);
    }
    if (now.getTime() > at.getTime() + q.expiresSeconds * 1000) {
      return fail(
        'RequestExpired',
        `Request has expired: signed ${amzDate} for ${q.expiresSeconds} s, now ${now.toISOString()}`,
      );
    }
  } else {
    const header = parseSigV4Authorization(headerValue(req.headers, 'authorization') ?? '');
    if (!header) {
      return fail(
        'IncompleteSignature',
        'Authorization header is not a valid AWS4-HMAC-SHA256 header ' +
          '(Credential=KEY/DATE/us-east-1/IngestionService/aws4_request, SignedHeaders=…, Signature=…)',
      );
    }
    parsed = header;
    const dateHeader = headerValue(req.headers, 'x-amz-date');
    const at = dateHeader === undefined ? undefined : parseAmzDate(dateHeader);
    if (!dateHeader || !at) {
      return fail('IncompleteSignature', 'SigV4 requests need an X-Amz-Date header such as 20110620T223059Z');
    }
    amzDate = dateHeader;
    if (Math.abs(now.getTime() - at.getTime()) > CLOCK_SKEW_WINDOW_MS) {
      return fail(
        'RequestExpired',
        `Request time ${amzDate} is more than ${CLOCK_SKEW_WINDOW_MS / 60_000} minutes from the endpoint's time ${now.toISOString()}; check the clock`,
      );
    }
  }
  const scope = scopeProblem(parsed);
  if (scope) return scope;
  if (!parsed.signedHeaders.includes('host')) {
    return fail('IncompleteSignature', 'SignedHeaders must include host');
  }
  if (!amzDate.startsWith(parsed.scopeDate)) {
    return fail(
      'SignatureDoesNotMatch',
      `Credential date ${parsed.scopeDate} does not match X-Amz-Date ${amzDate}`,
    );
  }
  const account = accounts.get(parsed.keyId);
  if (!account)
    return fail('InvalidClientTokenId', `The access key id ${parsed.keyId} does not exist in our records`);

  // The payload hash signed: the x-amz-content-sha256 header when sent (the real hash or UNSIGNED-PAYLOAD),
  // else the body's hash, as botocore computes it for this service.
  const bodyHash = sha256Hex(req.body);
  const claimed = headerValue(req.headers, 'x-amz-content-sha256');
  if (claimed !== undefined && claimed !== UNSIGNED_PAYLOAD && claimed !== bodyHash) {
    return fail('SignatureDoesNotMatch', 'x-amz-content-sha256 does not match the request body');
  }
  const candidates =
    claimed !== undefined ? [claimed] : presigned ? [bodyHash, UNSIGNED_PAYLOAD] : [bodyHash];
  for (const payloadHash of candidates) {
    const expected = computeSigV4Signature({
      method: req.method,
      path: req.path,
      rawQuery: req.rawQuery,
      headers: req.headers,
      authorization: parsed,
      amzDate,
      payloadHash,
      secretAccessKey: account.secretAccessKey,
      presigned,
    });
    if (signaturesEqual(expected, parsed.signature)) return { ok: true, account };
  }
  return fail(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. ' +
      'Check your AWS Secret Access Key and signing method.',
  );
}
