/**
 * Whole commands, as the person runs them, against an anchor command in the same run: the two are run
 * interleaved (the order flips every round so neither always gets the warmer turn) for N rounds, and the
 * median wall times give the ratio anchor / ours (> 1 means Dockhand is faster). Each run goes through GNU
 * `time`, which also reports the command's peak RSS.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOCKHAND_CLI, ROOT } from '../helpers/cli';

export { ROOT };

const GNU_TIME = '/usr/bin/time';
const DROP_CACHES = '/proc/sys/vm/drop_caches';

/**
 * The CLI a bench measures: DOCKHAND_BENCH_CLI when set, else the one the tests run (the built CLI once
 * `npm run build` has made it).
 */
export const BENCH_CLI = process.env.DOCKHAND_BENCH_CLI ?? DOCKHAND_CLI;

export interface Command {
  /** What the table says this is, e.g. "md5sum" or "dockhand inventory". */
  label: string;
  argv: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Runs (untimed) before every timed run, e.g. to remove the previous run's output. */
  before?: () => void | Promise<void>;
  /** Checks a run's output (untimed); throw to fail the bench rather than report a broken command. */
  check?: (run: RunResult) => void;
}

export interface RunResult {
  ms: number;
  /** User + system CPU time: on a machine shared with other work, the cost that load does not inflate much. */
  cpuMs: number;
  peakRssKiB: number;
  stdout: string;
  stderr: string;
}

export interface Comparison {
  figure: string;
  anchor: Command;
  ours: Command;
  rounds: number;
  /** `sync; echo 3 > drop_caches` before each side's run (root only), so both read from the device. */
  dropCaches?: boolean;
}

export interface ComparisonResult {
  figure: string;
  anchor: string;
  ours: string;
  rounds: number;
  anchorMs: number;
  oursMs: number;
  /** anchor / ours on median wall time: > 1 means Dockhand is faster. */
  ratio: number;
  anchorPeakRssKiB: number;
  oursPeakRssKiB: number;
  anchorCpuMs: number;
  oursCpuMs: number;
  coldCache: boolean;
}

/** `dockhand ARGS` as the person runs it: node + the CLI entry. */
export function dockhand(args: string[], extra: Omit<Command, 'argv' | 'label'> = {}): Command {
  return {
    label: `dockhand ${args[0] ?? ''}`.trim(),
    argv: [process.execPath, BENCH_CLI, ...args],
    ...extra,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function canDropCaches(): boolean {
  return process.getuid?.() === 0 && existsSync(DROP_CACHES);
}

async function dropCaches(): Promise<void> {
  await runOnce({ label: 'sync', argv: ['sync'] });
  writeFileSync(DROP_CACHES, '3\n');
}

/**
 * Variables this development machine sets that a typical person's machine does not. NODE_EXTRA_CA_CERTS
 * points at a bundle of ~140 certificates for the machine's TLS proxy, and every Node process parses it at
 * start: `node -e 0` takes ~61 ms with it and ~24 ms without. The benches run commands in the environment
 * as it is (as the issue-10 figures were taken); DOCKHAND_BENCH_ENV=bare runs both sides without these, to
 * see what a machine without them would.
 */
export const MACHINE_ONLY_VARS = ['NODE_EXTRA_CA_CERTS'] as const;

const bare = (): boolean => process.env.DOCKHAND_BENCH_ENV === 'bare';

export function benchEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (!bare()) return env;
  const out = { ...env };
  for (const name of MACHINE_ONLY_VARS) delete out[name];
  return out;
}

/** One line for a bench's output: which environment its commands ran in. */
export function envNote(): string {
  const set = MACHINE_ONLY_VARS.filter((n) => process.env[n] !== undefined);
  if (set.length === 0) return 'environment: as is';
  return bare()
    ? `environment: without ${set.join(', ')} (DOCKHAND_BENCH_ENV=bare)`
    : `environment: as is, with ${set.join(', ')} (DOCKHAND_BENCH_ENV=bare runs without)`;
}

/** Runs one command to completion under GNU time; a non-zero exit fails the bench with its stderr. */
export function runOnce(command: Command): Promise<RunResult> {
  const [file, ...args] = command.argv;
  if (file === undefined) return Promise.reject(new Error(`${command.label}: empty argv`));
  return new Promise((resolve, reject) => {
    const start = performance.now();
    // GNU time writes its one line last on stderr: peak RSS in KiB, user and system CPU seconds.
    const child = spawn(GNU_TIME, ['-f', '\n%M %U %S', file, ...args], {
      cwd: command.cwd,
      env: benchEnv(command.env ?? process.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      const stderrAll = Buffer.concat(err).toString();
      const cut = stderrAll.trimEnd().lastIndexOf('\n');
      const [rss, user, sys] = stderrAll
        .slice(cut + 1)
        .trim()
        .split(' ')
        .map(Number);
      const peakRssKiB = rss ?? NaN;
      const cpuMs = ((user ?? NaN) + (sys ?? NaN)) * 1000;
      const stderr = stderrAll.slice(0, Math.max(0, cut));
      if (code !== 0) {
        reject(new Error(`${command.label} (${command.argv.join(' ')}) exited with ${code}:\n${stderr}`));
        return;
      }
      resolve({ ms, cpuMs, peakRssKiB, stdout: Buffer.concat(out).toString(), stderr });
    });
  });
}

async function timed(command: Command, cold: boolean): Promise<RunResult> {
  await command.before?.();
  if (cold) await dropCaches();
  const result = await runOnce(command);
  command.check?.(result);
  return result;
}

export async function compare(c: Comparison): Promise<ComparisonResult> {
  const cold = c.dropCaches === true;
  if (cold && !canDropCaches()) throw new Error(`${c.figure}: dropping caches needs root and ${DROP_CACHES}`);
  // One untimed run of each first: it checks both commands work and fills the page cache equally.
  if (!cold) {
    await timed(c.anchor, false);
    await timed(c.ours, false);
  }
  const anchor: RunResult[] = [];
  const ours: RunResult[] = [];
  for (let round = 0; round < c.rounds; round++) {
    if (round % 2 === 0) {
      anchor.push(await timed(c.anchor, cold));
      ours.push(await timed(c.ours, cold));
    } else {
      ours.push(await timed(c.ours, cold));
      anchor.push(await timed(c.anchor, cold));
    }
  }
  const anchorMs = median(anchor.map((r) => r.ms));
  const oursMs = median(ours.map((r) => r.ms));
  return {
    figure: c.figure,
    anchor: c.anchor.label,
    ours: c.ours.label,
    rounds: c.rounds,
    anchorMs,
    oursMs,
    ratio: anchorMs / oursMs,
    anchorPeakRssKiB: Math.max(...anchor.map((r) => r.peakRssKiB)),
    oursPeakRssKiB: Math.max(...ours.map((r) => r.peakRssKiB)),
    anchorCpuMs: median(anchor.map((r) => r.cpuMs)),
    oursCpuMs: median(ours.map((r) => r.cpuMs)),
    coldCache: cold,
  };
}

const fmtMs = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtMiB = (kib: number): string => `${(kib / 1024).toFixed(0)} MiB`;

/** The header of the table `tableRow` continues. */
export function tableHeader(): string {
  return [
    '| figure | anchor | anchor median | dockhand median | ratio (anchor / dockhand) | goal | CPU anchor / dockhand | peak RSS anchor / dockhand |',
    '| --- | --- | ---: | ---: | ---: | --- | ---: | ---: |',
  ].join('\n');
}

/** One figure as a table row; `goal` is printed beside the ratio with whether it was met. */
export function tableRow(r: ComparisonResult, goal?: Goal): string {
  const goalText = goal ? `${describeGoal(goal)} ${meets(r, goal) ? 'met' : '**not met**'}` : '';
  return `| ${r.figure}${r.coldCache ? ' (caches dropped)' : ''} | ${r.anchor} | ${fmtMs(r.anchorMs)} | ${fmtMs(r.oursMs)} | ${r.ratio.toFixed(2)} | ${goalText} | ${fmtMs(r.anchorCpuMs)} / ${fmtMs(r.oursCpuMs)} | ${fmtMiB(r.anchorPeakRssKiB)} / ${fmtMiB(r.oursPeakRssKiB)} |`;
}

/** A markdown table of figures. */
export function table(results: readonly ComparisonResult[], goals: Record<string, Goal> = {}): string {
  return [tableHeader(), ...results.map((r) => tableRow(r, goals[r.figure]))].join('\n');
}

/** A ratio floor (`minRatio`), and optionally a peak RSS ceiling for Dockhand's side. */
export interface Goal {
  minRatio: number;
  maxPeakRssMiB?: number;
}

function describeGoal(g: Goal): string {
  return `≥ ${g.minRatio.toFixed(2)}${g.maxPeakRssMiB === undefined ? '' : `, RSS < ${g.maxPeakRssMiB} MiB`}`;
}

export function meets(r: ComparisonResult, g: Goal): boolean {
  return (
    r.ratio >= g.minRatio && (g.maxPeakRssMiB === undefined || r.oursPeakRssKiB / 1024 < g.maxPeakRssMiB)
  );
}

/** Rounds from DOCKHAND_BENCH_ROUNDS (a quick look with 3, a report with more), else the bench's default. */
export function rounds(fallback: number): number {
  const n = Number(process.env.DOCKHAND_BENCH_ROUNDS);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function benchTmp(name: string): string {
  return path.join(process.env.DOCKHAND_BENCH_TMP ?? os.tmpdir(), `dockhand-bench-${name}-${process.pid}`);
}

/** An import manifest for the embedded endpoint's demo bucket, shared by the whole-command benches. */
export const BENCH_MANIFEST = `manifestVersion: 2.0
deviceId: BENCH-0001
eraseDevice: yes
bucket: dockhand-demo
returnAddress:
    name: Jane Roe
    company: Example Corp.
    street1: 123 Any Street
    city: Anytown
    stateOrProvince: WA
    postalCode: 91011
    phoneNumber: 206-555-1111
    country: USA
`;
