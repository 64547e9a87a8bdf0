/**
 * The README's two commands on a machine without libsecret's headers: a clean clone of this repository
 * installs with `npm ci` while pkg-config cannot find libsecret (so keytar, an optional dependency, cannot be
 * built and is skipped), SQLite works from its prebuilt binary, `npm start` serves the app (the station
 * fallback, since Electron's binary cannot be fetched here), and the CLI says the keychain is unavailable and
 * what to install. Slow (a full `npm ci`, about two minutes from a warm npm cache): it is the install test.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const INSTALL_TIMEOUT_MS = 240_000;
const START_TIMEOUT_MS = 60_000;

const hasGit = spawnSync('git', ['--version']).status === 0;
const skipReason = hasGit ? '' : 'git is not installed';
if (skipReason && process.env.CI === 'true') throw new Error(`CI=true but ${skipReason}`);

let work: string;
let clone: string;
let install: { status: number | null; output: string; seconds: number };

/** The environment of a machine where pkg-config knows no libsecret and nothing of the developer's leaks in. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) =>
        !k.startsWith('npm_') && !k.startsWith('AWS_') && !k.startsWith('DOCKHAND_') && k !== 'NODE_OPTIONS',
    ),
  );
  return { ...env, PKG_CONFIG_LIBDIR: path.join(work, 'empty-pkgconfig'), PKG_CONFIG_PATH: '', ...extra };
}

function run(
  cmd: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
) {
  const r = spawnSync(cmd, args, {
    cwd: clone,
    env: options.env ?? cleanEnv(),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(Boolean(skipReason))('a clean clone without libsecret-1-dev', () => {
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'dockhand-clean-clone-'));
    clone = path.join(work, 'dockhand');
    mkdirSync(path.join(work, 'empty-pkgconfig'));
    const cloned = spawnSync('git', ['clone', '--quiet', ROOT, clone], { encoding: 'utf8' });
    if (cloned.status !== 0) throw new Error(`git clone failed: ${cloned.stderr}`);
    const started = Date.now();
    const r = run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], {
      timeoutMs: INSTALL_TIMEOUT_MS,
    });
    install = { status: r.status, output: r.stdout + r.stderr, seconds: (Date.now() - started) / 1000 };
    console.log(`clean clone: npm ci took ${install.seconds.toFixed(0)} s`);
  }, INSTALL_TIMEOUT_MS + 30_000);

  afterAll(() => {
    // Removing ~600 installed packages takes a minute on a busy disk; it goes on after the test, detached.
    if (work) spawn('rm', ['-rf', work], { detached: true, stdio: 'ignore' }).unref();
  });

  it('installs, skipping keytar and building nothing for SQLite', () => {
    expect(install.status, install.output.slice(-3000)).toBe(0);
    // pkg-config could not find libsecret, so keytar was not built and npm left it out.
    expect(run('node', ['-e', "require('keytar')"]).status).not.toBe(0);
    // SQLite is the prebuilt N-API binary from the npm package: it opens a database without any build step.
    const sqlite = run('node', [
      '-e',
      "const { DatabaseSync } = require('@photostructure/sqlite'); const d = new DatabaseSync(':memory:'); " +
        "console.log(d.prepare('select sqlite_version() as v').get().v)",
    ]);
    expect(sqlite.status, sqlite.stderr).toBe(0);
    expect(sqlite.stdout.trim()).toMatch(/^3\.\d+\.\d+$/);
  });

  it(
    'serves the app with npm start (the station fallback where Electron cannot be fetched)',
    async () => {
      const home = path.join(work, 'home');
      const child = spawn('npm', ['start', '--', '--port', '0'], {
        cwd: clone,
        // A mirror that refuses at once: this machine cannot fetch Electron's binary, and the test need not wait.
        env: cleanEnv({
          ELECTRON_MIRROR: 'http://127.0.0.1:9/',
          DOCKHAND_HOME: home,
          DOCKHAND_ELECTRON_FETCH_STATE: path.join(work, 'electron-fetch.json'),
        }),
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      try {
        const url = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`no station URL within ${START_TIMEOUT_MS} ms:\n${output}`)),
            START_TIMEOUT_MS,
          );
          const onData = (chunk: Buffer) => {
            output += chunk.toString();
            const m = /dockhand station on (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output);
            if (m?.[1]) {
              clearTimeout(timer);
              resolve(m[1]);
            }
          };
          child.stdout.on('data', onData);
          child.stderr.on('data', onData);
          child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
        });
        expect(output).toMatch(/Electron binary not available .*serving the same UI with dockhand station/);
        const page = await fetch(url);
        expect(page.status).toBe(200);
        const html = await page.text();
        expect(html).toContain('<title>Dockhand</title>');
        const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
        expect(script).toBeDefined();
        expect((await fetch(new URL(script as string, url))).status).toBe(200);
      } finally {
        // The whole group this test started: npm, build/start.js and the station under it.
        if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
      }
    },
    START_TIMEOUT_MS + 10_000,
  );

  it('dockhand configure says the keychain is unavailable and what to install', () => {
    const r = run(
      'node',
      ['dist/cli.mjs', 'configure', '--access-key-id', 'AKIAIOSFODNN7EXAMPLE', '--secret-stdin'],
      {
        input: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
        env: cleanEnv({ DOCKHAND_HOME: path.join(work, 'home') }),
      },
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/OS keychain is not available: keytar.*is not installed/);
    expect(r.stderr).toContain('libsecret-1-dev');
    expect(r.stderr).toContain('Nothing was saved');
    expect(r.stderr + r.stdout).not.toContain('wJalrXUtnFEMI');
  });
});
