/**
 * Signature Version 4 verification for clients that sign this service with SigV4 (the C++ SDK,
 * Rusoto; reference 5.1 and checklist item 2). SigV2 stays the reference method; this is the optional
 * second path, used only when a request carries an `Authorization: AWS4-HMAC-SHA256 …` header.
 */
import {
  SIGV4_ALGORITHM,
  computeSigV4Signature,
  headerValue,
  parseAmzDate,
  parseSigV4Authorization,
  sha256Hex,
  type HeaderBag,
} from '../protocol/sigv4';
import { signaturesEqual } from '../protocol/sigv2';
import { CLOCK_SKEW_WINDOW_MS, type AuthResult } from './auth';
import type { AccountConfig } from './types';

export { SIGV4_ALGORITHM };
export const SIGV4_SERVICE = 'importexport';

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

export function authenticateSigV4(
  req: SigV4Request,
  accounts: ReadonlyMap<string, AccountConfig>,
  now: Date,
): AuthResult {
  const parsed = parseSigV4Authorization(headerValue(req.headers, 'authorization') ?? '');
  if (!parsed) {
    return {
      ok: false,
      code: 'IncompleteSignature',
      message:
        'Authorization header is not a valid AWS4-HMAC-SHA256 header ' +
        '(Credential=KEY/DATE/REGION/importexport/aws4_request, SignedHeaders=…, Signature=…)',
    };
  }
  const { keyId, scopeDate, service, signedHeaders, signature } = parsed;
  if (service !== SIGV4_SERVICE) {
    return {
      ok: false,
      code: 'IncompleteSignature',
      message: `Credential should be scoped to the service ${SIGV4_SERVICE}, not ${service}`,
    };
  }
  if (!signedHeaders.includes('host')) {
    return { ok: false, code: 'IncompleteSignature', message: 'SignedHeaders must include host' };
  }
  const amzDate = headerValue(req.headers, 'x-amz-date');
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
  const payloadHash = headerValue(req.headers, 'x-amz-content-sha256') ?? sha256Hex(req.body);
  const expected = computeSigV4Signature({
    method: req.method,
    path: req.path,
    rawQuery: req.rawQuery,
    headers: req.headers,
    authorization: parsed,
    amzDate,
    payloadHash,
    secretAccessKey: account.secretAccessKey,
  });
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
