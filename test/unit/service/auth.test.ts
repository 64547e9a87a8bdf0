import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_WINDOW_MS, authenticate, type AuthRequest } from '../../../electron/service/auth';
import { computeSignature, signQueryRequest, stringToSign } from '../../../electron/protocol/sigv2';
import type { AccountConfig } from '../../../electron/service/types';

const ACCOUNT: AccountConfig = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  buckets: [{ name: 'b1', region: 'us-east-1' }],
};
const ACCOUNTS = new Map([[ACCOUNT.accessKeyId, ACCOUNT]]);
const NOW = new Date('2011-06-20T22:30:59Z');
const HOST = '127.0.0.1:8123';

function signed(overrides: Partial<Parameters<typeof signQueryRequest>[0]> = {}) {
  return signQueryRequest({
    host: HOST,
    params: { Action: 'ListJobs', Version: '2010-06-01' },
    accessKeyId: ACCOUNT.accessKeyId,
    secretAccessKey: ACCOUNT.secretAccessKey,
    now: NOW,
    ...overrides,
  });
}

function req(bodyParams: Record<string, string>, extra: Partial<AuthRequest> = {}): AuthRequest {
  return { method: 'POST', host: HOST, path: '/', bodyParams, uriParams: {}, ...extra };
}

function without(params: Record<string, string>, name: string): Record<string, string> {
  const copy = { ...params };
  delete copy[name];
  return copy;
}

describe('authenticate (SigV2)', () => {
  const good = signed();
  const cases: Array<[string, AuthRequest, string | 'ok', Date?]> = [
    ['accepts a correct HmacSHA256 signature', req(good), 'ok'],
    ['accepts HmacSHA1', req(signed({ signatureMethod: 'HmacSHA1' })), 'ok'],
    [
      'signs the host with its port: another port fails',
      req(good, { host: '127.0.0.1:8124' }),
      'SignatureDoesNotMatch',
    ],
    ['host is case-insensitive', req(good, { host: HOST.toUpperCase() }), 'ok'],
    ['missing Signature', req(without(good, 'Signature')), 'MissingAuthenticationToken'],
    ['missing AWSAccessKeyId', req(without(good, 'AWSAccessKeyId')), 'MissingAuthenticationToken'],
    ['SignatureVersion 1', req({ ...good, SignatureVersion: '1' }), 'IncompleteSignature'],
    ['SignatureVersion missing', req(without(good, 'SignatureVersion')), 'IncompleteSignature'],
    ['unknown SignatureMethod', req({ ...good, SignatureMethod: 'HmacMD5' }), 'InvalidParameterValue'],
    [
      'Timestamp and Expires together',
      req({ ...good, Expires: '2011-06-20T23:00:00Z' }),
      'InvalidParameterValue',
    ],
    ['neither Timestamp nor Expires', req(without(good, 'Timestamp')), 'IncompleteSignature'],
    ['Timestamp not ISO 8601', req({ ...good, Timestamp: 'yesterday' }), 'InvalidParameterValue'],
    ['unknown access key', req({ ...good, AWSAccessKeyId: 'AKIANOTAREALKEY00000' }), 'InvalidClientTokenId'],
    ['a tampered parameter', req({ ...good, Version: '2010-06-03' }), 'SignatureDoesNotMatch'],
    ['just inside the skew window', req(good), 'ok', new Date(NOW.getTime() + CLOCK_SKEW_WINDOW_MS)],
    [
      'just outside the skew window (late)',
      req(good),
      'RequestExpired',
      new Date(NOW.getTime() + CLOCK_SKEW_WINDOW_MS + 1000),
    ],
    [
      'just outside the skew window (early)',
      req(good),
      'RequestExpired',
      new Date(NOW.getTime() - CLOCK_SKEW_WINDOW_MS - 1000),
    ],
  ];
  it.each(cases)('%s', (_name, request, expected, now) => {
    const result = authenticate(request, ACCOUNTS, now ?? NOW);
    expect(result.ok ? 'ok' : result.code).toBe(expected);
  });

  it('accepts Expires (with an offset) until it passes', () => {
    const params: Record<string, string> = {
      Action: 'ListJobs',
      AWSAccessKeyId: ACCOUNT.accessKeyId,
      SignatureVersion: '2',
      SignatureMethod: 'HmacSHA256',
      Expires: '2011-06-20T16:00:00-07:00',
    };
    params.Signature = computeSignature(
      stringToSign({ method: 'POST', host: HOST, path: '/', params }),
      ACCOUNT.secretAccessKey,
      'HmacSHA256',
    );
    expect(authenticate(req(params), ACCOUNTS, NOW).ok).toBe(true);
    const later = new Date('2011-06-20T23:00:01Z');
    const result = authenticate(req(params), ACCOUNTS, later);
    expect(result.ok ? 'ok' : result.code).toBe('RequestExpired');
  });

  it('accepts a signature over the body alone or over body + URI parameters (/?Operation=X)', () => {
    const bodyOnly = signed();
    const uri = { Operation: 'ListJobs' };
    expect(authenticate(req(bodyOnly, { uriParams: uri }), ACCOUNTS, NOW).ok).toBe(true);
    const both = signQueryRequest({
      host: HOST,
      params: { Action: 'ListJobs', Version: '2010-06-01', Operation: 'ListJobs' },
      accessKeyId: ACCOUNT.accessKeyId,
      secretAccessKey: ACCOUNT.secretAccessKey,
      now: NOW,
    });
    const body = without(both, 'Operation');
    expect(authenticate(req(body, { uriParams: uri }), ACCOUNTS, NOW).ok).toBe(true);
  });

  it('verifies GET requests over the query string', () => {
    const params = signQueryRequest({
      method: 'GET',
      host: HOST,
      params: { Action: 'ListJobs' },
      accessKeyId: ACCOUNT.accessKeyId,
      secretAccessKey: ACCOUNT.secretAccessKey,
      now: NOW,
    });
    expect(authenticate(req({}, { method: 'GET', uriParams: params }), ACCOUNTS, NOW).ok).toBe(true);
  });

  it('names the missing parameter and never echoes the secret', () => {
    const result = authenticate(req(without(good, 'Signature')), ACCOUNTS, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('Signature');
      expect(result.message).not.toContain(ACCOUNT.secretAccessKey);
    }
  });
});
