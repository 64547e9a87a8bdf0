/** What every CLI command shares: global flags, the chosen output, argument parsing and clean-up. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './errors';
import { EXIT } from './exit-codes';
import type { GlobalFlags } from './globals';
import { formatJson, type Renderer } from './output';

export { CliError, printError } from './errors';
export { formatTable, type OutputFormat } from './output';
export { extractGlobalFlags, type GlobalFlags } from './globals';

export interface CliContext extends GlobalFlags {
  /** One result or line on stdout. */
  out(text: string): void;
  /** Diagnostics on stderr. */
  err(text: string): void;
  /** Prints a result: --query applied to it, then the --output format. */
  print(value: unknown): void;
  /** Registers clean-up (an embedded endpoint to stop, a DB to close), run once the command ends. */
  onDispose(fn: () => Promise<void> | void): void;
  dispose(): Promise<void>;
}

export function createContext(globals: GlobalFlags, render: Renderer = formatJson): CliContext {
  const disposers: Array<() => Promise<void> | void> = [];
  const ctx: CliContext = {
    ...globals,
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
    print: (value) => {
      const text = render(value);
      // An empty result (a --query that matched nothing) prints nothing, as the AWS CLI does.
      if (text !== '') ctx.out(text);
    },
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
    throw new CliError(
      'InvalidArguments',
      `dockhand ${command}: ${(err as Error).message}. See "dockhand ${command} --help".`,
      EXIT.USAGE,
    );
  }
}

export function requireFlag(command: string, values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.length === 0) {
    throw new CliError(
      'MissingParameter',
      `dockhand ${command}: --${name} is required. See "dockhand ${command} --help".`,
      EXIT.USAGE,
    );
  }
  return v;
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
