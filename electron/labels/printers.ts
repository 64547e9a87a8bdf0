/**
 * Printers and printing through CUPS (`lpstat`, `lp`) on Linux and macOS, and through pdf-to-printer on
 * Windows (./windows-printers.ts; electron/platform picks). Every failure names what is wrong and what to do,
 * and points at saving the PDF instead.
 */
import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';
import {
  classifyLpFailure,
  parseDefaultDestination,
  parseDestinations,
  parseRequestId,
  parseSchedulerRunning,
} from './cups-output';
import { assertNever } from '../protocol/status-codes';
import { LabelError, SAVE_INSTEAD_HINT } from './errors';
import { printingBackend } from '../platform/index';
import { listWindowsPrinters, printOnWindows } from './windows-printers';

export interface PrinterList {
  printers: string[];
  defaultPrinter: string | undefined;
}

export interface PrintOptions {
  printer?: string;
  copies?: number;
  /** The CUPS job title; the file's name when absent. */
  title?: string;
}

export interface PrintResult {
  /** CUPS's request id, e.g. `dockhand-test-pdf-12`. */
  jobId: string;
  /** The destination used (the default one when none was asked for). */
  printer: string;
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a CUPS client command; injectable so tests can stand in for a machine without CUPS. */
export type CommandRunner = (command: string, args: string[]) => Promise<CommandResult>;

const CUPS_COMMAND_TIMEOUT_MS = 15_000;
export const MAX_COPIES = 100;

const HOW_TO_INSTALL =
  'install CUPS (Debian/Ubuntu: sudo apt-get install cups cups-client cups-bsd; macOS has it built in)';
const HOW_TO_START = 'start it (sudo systemctl start cups, or run cupsd as root)';

/** Runs the real CUPS clients; `env` overrides (e.g. CUPS_SERVER) apply on top of the process's. */
export const cupsRunner =
  (env: NodeJS.ProcessEnv = {}): CommandRunner =>
  (command, args) =>
    new Promise((resolve, reject) => {
      execFile(
        command,
        args,
        {
          timeout: CUPS_COMMAND_TIMEOUT_MS,
          // CUPS localizes its messages; the parsers read the English ones.
          env: { ...process.env, ...env, LC_ALL: 'C', LANG: 'C' },
        },
        (err, stdout, stderr) => {
          const e = err as (NodeJS.ErrnoException & { code?: number | string }) | null;
          if (e && e.code === 'ENOENT') {
            reject(
              new LabelError(
                'CupsMissing',
                `The CUPS command "${command}" is not installed: ${HOW_TO_INSTALL}, ${SAVE_INSTEAD_HINT}.`,
              ),
            );
            return;
          }
          if (e && typeof e.code !== 'number') {
            reject(new LabelError('PrintFailed', `${command} failed: ${e.message}; ${SAVE_INSTEAD_HINT}.`));
            return;
          }
          resolve({ code: e ? Number(e.code) : 0, stdout, stderr });
        },
      );
    });

export const runCupsCommand: CommandRunner = cupsRunner();

async function requireScheduler(run: CommandRunner): Promise<void> {
  // Without a scheduler lpstat -e prints nothing and succeeds, which would read as "no printers".
  const status = await run('lpstat', ['-r']);
  if (!parseSchedulerRunning(status.stdout)) {
    throw new LabelError(
      'SchedulerNotRunning',
      `The CUPS scheduler (cupsd) is not running: ${HOW_TO_START}, ${SAVE_INSTEAD_HINT}.`,
    );
  }
}

export async function listPrinters(run: CommandRunner = runCupsCommand): Promise<PrinterList> {
  if (printingBackend(process.platform) === 'windows') return listWindowsPrinters();
  await requireScheduler(run);
  const [destinations, defaults] = await Promise.all([run('lpstat', ['-e']), run('lpstat', ['-d'])]);
  return {
    printers: parseDestinations(destinations.stdout),
    defaultPrinter: parseDefaultDestination(defaults.stdout),
  };
}

function available(list: PrinterList): string {
  return list.printers.length > 0
    ? `available: ${list.printers.join(', ')}`
    : 'no printers are set up in CUPS';
}

/** Chooses the destination, or explains why there is none. Pure. */
export function choosePrinter(list: PrinterList, asked: string | undefined): string {
  if (asked !== undefined) {
    if (list.printers.includes(asked)) return asked;
    throw new LabelError(
      'UnknownPrinter',
      `There is no printer "${asked}" (${available(list)}); pass one of those with --printer, ${SAVE_INSTEAD_HINT}.`,
    );
  }
  if (list.printers.length === 0) {
    throw new LabelError(
      'NoPrinters',
      `No printers are set up in CUPS: add one (lpadmin or the system's printer settings), ${SAVE_INSTEAD_HINT}.`,
    );
  }
  if (list.defaultPrinter) return list.defaultPrinter;
  throw new LabelError(
    'NoDefaultPrinter',
    `There is no default printer (${available(list)}); pass one with --printer NAME, ${SAVE_INSTEAD_HINT}.`,
  );
}

async function checkPdfFile(file: string): Promise<void> {
  let head: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      head = Buffer.alloc(5);
      await handle.read(head, 0, 5, 0);
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw new LabelError(
      'LabelFileUnreadable',
      `Cannot read the label file ${file}: ${(err as Error).message}`,
    );
  }
  if (head.toString('latin1') !== '%PDF-') {
    throw new LabelError(
      'NotAPdf',
      `${file} is not a PDF (it does not start with %PDF-); download the label again.`,
    );
  }
}

/** Sends a PDF to a CUPS printer and returns CUPS's job id. */
export async function printPdf(
  file: string,
  options: PrintOptions = {},
  run: CommandRunner = runCupsCommand,
): Promise<PrintResult> {
  const copies = options.copies ?? 1;
  if (!Number.isInteger(copies) || copies < 1 || copies > MAX_COPIES) {
    throw new LabelError(
      'PrintFailed',
      `copies must be a whole number from 1 to ${MAX_COPIES}, not ${copies}`,
    );
  }
  await checkPdfFile(file);
  const list = await listPrinters(run);
  const printer = choosePrinter(list, options.printer);
  if (printingBackend(process.platform) === 'windows') return printOnWindows(file, printer, copies);
  const args = ['-d', printer, '-n', String(copies)];
  if (options.title) args.push('-t', options.title);
  // `--` so a file name starting with "-" is never read as an option.
  const result = await run('lp', [...args, '--', file]);
  if (result.code !== 0) {
    const failure = classifyLpFailure(result.stderr);
    switch (failure.kind) {
      case 'scheduler-not-running':
        throw new LabelError(
          'SchedulerNotRunning',
          `The CUPS scheduler stopped answering: ${HOW_TO_START}, ${SAVE_INSTEAD_HINT}.`,
        );
      case 'unknown-printer':
        throw new LabelError(
          'UnknownPrinter',
          `CUPS no longer has a printer "${printer}" (${available(await listPrinters(run))}); ${SAVE_INSTEAD_HINT}.`,
        );
      case 'no-default':
        throw new LabelError(
          'NoDefaultPrinter',
          `There is no default printer; pass one with --printer NAME, ${SAVE_INSTEAD_HINT}.`,
        );
      case 'other':
        throw new LabelError(
          'PrintFailed',
          `Printing ${file} on "${printer}" failed: ${failure.message}; ${SAVE_INSTEAD_HINT}.`,
        );
      default:
        return assertNever(failure);
    }
  }
  const jobId = parseRequestId(result.stdout);
  if (!jobId) {
    throw new LabelError(
      'PrintFailed',
      `lp accepted ${file} for "${printer}" but gave no request id (${result.stdout.trim() || 'no output'}); check the queue with lpstat -o.`,
    );
  }
  return { jobId, printer };
}
