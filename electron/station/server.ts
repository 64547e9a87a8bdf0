/**
 * The station host: the built renderer and the contract over HTTP (POST /api/<op>) and a WebSocket
 * (/events), on loopback, behind a per-run token and Host/Origin checks.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Emit, EventName, EventPayloads } from '../shared/contract';
import { runtimeLayout } from '../runtime-layout';
import type { AppCore } from '../shared/handlers';
import {
  allowedHosts,
  checkHost,
  checkOrigin,
  checkToken,
  contentSecurityPolicy,
  tokenFromSubprotocols,
  TOKEN_HEADER,
  type GuardResult,
} from './security';

/** Arguments are small JSON objects; a bigger body is refused before it is read in full. */
export const MAX_BODY_BYTES = 256 * 1024;
const TOKEN_BYTES = 24;

/** The project root when running from source (tests, benches); dist/ itself when built. */
export const PROJECT_ROOT = runtimeLayout().baseDir;
export const RENDERER_DIST_DIR = runtimeLayout().rendererDir;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface StationOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer; defaults to dist/renderer. */
  rendererDir?: string;
  /** Builds the contract implementation once the station knows how to emit events. */
  createCore: (emit: Emit) => Promise<AppCore>;
  /** Tests pass a fixed token; otherwise a random one per run. */
  token?: string;
}

export interface RunningStation {
  url: string;
  /** The URL to open: carries the token in the fragment, which the browser never sends to a server. */
  openUrl: string;
  token: string;
  host: string;
  port: number;
  emit: Emit;
  close(): Promise<void>;
}

/**
 * Running from source, builds the renderer with Vite when dist/renderer is missing (a fresh checkout).
 * The built CLI never does: Vite is a development tool, and the build always holds the renderer.
 */
export async function ensureRendererBuilt(
  dir: string = RENDERER_DIST_DIR,
  log?: (line: string) => void,
): Promise<void> {
  if (existsSync(path.join(dir, 'index.html'))) return;
  if (runtimeLayout().kind === 'built') {
    throw new Error(
      `The UI is missing from ${dir}. Run "npm run build" in the Dockhand project to build it.`,
    );
  }
  log?.(`Building the UI into ${path.relative(PROJECT_ROOT, dir)} (first run)...`);
  const { build } = await import('vite');
  await build({ configFile: path.join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

function send(res: http.ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'content-security-policy': contentSecurityPolicy(),
  });
  res.end(body);
}

function refuse(res: http.ServerResponse, guard: Exclude<GuardResult, { ok: true }>): void {
  send(res, guard.status, JSON.stringify({ ok: false, error: { code: 'Refused', message: guard.message } }));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function serveStatic(dir: string, urlPath: string, res: http.ServerResponse): Promise<void> {
  const rel = urlPath === '/' ? 'index.html' : decodeURIComponent(urlPath).replace(/^\/+/, '');
  const file = path.resolve(dir, rel);
  if (!file.startsWith(dir + path.sep)) return send(res, 404, 'Not found', 'text/plain');
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'content-security-policy': contentSecurityPolicy(),
    });
    res.end(body);
  } catch {
    send(res, 404, 'Not found', 'text/plain');
  }
}

export async function startStation(options: StationOptions): Promise<RunningStation> {
  const host = options.host ?? '127.0.0.1';
  const rendererDir = path.resolve(options.rendererDir ?? RENDERER_DIST_DIR);
  const token = options.token ?? randomBytes(TOKEN_BYTES).toString('base64url');
  const sockets = new Set<WebSocket>();
  const emit: Emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
    const frame = JSON.stringify({ event, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  };
  const core = await options.createCore(emit);
  let hosts = new Set<string>();

  const server = http.createServer((req, res) => {
    void (async () => {
      const hostCheck = checkHost(req.headers.host, hosts);
      if (!hostCheck.ok) return refuse(res, hostCheck);
      const originCheck = checkOrigin(req.headers.origin, hosts);
      if (!originCheck.ok) return refuse(res, originCheck);
      const url = new URL(req.url ?? '/', 'http://station');
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST')
          return send(
            res,
            405,
            JSON.stringify({ ok: false, error: { code: 'MethodNotAllowed', message: 'Use POST.' } }),
          );
        const given = req.headers[TOKEN_HEADER];
        const tokenCheck = checkToken(typeof given === 'string' ? given : undefined, token);
        if (!tokenCheck.ok) return refuse(res, tokenCheck);
        let raw: unknown;
        try {
          const body = await readBody(req);
          raw = body ? JSON.parse(body) : {};
        } catch (err) {
          return send(
            res,
            400,
            JSON.stringify({
              ok: false,
              error: {
                code: 'InvalidRequest',
                message: `The request body is not JSON: ${(err as Error).message}`,
              },
            }),
          );
        }
        const result = await core.dispatch(url.pathname.slice('/api/'.length), raw);
        return send(res, 200, JSON.stringify(result));
      }
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return send(res, 405, 'Method not allowed', 'text/plain');
      return serveStatic(rendererDir, url.pathname, res);
    })().catch(() => {
      if (!res.headersSent)
        send(
          res,
          500,
          JSON.stringify({
            ok: false,
            error: { code: 'InternalError', message: 'The station failed; see its terminal.' },
          }),
        );
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024,
    handleProtocols: (protocols) => {
      for (const p of protocols) if (p.startsWith('dockhand.token.')) return p;
      return false;
    },
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://station');
    const checks = [
      checkHost(req.headers.host, hosts),
      checkOrigin(req.headers.origin, hosts),
      checkToken(tokenFromSubprotocols(req.headers['sec-websocket-protocol']), token),
    ];
    const failed = checks.find((c): c is Exclude<GuardResult, { ok: true }> => !c.ok);
    if (url.pathname !== '/events' || failed) {
      const status = failed ? failed.status : 404;
      socket.end(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      // The events socket is one-way; anything a client sends is ignored.
      ws.on('message', () => undefined);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}`;
  return {
    url,
    openUrl: `${url}/#token=${token}`,
    token,
    host,
    port,
    emit,
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await core.close();
    },
  };
}
