/**
 * A real CUPS scheduler with a cups-pdf queue for printing tests. It starts cupsd when it is not running
 * (a fresh CI machine has it installed but stopped) and adds the queue `dockhand-test-pdf`; cups-pdf
 * then writes every printed job as a PDF we can read back.
 *
 *   const cups = await testCups();
 *   describe.skipIf(!cups.available)(...)   // cups.skipReason printed; under CI=true it throws instead
 *   const printed = await cups.waitForPrintedPdf(since, 20_000, jobId);
 *
 * The scheduler is left running afterwards, like the system service it is: other test files in the same
 * run may be printing through it.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFile, readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  findCupsPdfDriver,
  parseDestinations,
  parseSchedulerRunning,
} from '../../electron/labels/cups-output';

const run = promisify(execFile);
const C_LOCALE = { ...process.env, LC_ALL: 'C', LANG: 'C' };

export const TEST_QUEUE = 'dockhand-test-pdf';
const CUPS_PDF_CONF = '/etc/cups/cups-pdf.conf';
const SCHEDULER_START_TIMEOUT_MS = 15_000;
const POLL_MS = 100;

export interface TestCups {
  available: boolean;
  skipReason: string;
  queue: string;
  /** Where cups-pdf writes this user's jobs. */
  outputDirs: string[];
  /**
   * The first PDF cups-pdf finished writing after `since` (ms since the epoch), preferring the file
   * of CUPS job `jobId` (`...-job_12.pdf` for `dockhand-test-pdf-12`) when given.
   */
  waitForPrintedPdf(since: number, timeoutMs: number, jobId?: string): Promise<string>;
}

function has(bin: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${bin}`], {
      stdio: 'ignore',
      env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/sbin` },
    });
    return true;
  } catch {
    return false;
  }
}

async function schedulerRunning(): Promise<boolean> {
  const r = await run('lpstat', ['-r'], { env: C_LOCALE }).catch(() => ({ stdout: '' }));
  return parseSchedulerRunning(r.stdout);
}

async function ensureScheduler(): Promise<void> {
  if (await schedulerRunning()) return;
  // cupsd daemonizes itself; it is ready once lpstat sees it.
  await run(has('cupsd') ? 'cupsd' : '/usr/sbin/cupsd', []);
  const deadline = Date.now() + SCHEDULER_START_TIMEOUT_MS;
  while (!(await schedulerRunning())) {
    if (Date.now() > deadline)
      throw new Error(
        `cupsd did not start within ${SCHEDULER_START_TIMEOUT_MS} ms; see /var/log/cups/error_log`,
      );
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function ensureQueue(): Promise<void> {
  const { stdout } = await run('lpstat', ['-e'], { env: C_LOCALE });
  if (parseDestinations(stdout).includes(TEST_QUEUE)) return;
  const drivers = await run('lpinfo', ['-m'], { env: C_LOCALE, maxBuffer: 64 * 1024 * 1024 });
  const driver = findCupsPdfDriver(drivers.stdout);
  if (!driver)
    throw new Error('lpinfo -m lists no CUPS-PDF driver; apt-get install -y printer-driver-cups-pdf');
  await run('lpadmin', ['-p', TEST_QUEUE, '-E', '-v', 'cups-pdf:/', '-m', driver], { env: C_LOCALE });
}

/** cups-pdf's `Out` directory for the current user (`${HOME}` and `${USER}` expanded), and the anonymous one. */
export async function cupsPdfOutputDirs(): Promise<string[]> {
  const user = os.userInfo();
  let out = '/var/spool/cups-pdf/${USER}';
  let anon = '/var/spool/cups-pdf/ANONYMOUS';
  const conf = await readFile(CUPS_PDF_CONF, 'utf8').catch(() => '');
  for (const line of conf.split('\n')) {
    const m = /^\s*(Out|AnonDirName)\s+(\S.*?)\s*$/.exec(line);
    if (m?.[1] === 'Out') out = m[2] as string;
    if (m?.[1] === 'AnonDirName') anon = m[2] as string;
  }
  // cups-pdf runs as root and looks the job's user up in passwd, so HOME is the passwd home.
  const expand = (p: string): string =>
    p.replace(/\$\{HOME\}/g, user.homedir).replace(/\$\{USER\}/g, user.username);
  return [expand(out), expand(anon)];
}

async function newestPdf(
  dirs: string[],
  since: number,
  jobId: string | undefined,
): Promise<string | undefined> {
  const jobNumber = jobId ? /-(\d+)$/.exec(jobId)?.[1] : undefined;
  const candidates: { file: string; mtime: number; size: number }[] = [];
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.pdf'))) {
      if (jobNumber && !name.endsWith(`job_${jobNumber}.pdf`)) continue;
      const file = path.join(dir, name);
      const s = await stat(file).catch(() => undefined);
      if (s && s.mtimeMs >= since - 1000 && s.size > 0)
        candidates.push({ file, mtime: s.mtimeMs, size: s.size });
    }
  }
  candidates.sort((a, b) => b.mtime - a.mtime);
  for (const c of candidates) {
    // cups-pdf writes in place; a file ending in %%EOF is complete.
    const tail = (await readFile(c.file)).subarray(-1024).toString('latin1');
    if (tail.includes('%%EOF')) return c.file;
  }
  return undefined;
}

export async function testCups(): Promise<TestCups> {
  const outputDirs = await cupsPdfOutputDirs();
  const base = {
    queue: TEST_QUEUE,
    outputDirs,
    waitForPrintedPdf: async (since: number, timeoutMs: number, jobId?: string): Promise<string> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = await newestPdf(outputDirs, since, jobId);
        if (found) return found;
        if (Date.now() > deadline) {
          throw new Error(
            `cups-pdf wrote no PDF${jobId ? ` for ${jobId}` : ''} in ${outputDirs.join(' or ')} within ${timeoutMs} ms; see /var/log/cups/error_log`,
          );
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    },
  };
  let reason = '';
  if (process.platform !== 'linux') reason = 'the cups-pdf queue is set up on Linux only';
  else if (process.getuid?.() !== 0) reason = 'not root (starting cupsd and adding a queue need root)';
  else if (!has('cupsd'))
    reason = 'no cupsd (apt-get install -y cups cups-client cups-bsd printer-driver-cups-pdf)';
  else if (!has('lp') || !has('lpstat') || !has('lpadmin'))
    reason = 'no CUPS client tools (apt-get install -y cups-client cups-bsd)';
  if (!reason) {
    try {
      await ensureScheduler();
      await ensureQueue();
    } catch (err) {
      reason = `CUPS could not be prepared: ${(err as Error).message}`;
    }
  }
  if (reason) {
    if (process.env.CI === 'true') throw new Error(`printing tests cannot run: ${reason}`);
    console.warn(`skipping printing tests: ${reason}`);
    return { ...base, available: false, skipReason: reason };
  }
  return { ...base, available: true, skipReason: '' };
}
