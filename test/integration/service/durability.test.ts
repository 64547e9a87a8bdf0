/**
 * `dockhand service` as a real process: the CLI contract (one stdout line, logs on stderr, SIGTERM exits 0)
 * and durability (every CreateJob that was answered survives a SIGKILL in the middle of a burst).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
import { ACCOUNT_A, makeTempDir, manifest, postSigned, testConfig } from '../../helpers/service';
import { parseResponseXml } from '../../../protocol/xml';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const LISTENING = /^dockhand service listening on (http:\/\/\S+)$/;
const STARTUP_TIMEOUT_MS = 20_000;
const BURST_JOBS = 120;
const BURST_CONCURRENCY = 8;
/** Kill once this many CreateJob calls have been answered, so the rest are in flight or queued. */
const KILL_AFTER_ANSWERS = 30;

interface ServiceProcess {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function setup(): Promise<{ dataDir: string; configPath: string }> {
  const dir = await makeTempDir('dockhand-durability-');
  dirs.push(dir);
  const configPath = path.join(dir, 'config.yaml');
  await writeFile(configPath, stringifyYaml(testConfig({ createJobDailyQuota: 10_000 })));
  return { dataDir: path.join(dir, 'data'), configPath };
}

function startProcess(dataDir: string, configPath: string): Promise<ServiceProcess> {
  const child = spawn(
    process.execPath,
    ['bin/dockhand.js', 'service', '--port', '0', '--data-dir', dataDir, '--config', configPath],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`no "dockhand service listening on" line within ${STARTUP_TIMEOUT_MS} ms; stderr:\n${err}`),
      );
    }, STARTUP_TIMEOUT_MS);
    const check = () => {
      const line = out.split('\n')[0] ?? '';
      const m = out.includes('\n') ? LISTENING.exec(line) : null;
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] as string, stdout: () => out, stderr: () => err, exited });
      } else if (out.includes('\n')) {
        clearTimeout(timer);
        reject(new Error(`unexpected first stdout line: ${JSON.stringify(line)}`));
      }
    };
    child.stdout?.on('data', check);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`dockhand service exited (${code ?? signal}) before listening; stderr:\n${err}`));
    });
  });
}

describe('dockhand service (process)', () => {
  it('prints exactly one stdout line, logs to stderr, and exits 0 on SIGTERM', async () => {
    const { dataDir, configPath } = await setup();
    const svc = await startProcess(dataDir, configPath);
    expect(svc.url).toMatch(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+$/);
    const res = await postSigned(svc, ACCOUNT_A, { Action: 'ListJobs' });
    expect(res.status).toBe(200);
    await postSigned(svc, ACCOUNT_A, { Action: 'GetStatus', JobId: 'ZZZZ9' });
    svc.child.kill('SIGTERM');
    const { code, signal } = await svc.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    const lines = svc
      .stdout()
      .split('\n')
      .filter((l) => l.length > 0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(LISTENING);
    // Secrets never reach the logs.
    expect(svc.stderr()).not.toContain(ACCOUNT_A.secretAccessKey);
  });

  it(
    'keeps every answered CreateJob across a SIGKILL in the middle of a burst',
    { timeout: 90_000 },
    async () => {
      const { dataDir, configPath } = await setup();
      const first = await startProcess(dataDir, configPath);
      const answered: string[] = [];
      let failedInFlight = 0;
      let next = 0;
      let killed = false;
      const worker = async () => {
        while (next < BURST_JOBS && !killed) {
          next++;
          try {
            const res = await postSigned(first, ACCOUNT_A, {
              Action: 'CreateJob',
              JobType: 'Import',
              Manifest: manifest('s3-import'),
              ValidateOnly: 'false',
            });
            if (res.status !== 200) throw new Error(`CreateJob answered ${res.status}: ${res.body}`);
            answered.push(parseResponseXml('CreateJob', res.body).result.JobId);
            if (answered.length >= KILL_AFTER_ANSWERS && !killed) {
              killed = true;
              first.child.kill('SIGKILL');
            }
          } catch (err) {
            if (!killed) throw err;
            failedInFlight++;
          }
        }
      };
      await Promise.all(Array.from({ length: BURST_CONCURRENCY }, worker));
      const { signal } = await first.exited;
      expect(signal).toBe('SIGKILL');
      expect(answered.length).toBeGreaterThanOrEqual(KILL_AFTER_ANSWERS);

      const second = await startProcess(dataDir, configPath);
      const missing: string[] = [];
      for (const id of answered) {
        const res = await postSigned(second, ACCOUNT_A, { Action: 'GetStatus', JobId: id });
        if (res.status !== 200) missing.push(`${id}: ${res.status}`);
      }
      expect(
        missing,
        `${missing.length} answered jobs lost (${failedInFlight} calls were in flight)`,
      ).toEqual([]);
      const list = await postSigned(second, ACCOUNT_A, { Action: 'ListJobs', MaxJobs: '1000' });
      expect(list.status).toBe(200);
      const listed = new Set(parseResponseXml('ListJobs', list.body).result.Jobs.map((j) => j.JobId));
      expect(answered.filter((id) => !listed.has(id))).toEqual([]);
      second.child.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);
    },
  );
});
