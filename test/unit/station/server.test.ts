import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { appPaths } from '../../../electron/app-paths';
import { createAppCore } from '../../../electron/shared/handlers';
import { startStation, type RunningStation } from '../../../electron/station/server';

const TOKEN = 'test-token-0123456789';
let station: RunningStation;
let home: string;

/** Raw requests, so Host and Origin can be anything (fetch would not let us forge them). */
function request(
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: station.port,
        path: pathname,
        method: options.method ?? 'GET',
        headers: options.headers,
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
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (op: string, args: unknown, headers: Record<string, string> = {}) =>
  request(`/api/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dockhand-token': TOKEN, ...headers },
    body: JSON.stringify(args),
  });

beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'dockhand-station-'));
  const rendererDir = path.join(home, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Dockhand</title>');
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKHAND_HOME: home };
  delete env.AWS_ENDPOINT_URL;
  delete env.AWS_ENDPOINT_URL_IMPORTEXPORT;
  station = await startStation({
    token: TOKEN,
    rendererDir,
    createCore: (emit) => createAppCore({ host: 'station', emit, env, paths: appPaths(env) }),
  });
});

afterAll(async () => {
  await station?.close();
  await rm(home, { recursive: true, force: true });
});

describe('dockhand station over HTTP', () => {
  it('prints a loopback URL with the token in the fragment only', () => {
    expect(station.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(station.openUrl).toBe(`${station.url}/#token=${TOKEN}`);
  });

  it('answers a call with the token, on the embedded local test endpoint', async () => {
    const res = await api('app.info', {});
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { ok: boolean; value: { localTestEndpoint: boolean; host: string } };
    expect(body).toMatchObject({ ok: true, value: { localTestEndpoint: true, host: 'station' } });
  });

  it('refuses a call without the token, or with another one', async () => {
    const none = await request('/api/app.info', { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect(none.body).toContain('#token=');
    const wrong = await api('app.info', {}, { 'x-dockhand-token': 'guess' });
    expect(wrong.status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) even with the right token', async () => {
    const res = await api('app.info', {}, { host: `attacker.example:${station.port}` });
    expect(res.status).toBe(421);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    const res = await api('app.info', {}, { origin: 'http://attacker.example' });
    expect(res.status).toBe(403);
    const own = await api('app.info', {}, { origin: station.url });
    expect(own.status).toBe(200);
  });

  it('names the bad argument instead of running the handler', async () => {
    const res = await api('jobs.status', { jobId: '../../etc/passwd' });
    const body = JSON.parse(res.body) as { ok: boolean; error: { code: string; message: string } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('InvalidArguments');
    expect(body.error.message).toContain('jobId');
  });

  it('answers an unknown operation and malformed JSON with errors, not crashes', async () => {
    const unknown = JSON.parse((await api('fs.delete', {})).body) as { ok: boolean; error: { code: string } };
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UnknownOperation' } });
    const bad = await request('/api/app.info', {
      method: 'POST',
      headers: { 'x-dockhand-token': TOKEN },
      body: '{nope',
    });
    expect(bad.status).toBe(400);
  });

  it('serves the UI with a strict CSP and never serves files outside it', async () => {
    const page = await request('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const escape = await request('/..%2f..%2fpackage.json');
    expect(escape.status).toBe(404);
  });

  it('lints a manifest through the real manifest module', async () => {
    const res = await api('manifest.lint', { text: 'manifestVersion: 2.0\nbucket: b\n', jobType: 'Import' });
    const body = JSON.parse(res.body) as {
      ok: true;
      value: { valid: boolean; issues: Array<{ field: string; fix: string }> };
    };
    expect(body.value.valid).toBe(false);
    expect(body.value.issues.length).toBeGreaterThan(0);
    expect(body.value.issues.every((i) => i.fix.length > 0)).toBe(true);
  });
});

describe('dockhand station events over WebSocket', () => {
  const wsUrl = () => `ws://127.0.0.1:${station.port}/events`;

  it('delivers events to a socket that offers the token as subprotocol', async () => {
    const ws = new WebSocket(wsUrl(), [`dockhand.token.${TOKEN}`]);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const got = new Promise<unknown>((resolve) =>
      ws.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
    station.emit('jobs.changed', {
      jobId: 'ABC12',
      location: 'Returned',
      progress: 'Complete',
      message: 'Job ABC12 was returned.',
      carrier: 'UPS',
      trackingNumber: '1Z999',
      trackingUrl: 'https://www.ups.com/track?tracknum=1Z999',
    });
    expect(await got).toMatchObject({ event: 'jobs.changed', payload: { jobId: 'ABC12', carrier: 'UPS' } });
    ws.close();
  });

  it.each([
    ['no token', [] as string[], {}],
    ['a wrong token', ['dockhand.token.nope'], {}],
    ['a foreign Origin', [`dockhand.token.${TOKEN}`], { origin: 'http://attacker.example' }],
  ])('refuses a socket with %s', async (_name, protocols, headers) => {
    const ws = new WebSocket(wsUrl(), protocols, { headers });
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
      ws.once('error', () => resolve(-1));
    });
    expect([401, 403]).toContain(status);
    ws.terminate();
  });
});

describe('a preflight through the station', () => {
  it('streams inventory progress over the socket, never going backwards, and answers with the totals', async () => {
    const root = path.join(home, 'device');
    await mkdir(path.join(root, 'photos'), { recursive: true });
    for (let i = 0; i < 20; i++)
      await writeFile(path.join(root, 'photos', `img-${i}.jpg`), Buffer.alloc(64 * 1024, i));
    const form = {
      kind: 's3-import',
      deviceId: 'SN-STATION-1',
      bucket: 'dockhand-demo',
      returnAddress: {
        name: 'Ada',
        company: 'Engines Ltd',
        street1: '1 Main St',
        city: 'Seattle',
        stateOrProvince: 'WA',
        postalCode: '98109',
        phoneNumber: '206-555-0100',
        country: 'US',
      },
    };
    const formatted = JSON.parse((await api('manifest.format', { form })).body) as {
      ok: true;
      value: { text: string; lint: { valid: boolean } };
    };
    expect(formatted.value.lint.valid).toBe(true);

    const ws = new WebSocket(`ws://127.0.0.1:${station.port}/events`, [`dockhand.token.${TOKEN}`]);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const seen: Array<{ phase: string; bytesDone: number; filesDone: number }> = [];
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as {
        event: string;
        payload: { runId: string; progress: (typeof seen)[number] };
      };
      if (frame.event === 'inventory.progress' && frame.payload.runId === 'run-1')
        seen.push(frame.payload.progress);
    });
    const res = await api('inventory.start', {
      runId: 'run-1',
      drive: { device: '/dev/zram99', serial: 'SN-STATION-1', sizeBytes: 64 * 1024 * 1024, mountpoint: root },
      manifestText: formatted.value.text,
      jobType: 'Import',
    });
    const body = JSON.parse(res.body) as { ok: true; value: { files: number; bytes: number } };
    expect(body).toMatchObject({ ok: true, value: { files: 20, bytes: 20 * 64 * 1024 } });
    await new Promise((r) => setTimeout(r, 50));
    ws.close();
    expect(seen.length).toBeGreaterThan(0);
    const hashing = seen.filter((p) => p.phase === 'hashing');
    for (let i = 1; i < hashing.length; i++) {
      expect(hashing[i]!.bytesDone).toBeGreaterThanOrEqual(hashing[i - 1]!.bytesDone);
    }
    expect(seen[0]?.phase).toBe('scanning');
  });
});
