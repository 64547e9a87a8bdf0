/**
 * The station's request guards, as pure functions: a per-run token, and Host/Origin checks that keep a
 * web page elsewhere (or a DNS-rebound name) from driving the drives of this machine.
 */
import { timingSafeEqual } from 'node:crypto';

/** The WebSocket subprotocol that carries the token (browsers cannot set headers on a WebSocket). */
export const TOKEN_SUBPROTOCOL_PREFIX = 'dockhand.token.';
export const TOKEN_HEADER = 'x-dockhand-token';

export type GuardRefusal =
  | { reason: 'foreign-host'; status: 421; message: string }
  | { reason: 'foreign-origin'; status: 403; message: string }
  | { reason: 'missing-token'; status: 401; message: string }
  | { reason: 'wrong-token'; status: 401; message: string };

export type GuardResult = { ok: true } | ({ ok: false } & GuardRefusal);

/** `Host` values this station answers to: the loopback names on its port, and the address it was bound to. */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  hosts.add(
    boundHost.includes(':') && !boundHost.startsWith('[') ? `[${boundHost}]:${port}` : `${boundHost}:${port}`,
  );
  return hosts;
}

export function checkHost(host: string | undefined, allowed: ReadonlySet<string>): GuardResult {
  if (host && allowed.has(host.toLowerCase())) return { ok: true };
  return {
    ok: false,
    reason: 'foreign-host',
    status: 421,
    message: `Host "${host ?? ''}" is not this station; open the URL dockhand station printed.`,
  };
}

/** An absent Origin is a same-origin navigation or a non-browser client; a present one must be ours. */
export function checkOrigin(origin: string | undefined, allowed: ReadonlySet<string>): GuardResult {
  if (origin === undefined) return { ok: true };
  let host: string;
  try {
    const u = new URL(origin);
    if (u.protocol !== 'http:') throw new Error('scheme');
    host = u.host;
  } catch {
    host = '';
  }
  if (host && allowed.has(host.toLowerCase())) return { ok: true };
  return {
    ok: false,
    reason: 'foreign-origin',
    status: 403,
    message: `Requests from ${origin} are refused; only the station's own page may call it.`,
  };
}

export function checkToken(given: string | undefined, expected: string): GuardResult {
  if (!given) {
    return {
      ok: false,
      reason: 'missing-token',
      status: 401,
      message: 'No station token; open the full URL dockhand station printed (it ends in #token=...).',
    };
  }
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  if (a.length === b.length && timingSafeEqual(a, b)) return { ok: true };
  return {
    ok: false,
    reason: 'wrong-token',
    status: 401,
    message:
      'The station token is wrong (each run has a new one); open the URL this run of dockhand station printed.',
  };
}

/** The token from a `Sec-WebSocket-Protocol` header: `dockhand.token.<token>` among the offered protocols. */
export function tokenFromSubprotocols(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const p of header.split(',')) {
    const v = p.trim();
    if (v.startsWith(TOKEN_SUBPROTOCOL_PREFIX)) return v.slice(TOKEN_SUBPROTOCOL_PREFIX.length);
  }
  return undefined;
}

/** Strict: only our own scripts and styles, no inline code, no framing, talk only to ourselves. */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    'frame-src blob:',
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
