/** What every CLI command shares: global flags, output formatting, errors, and clean-up. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type OutputFormat = 'json' | 'table';

export interface GlobalFlags {
  endpointUrl?: string;
  profile?: string;
  output: OutputFormat;
  debug: boolean;
}

export interface CliContext extends GlobalFlags {
  /** One result or line on stdout. */
  out(text: string): void;
  /** Diagnostics on stderr. */
  err(text: string): void;
  /** Prints a result in the chosen --output format. */
  print(value: unknown): void;
  /** Registers clean-up (an embedded endpoint to stop, a DB to close), run once the command ends. */
  onDispose(fn: () => Promise<void> | void): void;
  dispose(): Promise<void>;
}

/** An error the user caused or can fix; printed as `CODE: message` without a stack. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Pulls the global flags out wherever they stand, leaving the command and its own flags. */
export function extractGlobalFlags(argv: string[]): { globals: GlobalFlags; rest: string[] } {
  const rest: string[] = [];
  const globals: GlobalFlags = { output: 'json', debug: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith('--')
      ? (arg.split(/=(.*)/s, 2) as [string, string?])
      : [arg, undefined];
    const take = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--'))
        throw new CliError('MissingValue', `${flag} needs a value`, 2);
      i++;
      return next;
    };
    switch (flag) {
      case '--endpoint-url':
        globals.endpointUrl = take();
        break;
      case '--profile':
        globals.profile = take();
        break;
      case '--output': {
        const v = take();
        if (v !== 'json' && v !== 'table')
          throw new CliError('InvalidOutput', `--output must be json or table, not "${v}"`, 2);
        globals.output = v;
        break;
      }
      case '--debug':
        globals.debug = true;
        break;
      default:
        rest.push(arg);
    }
  }
  return { globals, rest };
}

export function createContext(globals: GlobalFlags): CliContext {
  const disposers: Array<() => Promise<void> | void> = [];
  const ctx: CliContext = {
    ...globals,
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
    print: (value) =>
      ctx.out(globals.output === 'json' ? JSON.stringify(value, null, 4) : formatTable(value)),
    onDispose: (fn) => disposers.push(fn),
    dispose: async () => {
      while (disposers.length > 0) await disposers.pop()?.();
    },
  };
  return ctx;
}

/** Command-specific flags, with errors that name the flag and the fix. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new CliError('InvalidArguments', `dockhand ${command}: ${(err as Error).message}`, 2);
  }
}

export function requireFlag(command: string, values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.length === 0) {
    throw new CliError('MissingParameter', `dockhand ${command}: --${name} is required`, 2);
  }
  return v;
}

/**
 * A table in the AWS CLI's spirit: objects become `key  value` rows, arrays of objects become
 * column-aligned rows with a header.
 */
export function formatTable(value: unknown): string {
  if (Array.isArray(value)) {
    const rows = value.filter((v): v is Record<string, unknown> => !!v && typeof v === 'object');
    if (rows.length === 0) return value.map(String).join('\n');
    const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const cells = [cols, ...rows.map((r) => cols.map((c) => cell(r[c])))];
    const widths = cols.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
    return cells
      .map((row) =>
        row
          .map((c, i) => c.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd(),
      )
      .join('\n');
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const scalars = entries.filter(([, v]) => !Array.isArray(v));
    const lists = entries.filter(([, v]) => Array.isArray(v));
    const width = Math.max(0, ...scalars.map(([k]) => k.length));
    const parts = scalars.map(([k, v]) => `${k.padEnd(width)}  ${cell(v)}`);
    for (const [k, v] of lists) parts.push('', `${k}:`, formatTable(v));
    return parts.join('\n');
  }
  return cell(value);
}

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v).replace(/\n/g, '\\n');
}

/** `CODE: message` on stderr; with --debug, the stack too. */
export function printError(err: unknown, debug: boolean): void {
  const e = err as { code?: unknown; message?: unknown; stack?: unknown };
  const code = typeof e?.code === 'string' ? e.code : 'Error';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  process.stderr.write(`${code}: ${message}\n`);
  if (debug && typeof e?.stack === 'string') process.stderr.write(e.stack + '\n');
}

/** Resolves on the first SIGINT or SIGTERM, saying on stderr what is being closed (commands that serve until stopped). */
export function untilStopSignal(ctx: Pick<CliContext, 'err'>, closing: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      ctx.err(`${signal}: closing ${closing}`);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve();
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}
