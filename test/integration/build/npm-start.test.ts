/**
 * `npm start` (build/start.js) where Electron's binary cannot be fetched, as on this machine: one short
 * attempt a day, remembered with its time; the station serves the UI instead; signals are passed on; a
 * child killed by a signal is a failure. The fetch goes to a local mirror that answers 404 and counts the
 * requests, so the test never downloads Electron, whatever the network.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectron } from '../../../build/electron-build.js';
import { ROOT } from '../../helpers/cli';

const present = findElectron({ fetch: false });
let work: string;
let mirror: http.Server;
let mirrorHits = 0;
let stateFile: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'dockhand-npm-start-'));
  stateFile = path.join(work, 'cache', 'electron-fetch.json');
  mirror = http.createServer((_req, res) => {
    mirrorHits++;
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  mirror.close();
  await rm(work, { recursive: true, force: true });
});

interface Started {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitFor(pattern: RegExp): Promise<string>;
}

function npmStart(): Started {
  const { port } = mirror.address() as AddressInfo;
  const child = spawn(process.execPath, ['build/start.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DOCKHAND_HOME: path.join(work, 'home'),
      DOCKHAND_ELECTRON_FETCH_STATE: stateFile,
      DOCKHAND_FETCH_ELECTRON: '',
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      electron_config_cache: path.join(work, 'electron-cache'),
    },
  });
  const lines: string[] = [];
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    let nl: number;
    while ((nl = out.indexOf('\n')) >= 0) {
      lines.push(out.slice(0, nl));
      out = out.slice(nl + 1);
    }
  });
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = async (pattern: RegExp): Promise<string> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const line = lines.find((l) => pattern.test(l));
      if (line) return line;
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`no line matching ${pattern}: ${lines.join('\n')}\n${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, lines, stderr: () => err, exited, waitFor };
}

function get(url: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

/** The station process start.js runs (its only child). */
function childPidOf(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
  return Number(children[0]);
}

describe.skipIf(present.binary !== undefined)('npm start without an Electron binary', () => {
  it('tries once, remembers the failure, serves the station, and ends cleanly on SIGTERM', async () => {
    const run = npmStart();
    const first = await run.waitFor(/^Electron binary not available/);
    expect(first).toContain('could not be fetched');
    expect(first).toContain('dockhand station');
    expect(mirrorHits).toBeGreaterThan(0);
    const state = JSON.parse(await readFile(stateFile, 'utf8')) as { failedAt: string; reason: string };
    expect(Date.now() - Date.parse(state.failedAt)).toBeLessThan(120_000);
    const station = await run.waitFor(/^dockhand station on http/);
    const url = new URL(/(http:\/\/\S+)/.exec(station)?.[1] ?? 'http://invalid/');
    expect(await get(new URL('/', url))).toBe(200);
    run.child.kill('SIGTERM');
    // Forwarded: the station stops cleanly, so npm start does too.
    expect(await run.exited).toEqual({ code: 0, signal: null });
  });

  it('does not try again within a day, and says when it will', async () => {
    const hitsBefore = mirrorHits;
    const stateBefore = await readFile(stateFile, 'utf8');
    const run = npmStart();
    const first = await run.waitFor(/^Electron binary not available/);
    expect(first).toMatch(/the next attempt is after \d{4}-\d\d-\d\dT/);
    expect(first).toContain('DOCKHAND_FETCH_ELECTRON=1');
    expect(mirrorHits).toBe(hitsBefore);
    expect(await readFile(stateFile, 'utf8')).toBe(stateBefore);
    await run.waitFor(/^dockhand station on http/);
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 0, signal: null });
  });

  it('tries again once the day is over', async () => {
    const old = new Date(Date.now() - 25 * 60 * 60 * 1000).toISOString();
    await writeFile(stateFile, JSON.stringify({ failedAt: old, reason: 'earlier' }));
    const hitsBefore = mirrorHits;
    const run = npmStart();
    await run.waitFor(/^Electron binary not available \(its binary could not be fetched:/);
    expect(mirrorHits).toBeGreaterThan(hitsBefore);
    await run.waitFor(/^dockhand station on http/);
    run.child.kill('SIGTERM');
    await run.exited;
  });

  it('fails when its child is killed by a signal', async () => {
    const run = npmStart();
    await run.waitFor(/^dockhand station on http/);
    process.kill(childPidOf(run.child.pid as number), 'SIGKILL');
    expect(await run.exited).toEqual({ code: 128 + 9, signal: null });
    expect(run.stderr()).toContain('dockhand station was killed by SIGKILL');
  });
});
