/**
 * `dockhand service` as a real process: the CLI contract (one stdout line, logs on stderr, SIGTERM exits 0)
 * and durability (every CreateJob that was answered survives a SIGKILL in the middle of a burst), plus what
 * an in-process restart on the same data dir must keep.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify as stringifyYaml } from 'yaml';
import {
  ACCOUNT_A,
  makeTempDir,
  manifest,
  postSigned,
  sdkClient,
  sdkError,
  startTestService,
  testConfig,
} from '../../helpers/service';
import { startService } from '../../../electron/service/index';
import { openDock } from '../../../electron/service/dock/index';
import { parseResponseXml } from '../../../electron/protocol/xml';
import { DOCKHAND_CLI } from '../../helpers/cli';

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
    [DOCKHAND_CLI, 'service', '--port', '0', '--data-dir', dataDir, '--config', configPath],
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

/** Runs `dockhand service ...` expecting it to refuse to start; returns its exit code and output. */
function runToExit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [DOCKHAND_CLI, 'service', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), STARTUP_TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('dockhand service (process)', () => {
  it('refuses a missing or invalid config file with an error naming the file and the field', async () => {
    const { dataDir, configPath } = await setup();
    const missing = await runToExit(['--port', '0', '--data-dir', dataDir, '--config', `${configPath}.nope`]);
    expect(missing.code).not.toBe(0);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain(`${configPath}.nope`);

    await writeFile(
      configPath,
      stringifyYaml({ accounts: [{ accessKeyId: ACCOUNT_A.accessKeyId, buckets: [] }] }),
    );
    const invalid = await runToExit(['--port', '0', '--data-dir', dataDir, '--config', configPath]);
    expect(invalid.code).not.toBe(0);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr).toContain(configPath);
    expect(invalid.stderr).toContain('secretAccessKey');
  });

  it('refuses a port already in use, naming it', async () => {
    const { dataDir, configPath } = await setup();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const res = await runToExit(['--port', String(port), '--data-dir', dataDir, '--config', configPath]);
      expect(res.code).not.toBe(0);
      expect(res.stdout).toBe('');
      expect(res.stderr).toContain(String(port));
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

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

describe('restarts (in process)', () => {
  it('keep the daily quota, cancellations, dock state and manifests', async () => {
    const dataDir = await makeTempDir('dockhand-restart-');
    dirs.push(dataDir);
    const first = await startTestService({ dataDir, config: { createJobDailyQuota: 3 } });
    const a1 = sdkClient(first, ACCOUNT_A);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const text = manifest('s3-import', ACCOUNT_A, { deviceId: `RESTART-${i}` });
      ids.push(
        (await a1.createJob({ JobType: 'Import', Manifest: text, ValidateOnly: false }).promise()).JobId ??
          '',
      );
    }
    const [canceled, started, untouched] = ids as [string, string, string];
    await a1.cancelJob({ JobId: canceled }).promise();
    const dock = openDock(dataDir);
    dock.receive(started);
    dock.start(started);
    dock.close();
    await first.close();

    const second = await startTestService({ dataDir, config: { createJobDailyQuota: 3 } });
    try {
      const a2 = sdkClient(second, ACCOUNT_A);
      const quota = await sdkError(
        a2.createJob({ JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: false }).promise(),
      );
      expect(quota.code).toBe('CreateJobQuotaExceededException');
      expect((await a2.getStatus({ JobId: canceled }).promise()).ProgressCode).toBe('Canceled');
      expect((await a2.getStatus({ JobId: started }).promise()).ProgressCode).toBe('InProgress');
      const s = await a2.getStatus({ JobId: untouched }).promise();
      expect(s.CurrentManifest).toBe(manifest('s3-import', ACCOUNT_A, { deviceId: 'RESTART-2' }));
      const listed = await a2.listJobs({}).promise();
      expect(listed.Jobs?.map((j) => [j.JobId, j.IsCanceled])).toEqual([
        [untouched, false],
        [started, false],
        [canceled, true],
      ]);
    } finally {
      await second.close();
    }
  });

  it('keep the demo account created when no config is given', async () => {
    const dataDir = await makeTempDir('dockhand-demo-');
    dirs.push(dataDir);
    const first = await startService({ host: '127.0.0.1', port: 0, dataDir, log: () => undefined });
    const demo = first.accounts[0];
    expect(demo?.accessKeyId).toMatch(/^[A-Z0-9]{16,32}$/);
    if (!demo) throw new Error('no demo account');
    const bucket = demo.buckets[0]?.name ?? '';
    const text = manifest('s3-import', ACCOUNT_A, {
      accessKeyId: demo.accessKeyId,
      bucket,
      logBucket: bucket,
    });
    const id =
      (
        await sdkClient(first, demo)
          .createJob({ JobType: 'Import', Manifest: text, ValidateOnly: false })
          .promise()
      ).JobId ?? '';
    await first.close();
    const second = await startService({ host: '127.0.0.1', port: 0, dataDir, log: () => undefined });
    try {
      expect(second.accounts).toEqual(first.accounts);
      expect((await sdkClient(second, demo).getStatus({ JobId: id }).promise()).JobId).toBe(id);
    } finally {
      await second.close();
    }
  });
});
