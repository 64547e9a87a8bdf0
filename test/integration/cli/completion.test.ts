/**
 * `dockhand completion bash`, sourced into a real bash and called the way bash calls it (COMP_WORDS,
 * COMP_CWORD), with job ids read from a real journal through the `dockhand` on PATH.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_ENDPOINT_ID } from '../../../electron/cli/session';
import { openJournal } from '../../../electron/jobs/journal';
import { DOCKHAND_CLI, runDockhand } from '../../helpers/cli';
import { manifest } from '../../helpers/service';

const run = promisify(execFile);
let home: string;
let env: NodeJS.ProcessEnv;
let script: string;

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'dockhand-completion-'));
  const bin = path.join(home, 'bin');
  await mkdir(bin);
  await writeFile(
    path.join(bin, 'dockhand'),
    `#!/bin/sh\nexec "${process.execPath}" "${DOCKHAND_CLI}" "$@"\n`,
  );
  await chmod(path.join(bin, 'dockhand'), 0o755);
  env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  Object.assign(env, { DOCKHAND_HOME: path.join(home, 'data'), HOME: home, PATH: `${bin}:${env.PATH}` });
  const journal = openJournal({
    file: path.join(home, 'data', 'journal.sqlite'),
    endpoint: EMBEDDED_ENDPOINT_ID,
  });
  for (const jobId of ['ABCDE', 'ABXYZ', 'QRSTU']) {
    journal.recordJob({ jobId, jobType: 'Import', manifest: manifest('s3-import') });
  }
  journal.close();
  const r = await runDockhand(['completion', 'bash'], { env });
  expect(r.code, r.stderr).toBe(0);
  script = path.join(home, 'dockhand.bash');
  await writeFile(script, r.stdout);
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

/** What bash offers after the words typed so far (the last one is being completed). */
async function complete(...words: string[]): Promise<string[]> {
  const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  const { stdout } = await run(
    'bash',
    [
      '-c',
      `source "${script}"; COMP_WORDS=(dockhand ${quoted}); COMP_CWORD=${words.length}; _dockhand; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { env },
  );
  return stdout.split('\n').filter(Boolean).sort();
}

describe('bash completion', () => {
  it('commands, and help COMMAND', async () => {
    expect(await complete('cre')).toEqual(['create-job']);
    expect(await complete('get-s')).toEqual(['get-shipping-label', 'get-status']);
    expect(await complete('help', 'update')).toEqual(['update-job']);
  });

  it("a command's own options and the global ones", async () => {
    expect(await complete('create-job', '--ma')).toEqual(['--manifest', '--manifest-addendum']);
    expect(await complete('--output', 'text', 'list-jobs', '--m')).toEqual(['--marker', '--max-jobs']);
    expect(await complete('get-status', '--q')).toEqual(['--query']);
  });

  it('job ids from the local journal', async () => {
    expect(await complete('get-status', '--job-id', '')).toEqual(['ABCDE', 'ABXYZ', 'QRSTU']);
    expect(await complete('cancel-job', '--job-id', 'AB')).toEqual(['ABCDE', 'ABXYZ']);
  });

  it('option values with a fixed set, subcommands, and positionals', async () => {
    expect(await complete('--output', '')).toEqual(['json', 'table', 'text', 'yaml']);
    expect(await complete('create-job', '--job-type', '')).toEqual(['Export', 'Import']);
    expect(await complete('service', 'dock', '')).toEqual(['expire', 'finish', 'receive', 'return', 'start']);
    expect(await complete('service', 'dock', 'finish', '--p')).toEqual(['--profile', '--progress-code']);
    expect(await complete('completion', '')).toEqual(['bash', 'zsh']);
  });

  it('--job-ids prints nothing, and creates nothing, where there is no journal yet', async () => {
    const empty = path.join(home, 'empty');
    const r = await runDockhand(['completion', '--job-ids'], { env: { ...env, DOCKHAND_HOME: empty } });
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    await expect(run('ls', [empty])).rejects.toThrow();
  });
});

describe('zsh completion', () => {
  it('is the same completion through bashcompinit', async () => {
    const r = await runDockhand(['completion', 'zsh'], { env });
    expect(r.stdout.startsWith('#compdef dockhand\n')).toBe(true);
    expect(r.stdout).toContain('autoload -U +X bashcompinit && bashcompinit');
    expect(r.stdout).toContain('complete -F _dockhand dockhand');
    const bad = await runDockhand(['completion', 'fish'], { env });
    expect(bad.code).toBe(252);
    expect(bad.stderr).toContain('bash or zsh');
  });
});
