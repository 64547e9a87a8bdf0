/**
 * The `dockhand` command as a person runs it: a real process running the built CLI (dist/cli.mjs, what
 * package.json "bin" names). One place names the entry point; test/helpers/global-setup.ts rebuilds it
 * when the sources are newer, so a test never runs a stale build.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** The CLI entry the tests run. */
export const DOCKHAND_CLI = path.join(ROOT, 'dist/cli.mjs');

export interface CliRun {
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
}

/** Runs `dockhand ARGS...` to completion and collects its output. */
export function runDockhand(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DOCKHAND_CLI, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
