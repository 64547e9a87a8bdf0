/** The printing errors a user meets on a machine without CUPS or without a running scheduler, for real. */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabelError } from '../../../electron/labels/errors';
import { cupsRunner, listPrinters, printPdf, type CommandRunner } from '../../../electron/labels/printers';

function hasLpstat(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v lpstat && command -v lp'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const clients = hasLpstat();
if (!clients) {
  if (process.env.CI === 'true')
    throw new Error('printing tests cannot run: no lpstat/lp (apt-get install -y cups-client cups-bsd)');
  console.warn('skipping CUPS client tests: no lpstat/lp (apt-get install -y cups-client cups-bsd)');
}

let dir: string;
let pdf: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dockhand-print-'));
  pdf = path.join(dir, 'label.pdf');
  await writeFile(pdf, '%PDF-1.4\n%%EOF\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(p: Promise<unknown>): Promise<LabelError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LabelError);
  return err as LabelError;
}

describe('printing without CUPS', () => {
  // The real clients, looked up under a directory that does not hold them: what a machine without CUPS sees.
  const missing: CommandRunner = (command, args) =>
    cupsRunner()(path.join('/nonexistent-cups', command), args);

  it('names the missing command, how to install it, and --save', async () => {
    const err = await failure(listPrinters(missing));
    expect(err.code).toBe('CupsMissing');
    expect(err.message).toMatch(/lpstat" is not installed: install CUPS .*apt-get install cups/);
    expect(err.message).toContain('--save FILE');
  });

  it('refuses a file that is not a PDF before looking for printers', async () => {
    const notPdf = path.join(dir, 'notes.txt');
    await writeFile(notPdf, 'hello');
    const err = await failure(printPdf(notPdf, {}, missing));
    expect(err.code).toBe('NotAPdf');
    expect(err.message).toContain(notPdf);
    expect((await failure(printPdf(path.join(dir, 'gone.pdf'), {}, missing))).code).toBe(
      'LabelFileUnreadable',
    );
  });

  it('refuses a silly number of copies', async () => {
    expect((await failure(printPdf(pdf, { copies: 0 }, missing))).message).toMatch(
      /copies must be a whole number/,
    );
  });
});

describe.skipIf(!clients)('printing with the scheduler down', () => {
  // CUPS_SERVER at a closed loopback port: the clients are real, the scheduler is unreachable.
  const down = cupsRunner({ CUPS_SERVER: '127.0.0.1:9' });

  it('says cupsd is not running and how to start it, not "no printers"', async () => {
    const err = await failure(listPrinters(down));
    expect(err.code).toBe('SchedulerNotRunning');
    expect(err.message).toMatch(/scheduler \(cupsd\) is not running: start it/);
  });

  it('printPdf says the same rather than "unknown printer"', async () => {
    expect((await failure(printPdf(pdf, { printer: 'anything' }, down))).code).toBe('SchedulerNotRunning');
  });
});
