/**
 * The loading station's import throughput (walk, classify, copy each file into the object store with its
 * MD5, fsync, metadata row, log report) against the anchor `cp -r` of the same tree, in the same run. Both
 * read from a page cache warmed the same way (each side runs ROUNDS times, alternating; the last is kept).
 * Ratio < 1 means the dock is slower than cp (it hashes and fsyncs every object, cp does neither).
 *
 * Run: node build/run-ts.js test/bench/dock-import-vs-cp.ts
 */
import { execFile } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadImportDevice } from '../../electron/service/loading/import-device';
import { openObjectStore } from '../../electron/service/objects/index';
import type { S3ImportManifest } from '../../electron/protocol/manifest/types';

const run = promisify(execFile);
const CASES = [
  { name: '2,000 x 16 KiB files', count: 2_000, bytes: 16 * 1024 },
  { name: '8 x 32 MiB files', count: 8, bytes: 32 * 1024 * 1024 },
];
const ROUNDS = 2;
const MiB = 1024 * 1024;

const manifest = {
  kind: 's3-import',
  manifestVersion: '2.0',
  bucket: 'bench-bucket',
  accessKeyId: 'AKIABENCH',
  deviceId: 'bench',
  returnAddress: { name: 'n', street1: 's', city: 'c', postalCode: 'p', phoneNumber: '1', country: 'USA' },
} as S3ImportManifest;

function makeTree(dir: string, count: number, bytes: number): void {
  const buf = Buffer.alloc(bytes);
  for (let i = 0; i < count; i++) {
    const sub = path.join(dir, `d${i % 20}`);
    fs.mkdirSync(sub, { recursive: true });
    randomFillSync(buf);
    fs.writeFileSync(path.join(sub, `f${i}.bin`), buf);
  }
}

async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-bench-dock-'));
const lines = [
  '| case | dock import MB/s | cp -r MB/s (anchor) | ratio dock/cp |',
  '| --- | ---: | ---: | ---: |',
];
try {
  for (const c of CASES) {
    const src = path.join(work, `src-${c.count}`);
    makeTree(src, c.count, c.bytes);
    const total = c.count * c.bytes;
    let dockMs = 0;
    let cpMs = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const dataDir = path.join(work, `data-${c.count}-${r}`);
      const objects = openObjectStore(dataDir);
      dockMs = await timeMs(() =>
        loadImportDevice({ jobId: 'BENCH', manifest, root: src, objects, now: () => new Date() }),
      );
      objects.close();
      const dst = path.join(work, `cp-${c.count}-${r}`);
      cpMs = await timeMs(() => run('cp', ['-r', src, dst]));
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(dst, { recursive: true, force: true });
    }
    const dockRate = total / MiB / (dockMs / 1000);
    const cpRate = total / MiB / (cpMs / 1000);
    lines.push(
      `| ${c.name} | ${dockRate.toFixed(1)} | ${cpRate.toFixed(1)} | ${(dockRate / cpRate).toFixed(2)} |`,
    );
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
console.log(lines.join('\n'));
