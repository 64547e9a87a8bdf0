/**
 * `dockhand`: dispatches to electron/cli/commands/<name>.ts. Each command module exports
 * `run(args: string[], ctx: CliContext): Promise<number>` and `summary: string`.
 */
import { CliError, createContext, extractGlobalFlags, printError, type CliContext } from './context';

export interface CommandModule {
  summary: string;
  run(args: string[], ctx: CliContext): Promise<number>;
}

/** The order help lists them in; each name is a file under ./commands. */
const COMMANDS = [
  'service',
  'configure',
  'create-job',
  'get-status',
  'list-jobs',
  'update-job',
  'cancel-job',
  'get-shipping-label',
  'drives',
  'write-signature',
  'inventory',
  'jobs',
  'track',
  'reconcile',
  'verify-export',
  'station',
] as const;

async function loadCommand(name: string): Promise<CommandModule | undefined> {
  if (!(COMMANDS as readonly string[]).includes(name)) return undefined;
  try {
    return (await import(`./commands/${name}.ts`)) as CommandModule;
  } catch (err) {
    if (
      (err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' &&
      String(err).includes(`commands/${name}`)
    ) {
      return undefined;
    }
    throw err;
  }
}

async function printHelp(ctx: CliContext): Promise<void> {
  const lines = ['Usage: dockhand <command> [options]', '', 'Commands:'];
  for (const name of COMMANDS) {
    const mod = await loadCommand(name);
    if (mod) lines.push(`  ${name.padEnd(20)} ${mod.summary}`);
  }
  lines.push(
    '',
    'Global options:',
    '  --endpoint-url URL   Import/Export endpoint (default: the embedded local test endpoint)',
    '  --profile NAME       credentials profile from ~/.aws/credentials',
    '  --output json|table  output format (default json)',
    '  --debug              log requests and responses (secrets redacted) to stderr',
  );
  ctx.out(lines.join('\n'));
}

export async function main(argv: string[]): Promise<number> {
  let ctx: CliContext | undefined;
  try {
    const { globals, rest } = extractGlobalFlags(argv);
    ctx = createContext(globals);
    const [name, ...args] = rest;
    if (!name || name === 'help' || name === '--help' || name === '-h') {
      await printHelp(ctx);
      return name ? 0 : 2;
    }
    const mod = await loadCommand(name);
    if (!mod)
      throw new CliError(
        'UnknownCommand',
        `Unknown command "${name}". Run "dockhand help" to list commands.`,
      );
    return await mod.run(args, ctx);
  } catch (err) {
    printError(err, ctx?.debug ?? false);
    return err instanceof CliError ? err.exitCode : 1;
  } finally {
    await ctx?.dispose();
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
