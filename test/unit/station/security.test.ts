import { describe, expect, it } from 'vitest';
import {
  allowedHosts,
  checkHost,
  checkOrigin,
  checkToken,
  contentSecurityPolicy,
  tokenFromSubprotocols,
} from '../../../electron/station/security';

const hosts = allowedHosts('127.0.0.1', 4000);

describe('checkHost', () => {
  it.each([
    ['127.0.0.1:4000', true],
    ['localhost:4000', true],
    ['LOCALHOST:4000', true],
    ['[::1]:4000', true],
    ['127.0.0.1:4001', false],
    ['evil.example:4000', false],
    ['127.0.0.1', false],
    [undefined, false],
  ])('Host %s → allowed %s', (host, ok) => {
    expect(checkHost(host, hosts).ok).toBe(ok);
  });

  it('answers 421 with what to do for a rebound name', () => {
    const r = checkHost('attacker.example:4000', hosts);
    expect(r).toMatchObject({ ok: false, status: 421, reason: 'foreign-host' });
  });

  it('accepts the explicit bind address given with --host', () => {
    expect(checkHost('10.0.0.5:4000', allowedHosts('10.0.0.5', 4000)).ok).toBe(true);
  });
});

describe('checkOrigin', () => {
  it.each([
    [undefined, true],
    ['http://127.0.0.1:4000', true],
    ['http://localhost:4000', true],
    ['https://127.0.0.1:4000', false],
    ['http://127.0.0.1:4001', false],
    ['http://evil.example', false],
    ['null', false],
    ['file://', false],
  ])('Origin %s → allowed %s', (origin, ok) => {
    expect(checkOrigin(origin, hosts).ok).toBe(ok);
  });
});

describe('checkToken', () => {
  it.each([
    ['s3cret-token', true, undefined],
    ['s3cret-tokem', false, 'wrong-token'],
    ['s3cret', false, 'wrong-token'],
    ['', false, 'missing-token'],
    [undefined, false, 'missing-token'],
  ])('token %s → %s', (given, ok, reason) => {
    const r = checkToken(given, 's3cret-token');
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.reason).toBe(reason);
  });
});

describe('tokenFromSubprotocols', () => {
  it.each([
    ['dockhand.token.abc', 'abc'],
    ['chat, dockhand.token.xyz_-1', 'xyz_-1'],
    ['chat', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, token) => {
    expect(tokenFromSubprotocols(header)).toBe(token);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows no inline script, no eval, no framing and no foreign connections', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self'");
  });
});
