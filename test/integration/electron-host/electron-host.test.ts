/**
 * The BUILT Electron main entry (dist/main.mjs), loaded under Node with a stand-in for the `electron` module
 * (stand-in-electron.mjs, which cites Electron's docs where it models Electron), driven through the real
 * wiring: the page and its assets come through the app:// handler with the CSP, IPC is answered for the
 * app's own page and refused for every other frame, the sandboxed preload's bridge reaches the handlers,
 * and an inventory started over IPC finishes (the hashing worker is found). All of it runs twice: from
 * dist/ where the build put it, and from a copy of dist/ moved to another directory.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli';
import { moveBuild } from '../../helpers/moved-build';

const HOST = path.join(import.meta.dirname, 'host.mjs');
const PACKAGE = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

interface LogEntry {
  what: string;
  ready: boolean;
  [detail: string]: unknown;
}
interface HostState {
  log: LogEntry[];
  windows: Array<{
    options: { webPreferences: Record<string, unknown> };
    loaded: { url: string; status: number; headers: Record<string, string> };
  }>;
  channels: string[];
  exposed: string[];
  frame: { url: string; origin: string; parentIsNull: boolean };
}
interface Fetched {
  status: number;
  headers: Record<string, string>;
  text: string;
}
type Sender = { kind: 'page' } | { kind: 'gone' } | { kind: 'top' | 'iframe' | 'other-window'; url: string };
type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

class Host {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly exited: Promise<number | null>;
  stderr = '';

  private constructor(private readonly child: ChildProcess) {
    child.stderr?.on('data', (c: Buffer) => (this.stderr += c.toString()));
    child.on('message', (m: { id?: number; value?: unknown; error?: string }) => {
      const p = m.id === undefined ? undefined : this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id as number);
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve(m.value);
    });
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  static async start(distDir: string, home: string, cwd: string): Promise<Host> {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
    const child = fork(HOST, [distDir], {
      cwd,
      env: { ...env, DOCKHAND_HOME: home },
      execArgv: [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const host = new Host(child);
    await new Promise<void>((resolve, reject) => {
      child.on('message', (m: { type?: string; message?: string }) => {
        if (m.type === 'ready') resolve();
        if (m.type === 'failed') reject(new Error(`${m.message}\n${host.stderr}`));
      });
      void host.exited.then((code) =>
        reject(new Error(`host exited (${code}) before ready:\n${host.stderr}`)),
      );
    });
    return host;
  }

  request<T>(message: Record<string, unknown>): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ ...message, id });
    });
  }

  state = () => this.request<HostState>({ op: 'state' });
  fetch = (url: string) => this.request<Fetched>({ op: 'fetch', url });
  invoke = (sender: Sender, operation: string, args: unknown = {}) =>
    this.request<Answer>({ op: 'invoke', channel: `dockhand:${operation}`, args, sender });
  bridge = (operation: string, args: unknown = {}) => this.request<Answer>({ op: 'bridge', operation, args });

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'dockhand-electron-host-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe.each([
  ['where the build put it', 'in-place'],
  ['after dist/ is moved to another directory', 'moved'],
])('the built main entry, %s', (_title, layout) => {
  let host: Host;
  let distDir: string;
  let home: string;

  beforeAll(async () => {
    const base = path.join(work, layout);
    home = path.join(base, 'home');
    const cwd = path.join(base, 'cwd');
    await mkdir(cwd, { recursive: true });
    distDir =
      layout === 'moved' ? (await moveBuild(path.join(base, 'installed'))).distDir : path.join(ROOT, 'dist');
    host = await Host.start(distDir, home, cwd);
  });
  afterAll(() => host?.kill());

  it('names the app and its data directory before ready, then takes the single-instance lock under it', async () => {
    const { log } = await host.state();
    const at = (what: string) => log.findIndex((e) => e.what === what);
    expect(log[at('app.setName')]).toMatchObject({ ready: false, name: 'Dockhand' });
    expect(log[at('app.setPath')]).toMatchObject({
      ready: false,
      name: 'userData',
      value: path.join(home, 'electron'),
    });
    const lock = log[at('app.requestSingleInstanceLock')];
    expect(lock).toMatchObject({ ready: false, name: 'Dockhand', userData: path.join(home, 'electron') });
    expect(at('app.setName')).toBeLessThan(at('app.requestSingleInstanceLock'));
    expect(log[at('protocol.registerSchemesAsPrivileged')]?.ready).toBe(false);
    expect(log[at('app.enableSandbox')]?.ready).toBe(false);
    expect(log[at('protocol.handle')]).toMatchObject({ ready: true, scheme: 'app' });
  });

  it('opens one sandboxed window whose preload is the built one beside the entry', async () => {
    const { windows, exposed } = await host.state();
    expect(windows).toHaveLength(1);
    expect(windows[0]?.options.webPreferences).toMatchObject({
      preload: path.join(distDir, 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
    });
    // The preload ran with a require that knows only 'electron', and exposed one function per operation.
    expect(exposed).toContain('inventory.start');
    expect(exposed).toContain('on');
  });

  it('serves the page and every asset it names through app:// with the CSP, and nothing outside the renderer', async () => {
    const { windows } = await host.state();
    expect(windows[0]?.loaded).toMatchObject({ url: 'app://dockhand/index.html', status: 200 });
    const page = await host.fetch('app://dockhand/index.html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const assets = [...page.text.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const res = await host.fetch(`app://dockhand/${asset}`);
      expect(res.status, asset).toBe(200);
      expect(res.headers['content-type']).toMatch(
        asset?.endsWith('.css') ? /^text\/css/ : /^text\/javascript/,
      );
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    }
    for (const outside of [
      'app://dockhand/..%2f..%2fpackage.json',
      'app://dockhand/%2e%2e/%2e%2e/package.json',
      'app://dockhand/..%2fmain.mjs',
      'app://elsewhere/index.html',
    ]) {
      expect((await host.fetch(outside)).status, outside).toBe(404);
    }
  });

  it("answers IPC from the app's own top-level page, through the preload's bridge too", async () => {
    const expected = {
      ok: true,
      value: { version: PACKAGE.version, host: 'electron', localTestEndpoint: true },
    };
    expect(await host.invoke({ kind: 'page' }, 'app.info')).toMatchObject(expected);
    expect(await host.bridge('app.info')).toMatchObject(expected);
    // The page's frame as Electron describes it: the main process parses app:// with an opaque origin, which
    // is why the check compares scheme and host rather than URL.origin.
    const { frame } = await host.state();
    expect(frame).toEqual({ url: 'app://dockhand/index.html', origin: 'app://dockhand', parentIsNull: true });
    expect(new URL(frame.url).origin).toBe('null');
  });

  it.each<[string, Sender]>([
    [
      'an iframe in the page (the label preview)',
      { kind: 'iframe', url: 'blob:app://dockhand/7d3c1c6e-0f1a' },
    ],
    ['an app:// iframe in the page', { kind: 'iframe', url: 'app://dockhand/index.html' }],
    ['the window navigated to another site', { kind: 'top', url: 'https://evil.example/index.html' }],
    ['another host on our scheme', { kind: 'top', url: 'app://evil/index.html' }],
    ['our host with credentials smuggled in', { kind: 'top', url: 'app://evil@dockhand/index.html' }],
    ['our host on a port', { kind: 'top', url: 'app://dockhand:8080/index.html' }],
    ['a file: page', { kind: 'top', url: 'file:///tmp/index.html' }],
    ['a data: page (opaque origin "null")', { kind: 'top', url: 'data:text/html,<script>1</script>' }],
    ['a frame that is gone', { kind: 'gone' }],
    ['another window showing our page', { kind: 'other-window', url: 'app://dockhand/index.html' }],
  ])('refuses IPC from %s, before any handler runs', async (_what, sender) => {
    const answer = await host.invoke(sender, 'settings.set', { endpointUrl: 'http://127.0.0.1:1' });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'Refused', message: 'This window may not call Dockhand.' },
    });
    const settings = await host.invoke({ kind: 'page' }, 'settings.get');
    expect(JSON.stringify(settings)).not.toContain('127.0.0.1:1');
  });

  it('takes an inventory started over IPC to the end: the hashing worker is found', async () => {
    const device = path.join(home, '..', 'device');
    await mkdir(path.join(device, 'photos'), { recursive: true });
    for (let i = 0; i < 5; i++)
      await writeFile(path.join(device, 'photos', `img-${i}.jpg`), Buffer.alloc(4096, i));
    const form = {
      kind: 's3-import',
      deviceId: 'SN-HOST-1',
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
    const formatted = (await host.bridge('manifest.format', { form })) as Answer;
    expect(formatted.ok).toBe(true);
    const manifestText = (formatted as { value: { text: string } }).value.text;
    const inv = await host.bridge('inventory.start', {
      runId: `run-${layout}`,
      drive: { device: '/dev/zram98', serial: 'SN-HOST-1', sizeBytes: 64 * 1024 * 1024, mountpoint: device },
      manifestText,
      jobType: 'Import',
    });
    expect(inv).toMatchObject({ ok: true, value: { files: 5, bytes: 5 * 4096, importedFiles: 5 } });
    const events = await host.request<Array<{ runId: string; progress: { phase: string } }>>({
      op: 'events',
    });
    expect(events.some((e) => e.runId === `run-${layout}` && e.progress.phase === 'hashing')).toBe(true);
  });

  it('quits when its window closes, holding the quit until its core (endpoint, journal) has closed', async () => {
    void host.request({ op: 'quit' }).catch(() => undefined);
    expect(await host.exited).toBe(0);
    const calls = JSON.parse(/stand-in quit: (.*)/.exec(host.stderr)?.[1] ?? '[]') as string[];
    // The first quit is held ('will-quit' prevented) while the core closes; the second goes through.
    expect(calls.slice(calls.indexOf('app.quit'))).toEqual(['app.quit', 'app.quit', 'quit']);
  });
});
