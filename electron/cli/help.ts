/** `dockhand help`, `dockhand COMMAND --help`: rendered from the specs alone, no command module loaded. */
import { EXIT } from './exit-codes';
import { GLOBAL_OPTIONS } from './globals';
import type { CommandSpec, OptionSpec, OptionSpecs } from './spec';

const WIDTH = 100;

function wrap(text: string, indent: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && indent + line.length + 1 + w.length > WIDTH) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => ' '.repeat(indent) + l).join('\n');
}

function flag(name: string, o: OptionSpec): string {
  return o.type === 'boolean' ? `--${name}` : `--${name} ${o.value ?? 'VALUE'}`;
}

function usageLine(spec: CommandSpec): string {
  const parts = [`dockhand ${spec.name}`];
  if (spec.subcommands?.length) {
    parts.push(`<${spec.subcommands.map((s) => s.name.split(' ').at(-1)).join('|')}>`);
  }
  for (const [name, o] of Object.entries(spec.options)) {
    parts.push(o.required ? flag(name, o) : `[${flag(name, o)}]`);
  }
  if (spec.positionals) parts.push(spec.positionals);
  return wrap(parts.join(' '), 2).replace(/^ {2}/, '  ');
}

function optionLines(options: OptionSpecs): string[] {
  const lines: string[] = [];
  for (const [name, o] of Object.entries(options)) {
    lines.push(`  ${flag(name, o)}${o.required ? '  (required)' : ''}`);
    let text = o.help;
    if (o.choices) text += ` One of: ${o.choices.join(', ')}.`;
    if (o.defaultText) text += ` Default: ${o.defaultText}.`;
    lines.push(wrap(text, 6));
  }
  return lines;
}

/** Everything about one command: usage, description, every option with meaning and default, examples. */
export function commandHelp(spec: CommandSpec): string {
  const out = [`dockhand ${spec.name}`, '', wrap(spec.summary + '.', 2)];
  if (spec.description) out.push('', wrap(spec.description, 2));
  out.push('', 'Usage:', usageLine(spec));
  if (spec.subcommands?.length) {
    out.push('', 'Subcommands:');
    const width = Math.max(...spec.subcommands.map((s) => s.name.split(' ').at(-1)?.length ?? 0));
    for (const s of spec.subcommands) {
      out.push(`  ${(s.name.split(' ').at(-1) ?? '').padEnd(width)}  ${s.summary}`);
    }
  }
  const own = optionLines(spec.options);
  if (own.length > 0) out.push('', 'Options:', ...own);
  out.push('', 'Global options:', ...optionLines(GLOBAL_OPTIONS));
  if (spec.examples.length > 0) {
    out.push('', 'Examples:');
    for (const e of spec.examples) out.push(`  # ${e.title}`, `  ${e.command}`, '');
    out.pop();
  }
  if (spec.subcommands?.length) {
    out.push('', `Run "dockhand ${spec.name} SUBCOMMAND --help" for a subcommand's options.`);
  }
  return out.join('\n');
}

/** The list of commands. */
export function generalHelp(commands: readonly CommandSpec[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const out = ['Usage: dockhand <command> [options]', '', 'Commands:'];
  for (const c of commands) out.push(`  ${c.name.padEnd(width)}  ${c.summary}`);
  out.push('', 'Global options:', ...optionLines(GLOBAL_OPTIONS));
  out.push(
    '  --version',
    wrap('Print the version of dockhand and of Node.', 6),
    '',
    'Run "dockhand help COMMAND" or "dockhand COMMAND --help" for a command\'s options and examples.',
    '',
    'Exit codes: ' +
      `${EXIT.OK} success, ${EXIT.USAGE} bad command line, ${EXIT.CONFIG} bad configuration or credentials, ` +
      `${EXIT.SERVICE} the service answered an error, ${EXIT.OTHER} anything else, ${EXIT.INTERRUPTED} interrupted.`,
  );
  return out.join('\n');
}
