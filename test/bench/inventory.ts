/**
 * `dockhand inventory DIR --json` (walk, stat, MD5 of every file, findings, JSON of every entry on stdout)
 * against the anchor: one `md5sum` process over the same files, stdout piped for both. Two trees:
 * SMALL_FILE_COUNT x SMALL_FILE_BYTES, and one LARGE_FILE_BYTES file. Each with the page cache warm for both
 * sides (both measure the work, not the device), then with caches dropped before each side's run (root only).
 *
 * Run: node build/run-ts.js test/bench/inventory.ts   (~1.2 GB in the temp dir while it runs)
 */
import { randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  benchTmp,
  BENCH_CLI,
  canDropCaches,
  compare,
  envNote,
  dockhand,
  rounds,
  tableHeader,
  tableRow,
  type Command,
  type ComparisonResult,
  type Goal,
  type RunResult,
} from './harness';

const SMALL_FILE_COUNT = 20_000;
const SMALL_FILE_BYTES = 4 * 1024;
const FILES_PER_DIR = 1000;
const LARGE_FILE_BYTES = 1024 ** 3;
const WRITE_CHUNK_BYTES = 16 * 1024 * 1024;
const WARM_ROUNDS = rounds(7);
const COLD_ROUNDS = rounds(3);
const SMALL = `${SMALL_FILE_COUNT.toLocaleString('en-US')} x ${SMALL_FILE_BYTES / 1024} KiB`;
const LARGE = `1 x ${LARGE_FILE_BYTES / 1024 ** 3} GiB`;

const GOALS: Record<string, Goal> = {
  [`inventory, ${SMALL}`]: { minRatio: 1.0, maxPeakRssMiB: 100 },
  [`inventory, ${LARGE}`]: { minRatio: 0.95 },
};

function makeSmall(dir: string): string[] {
  const data = Buffer.alloc(SMALL_FILE_BYTES);
  const rel: string[] = [];
  for (let i = 0; i < SMALL_FILE_COUNT; i++) {
    const sub = `d${Math.floor(i / FILES_PER_DIR)}`;
    if (i % FILES_PER_DIR === 0) fs.mkdirSync(path.join(dir, sub), { recursive: true });
    randomFillSync(data);
    fs.writeFileSync(path.join(dir, sub, `f${i}.bin`), data);
    rel.push(`${sub}/f${i}.bin`);
  }
  return rel;
}

function makeLarge(dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const fd = fs.openSync(path.join(dir, 'large.bin'), 'w');
  const chunk = Buffer.alloc(WRITE_CHUNK_BYTES);
  for (let written = 0; written < LARGE_FILE_BYTES; written += WRITE_CHUNK_BYTES) {
    randomFillSync(chunk);
    fs.writeSync(fd, chunk);
  }
  fs.closeSync(fd);
  return ['large.bin'];
}

/** Both sides must have hashed every file, and agree on the MD5s. */
function checker(expected: Map<string, string>, files: number): (r: RunResult) => void {
  return (r) => {
    const inv = JSON.parse(r.stdout) as { entries: Array<{ path: string; md5: string | null }> };
    if (inv.entries.length !== files)
      throw new Error(`inventory listed ${inv.entries.length} of ${files} files`);
    for (const e of inv.entries) {
      if (e.md5 !== expected.get(e.path))
        throw new Error(`inventory: ${e.path} has MD5 ${e.md5}, md5sum says ${expected.get(e.path)}`);
    }
  };
}

function md5sumLines(stdout: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of stdout.split('\n')) if (line) m.set(line.slice(34), line.slice(0, 32));
  return m;
}

const root = benchTmp('inventory');
// Each row is printed as soon as it is measured, so a run cut short still reports what it measured.
const report = (r: ComparisonResult): void => console.log(tableRow(r, GOALS[r.figure]));
try {
  console.log(
    `CLI measured: ${BENCH_CLI}; median of ${WARM_ROUNDS} warm / ${COLD_ROUNDS} cold rounds; ${envNote()}\n`,
  );
  console.log(tableHeader());
  const trees = [
    { name: SMALL, dir: path.join(root, 'small'), make: makeSmall },
    { name: LARGE, dir: path.join(root, 'large'), make: makeLarge },
  ];
  const cold = canDropCaches();
  for (const t of trees) {
    const files = t.make(t.dir);
    let expected = new Map<string, string>();
    const anchor: Command = {
      label: 'md5sum (one process)',
      argv: ['md5sum', ...files],
      cwd: t.dir,
      check: (r) => (expected = md5sumLines(r.stdout)),
    };
    const ours = dockhand(['inventory', t.dir, '--json'], {
      // A data directory of its own: with `dockhand copy` records in the user's journal, every inventory
      // first looks for the drive they belong to (SQLite and a drive scan), whatever this machine's tests
      // left there. The bench measures the inventory; that lookup runs alongside the walk.
      env: { ...process.env, DOCKHAND_HOME: path.join(root, 'home') },
      check: (r) => checker(expected, files.length)(r),
    });
    report(await compare({ figure: `inventory, ${t.name}`, anchor, ours, rounds: WARM_ROUNDS }));
    if (cold) {
      report(
        await compare({
          figure: `inventory, ${t.name}`,
          anchor,
          ours,
          rounds: COLD_ROUNDS,
          dropCaches: true,
        }),
      );
    }
    fs.rmSync(t.dir, { recursive: true, force: true });
  }
  if (!cold) console.log('\n(caches not dropped: needs root and /proc/sys/vm/drop_caches)');
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
