/**
 * `dockhand`: finds the command in the registry (light metadata), answers help and --version from it, and
 * only then imports the one command module that runs. Nothing else is loaded at start-up (issue 10).
 */
import { createContext, type CliContext } from './context';
import { CliError, exitCodeOf, printError } from './errors';
import { EXIT } from './exit-codes';
import { extractGlobalFlags } from './globals';
import { commandHelp, generalHelp } from './help';
import { prepareRenderer } from './output';
import { COMMANDS, findCommand, resolveSpec } from './registry';
import type { CommandSpec } from './spec';
import { versionLine } from './version';

const HELP_FLAGS = new Set(['--help', '-h']);

function unknownCommand(name: string): CliError {
  const near = COMMANDS.filter((c) => c.name.startsWith(name.slice(0, 3))).map((c) => c.name);
  return new CliError(
    'UnknownCommand',
    `Unknown command "${name}".${near.length ? ` Did you mean ${near.join(' or ')}?` : ''} Run "dockhand help" to list commands.`,
    EXIT.USAGE,
  );
}

/** `--help` or `-h` anywhere before `--`, or a trailing `help` word as `aws importexport create-job help` takes. */
function asksForHelp(args: readonly string[], depth: number): boolean {
  const end = args.indexOf('--');
  const own = end === -1 ? args : args.slice(0, end);
  return own.some((a) => HELP_FLAGS.has(a)) || (args.length === depth + 1 && args[depth] === 'help');
}

/** `dockhand help [COMMAND [SUBCOMMAND...]]`. */
function helpFor(words: readonly string[]): string {
  const [name, ...sub] = words;
  if (name === undefined) return generalHelp(COMMANDS);
  const top = findCommand(name);
  if (!top) throw unknownCommand(name);
  const { spec, depth } = resolveSpec(top, sub);
  if (depth < sub.length) {
    throw new CliError(
      'UnknownCommand',
      `"dockhand ${spec.name}" has no subcommand "${sub[depth]}". Run "dockhand help ${spec.name}".`,
      EXIT.USAGE,
    );
  }
  return commandHelp(spec);
}

/**
 * Ctrl-C ends the command with 130, as the AWS CLI does, unless the command listens for it itself (the
 * servers close cleanly, inventory stops its walk).
 */
function exitOnInterrupt(): void {
  process.on('SIGINT', function onInterrupt() {
    if (process.listenerCount('SIGINT') > 1) return;
    process.stderr.write('\nInterrupted\n');
    process.exit(EXIT.INTERRUPTED);
  });
}

export async function main(argv: string[]): Promise<number> {
  let ctx: CliContext | undefined;
  let debug = false;
  try {
    const { globals, rest } = extractGlobalFlags(argv);
    debug = globals.debug;
    const [name, ...args] = rest;
    if (name === '--version') {
      process.stdout.write(versionLine() + '\n');
      return EXIT.OK;
    }
    if (name === undefined) {
      process.stderr.write(generalHelp(COMMANDS) + '\n');
      return EXIT.USAGE;
    }
    if (name === 'help' || HELP_FLAGS.has(name)) {
      process.stdout.write(helpFor(args) + '\n');
      return EXIT.OK;
    }
    const top = findCommand(name);
    if (!top) throw unknownCommand(name);
    const { spec, depth } = resolveSpec(top, args);
    if (asksForHelp(args, depth)) {
      process.stdout.write(commandHelp(spec) + '\n');
      return EXIT.OK;
    }
    const command: CommandSpec = top;
    if (!command.load) throw unknownCommand(name);
    // --query is compiled before the command runs: a typo costs nothing and sends nothing.
    const render = await prepareRenderer(globals.output, globals.query);
    ctx = createContext(globals, render);
    exitOnInterrupt();
    const mod = await command.load();
    return await mod.run(args, ctx);
  } catch (err) {
    printError(err, debug);
    return exitCodeOf(err);
  } finally {
    await ctx?.dispose();
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
