/**
 * `dockhand service dock receive --mountpoint SRC` (SIGNATURE check, walk, every file copied into the bucket
 * with its MD5, fsynced and committed, log report written) against the anchor `cp -r SRC DST && md5sum
 * <files> && sync` of the same tree on the same disk, interleaved, median of rounds. Each of our runs gets a
 * fresh job (created with `dockhand create-job` and its SIGNATURE written into SRC, untimed).
 *
 * Run: node build/run-ts.js test/bench/dock-receive.ts
 */
import { execFileSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  benchTmp,
  BENCH_CLI,
  BENCH_MANIFEST,
  compare,
  envNote,
  dockhand,
  rounds,
  runOnce,
  tableHeader,
  tableRow,
  type ComparisonResult,
  type Goal,
} from './harness';

const CASES = [
  { name: '2,000 x 16 KiB', count: 2_000, bytes: 16 * 1024, dirs: 20 },
  { name: '8 x 32 MiB', count: 8, bytes: 32 * 1024 * 1024, dirs: 1 },
];
const ROUNDS = rounds(5);
const GOALS: Record<string, Goal> = {
  'dock receive, 2,000 x 16 KiB': { minRatio: 0.5 },
  'dock receive, 8 x 32 MiB': { minRatio: 0.7 },
};

const work = benchTmp('dock');
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_'))),
  DOCKHAND_HOME: path.join(work, 'home'),
  HOME: work,
  NO_COLOR: '1',
};

function makeTree(dir: string, count: number, bytes: number, dirs: number): string[] {
  const buf = Buffer.alloc(bytes);
  const rel: string[] = [];
  for (let i = 0; i < count; i++) {
    const sub = `d${i % dirs}`;
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
    randomFillSync(buf);
    fs.writeFileSync(path.join(dir, sub, `f${i}.bin`), buf);
    rel.push(`${sub}/f${i}.bin`);
  }
  return rel;
}

let jobsCreated = 0;

/**
 * A new job, its SIGNATURE on the "device": what arrives at the dock. Each job's objects go under a prefix
 * of their own, so every run writes into an empty place as the anchor's `cp -r` does (its previous copy is
 * removed before it, untimed); with the same keys each run also deleted the 2,000 objects it replaced,
 * ~0.2 s the anchor never paid.
 */
async function newJobFor(src: string): Promise<string> {
  fs.writeFileSync(path.join(work, 'manifest.yaml'), `${BENCH_MANIFEST}prefix: run-${++jobsCreated}/\n`);
  const created = await runOnce(
    dockhand(
      [
        'create-job',
        '--job-type',
        'Import',
        '--allow-duplicate-device',
        '--manifest',
        `file://${work}/manifest.yaml`,
      ],
      {
        env,
        cwd: work,
      },
    ),
  );
  const job = JSON.parse(created.stdout) as { JobId: string; SignatureFileContents: string };
  fs.writeFileSync(path.join(src, 'SIGNATURE'), job.SignatureFileContents.trim() + '\n');
  return job.JobId;
}

/**
 * Untimed, before each side's run: the anchor's `sync` is system-wide, so without this it also paid for
 * whatever was dirty when it started (the previous run's deletions, the other side's leftovers), and swung
 * from 215 ms to 1.5 s between runs of the same build. Both sides now start with nothing dirty.
 */
function flushAll(): void {
  execFileSync('sync');
}

// Each row is printed as soon as it is measured, so a run cut short still reports what it measured.
const report = (r: ComparisonResult): void => console.log(tableRow(r, GOALS[r.figure]));
fs.mkdirSync(work, { recursive: true });
try {
  console.log(`CLI measured: ${BENCH_CLI}; median of ${ROUNDS} rounds; ${envNote()}\n`);
  console.log(tableHeader());
  for (const c of CASES) {
    const src = path.join(work, `src-${c.count}`);
    const dst = path.join(work, `cp-${c.count}`);
    const files = makeTree(src, c.count, c.bytes, c.dirs);
    fs.writeFileSync(path.join(work, 'files.txt'), files.join('\n'));
    let jobId = '';
    const anchor = {
      label: 'cp -r + md5sum + sync',
      argv: [
        'sh',
        '-c',
        `cp -r "${src}" "${dst}" && cd "${dst}" && md5sum ${files.join(' ')} > /dev/null && sync`,
      ],
      before: () => {
        fs.rmSync(dst, { recursive: true, force: true });
        flushAll();
      },
    };
    const ours = {
      ...dockhand(['service', 'dock', 'receive', '--mountpoint', src], { env, cwd: work }),
      label: 'dockhand service dock receive',
      before: async () => {
        jobId = await newJobFor(src);
        flushAll();
      },
    };
    // The job id is known only after `before`: the argv is completed then.
    const withJob = {
      ...ours,
      before: async () => {
        await ours.before();
        withJob.argv = [...ours.argv, '--job-id', jobId];
      },
      check: (r: { stdout: string; stderr: string }) => {
        if (!/Complete/.test(r.stdout + r.stderr))
          throw new Error(`receive did not complete: ${r.stdout}${r.stderr}`);
      },
    };
    report(await compare({ figure: `dock receive, ${c.name}`, anchor, ours: withJob, rounds: ROUNDS }));
    fs.rmSync(src, { recursive: true, force: true });
    fs.rmSync(dst, { recursive: true, force: true });
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
