/** Every command's help says how to call it, what every option means and defaults to, with an example. */
import { describe, expect, it } from 'vitest';
import { commandHelp, generalHelp } from '../../../electron/cli/help';
import { COMMANDS } from '../../../electron/cli/registry';
import type { CommandSpec } from '../../../electron/cli/spec';

function allSpecs(specs: readonly CommandSpec[]): CommandSpec[] {
  return specs.flatMap((s) => [s, ...allSpecs(s.subcommands ?? [])]);
}

describe('help', () => {
  it.each(allSpecs(COMMANDS).map((s) => [s.name, s] as const))('%s', (name, spec) => {
    const text = commandHelp(spec);
    expect(text).toContain(`Usage:\n  dockhand ${name}`);
    for (const [option, o] of Object.entries(spec.options)) {
      expect(text).toContain(`--${option}`);
      expect(o.help.length).toBeGreaterThan(5);
      // Help wraps at 100 columns; compare the words.
      if (o.defaultText) expect(text.replace(/\s+/g, ' ')).toContain(`Default: ${o.defaultText}`);
    }
    expect(spec.examples.length).toBeGreaterThan(0);
    for (const e of spec.examples) expect(e.command).toContain(`dockhand ${name.split(' ')[0]}`);
    expect(text).toContain('--query JMESPATH');
  });

  it('lists every command and the exit codes', () => {
    const text = generalHelp(COMMANDS);
    for (const c of COMMANDS) expect(text).toContain(`  ${c.name} `);
    expect(text).toMatch(/252 bad command line, 253 .*254 .*255 .*130 interrupted/s);
  });
});
