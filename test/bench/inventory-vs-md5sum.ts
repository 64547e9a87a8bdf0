/**
 * takeInventory's hashing throughput against the anchor "md5sum" (GNU coreutils, one process, one
 * thread) over the same files in the same run:
 *
 * - one large file (LARGE_FILE_BYTES of pseudo-random bytes);
 * - many small files (SMALL_FILE_COUNT x SMALL_FILE_BYTES), md5sum fed by `find -print0 | xargs -0`.
 *
 * Each side runs ROUNDS times per case, alternating, and the last round is kept, so both read from a page
 * cache warmed the same way. takeInventory uses its default pool (min(cores, 4) threads) and includes its
 * walk and findings. Ratios > 1 mean takeInventory is faster.
 *
 * Run: node build/run-ts.js test/bench/inventory-vs-md5sum.ts   (needs ~1.2 GB free in the temp dir)
 */
import { execFile } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { defaultWorkerCount } from '../../electron/inventory/hash-pool';
import { takeInventory } from '../../electron/inventory/inventory';

const run = promisify(execFile);

const LARGE_FILE_BYTES = 1024 ** 3;
const SMALL_FILE_COUNT = 20_000;
const SMALL_FILE_BYTES = 4 * 1024;
const WRITE_CHUNK_BYTES = 16 * 1024 * 1024;
const ROUNDS = 2;
const MD5SUM_MAX_BUFFER_BYTES = 64 * 1024 * 1024;

function makeLarge(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const fd = fs.openSync(path.join(dir, 'large.bin'), 'w');
  const chunk = Buffer.alloc(WRITE_CHUNK_BYTES);
  for (let written = 0; written < LARGE_FILE_BYTES; written += WRITE_CHUNK_BYTES) {
    randomFillSync(chunk);
    fs.writeSync(fd, chunk, 0, Math.min(WRITE_CHUNK_BYTES, LARGE_FILE_BYTES - written));
  }
  fs.closeSync(fd);
}

function makeSmall(dir: string): void {
  const data = Buffer.alloc(SMALL_FILE_BYTES);
  for (let i = 0; i < SMALL_FILE_COUNT; i++) {
    const sub = path.join(dir, `d${Math.floor(i / 1000)}`);
    if (i % 1000 === 0) fs.mkdirSync(sub, { recursive: true });
    randomFillSync(data);
    fs.writeFileSync(path.join(sub, `f${i}.bin`), data);
  }
}

async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function md5sumAll(dir: string): Promise<void> {
  await run('sh', ['-c', 'find . -type f -print0 | xargs -0 md5sum > /dev/null'], {
    cwd: dir,
    maxBuffer: MD5SUM_MAX_BUFFER_BYTES,
  });
}

async function inventoryAll(dir: string): Promise<void> {
  const inv = await takeInventory({ root: dir, jobKind: 's3-import' });
  if (inv.entries.some((e) => e.imported && e.md5 === null)) throw new Error('a file was not hashed');
}

async function measure(name: string, dir: string, bytes: number): Promise<string> {
  let anchorMs = 0;
  let oursMs = 0;
  for (let round = 0; round < ROUNDS; round++) {
    anchorMs = await timeMs(() => md5sumAll(dir));
    oursMs = await timeMs(() => inventoryAll(dir));
  }
  const mbps = (ms: number) => bytes / 1e6 / (ms / 1000);
  return `| ${name} | ${mbps(anchorMs).toFixed(0)} | ${mbps(oursMs).toFixed(0)} | ${(anchorMs / oursMs).toFixed(2)} |`;
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-bench-inv-'));
try {
  const large = path.join(root, 'large');
  const small = path.join(root, 'small');
  makeLarge(large);
  makeSmall(small);
  const rows = [
    await measure(`1 file x ${LARGE_FILE_BYTES / 1024 ** 3} GiB`, large, LARGE_FILE_BYTES),
    await measure(
      `${SMALL_FILE_COUNT.toLocaleString('en-US')} files x ${SMALL_FILE_BYTES / 1024} KiB`,
      small,
      SMALL_FILE_COUNT * SMALL_FILE_BYTES,
    ),
  ];
  console.log(
    `takeInventory (${defaultWorkerCount()} hashing threads on ${os.availableParallelism()} cores) vs md5sum, MB/s, last of ${ROUNDS} rounds\n`,
  );
  console.log('| case | md5sum (anchor) MB/s | takeInventory MB/s | ratio (ours / anchor) |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const row of rows) console.log(row);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
