/**
 * Start-up as the person waits for it, whole commands interleaved with their anchors (median of rounds):
 *
 * - `dockhand --help` and `dockhand help` against `node -e 0` (the floor of any Node command);
 * - `dockhand get-status` against the embedded endpoint (it starts the endpoint in-process, opens its store,
 *   signs and sends one request) against `dockhand --help` in the same run.
 *
 * Run: node build/run-ts.js test/bench/startup.ts   (DOCKHAND_BENCH_ROUNDS=N to change the rounds)
 */
import fs from 'node:fs';
import {
  compare,
  envNote,
  dockhand,
  rounds,
  runOnce,
  table,
  benchTmp,
  BENCH_CLI,
  BENCH_MANIFEST,
  type Goal,
} from './harness';

const ROUNDS = rounds(15);
const home = benchTmp('startup');
// No AWS_* from the machine, a HOME without ~/.aws: the embedded endpoint, as on a fresh install.
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_'))),
  DOCKHAND_HOME: `${home}/data`,
  HOME: home,
  NO_COLOR: '1',
};

const GOALS: Record<string, Goal> = {
  'dockhand --help': { minRatio: 1 / 3 },
  'dockhand help': { minRatio: 1 / 3 },
  'dockhand get-status (embedded endpoint)': { minRatio: 1 / 2 },
};

fs.mkdirSync(home, { recursive: true });
try {
  fs.writeFileSync(`${home}/manifest.yaml`, BENCH_MANIFEST);
  const created = await runOnce(
    dockhand(['create-job', '--job-type', 'Import', '--manifest', `file://${home}/manifest.yaml`], {
      env,
      cwd: home,
    }),
  );
  const jobId = (JSON.parse(created.stdout) as { JobId: string }).JobId;
  const node0 = { label: 'node -e 0', argv: [process.execPath, '-e', '0'] };
  const help = dockhand(['--help'], { env, cwd: home });
  const results = [
    await compare({ figure: 'dockhand --help', anchor: node0, ours: help, rounds: ROUNDS }),
    await compare({
      figure: 'dockhand help',
      anchor: node0,
      ours: dockhand(['help'], { env, cwd: home }),
      rounds: ROUNDS,
    }),
    await compare({
      figure: 'dockhand get-status (embedded endpoint)',
      anchor: { ...help, label: 'dockhand --help' },
      ours: dockhand(['get-status', '--job-id', jobId], {
        env,
        cwd: home,
        check: (r) => {
          if (!r.stdout.includes(jobId))
            throw new Error(`get-status did not print the job: ${r.stdout}${r.stderr}`);
        },
      }),
      rounds: ROUNDS,
    }),
  ];
  console.log(`CLI measured: ${BENCH_CLI}, ${ROUNDS} rounds; ${envNote()}\n`);
  console.log(table(results, GOALS));
} finally {
  fs.rmSync(home, { recursive: true, force: true });
}
