/**
 * Plug-to-event latency of the drive watcher, against the anchor: how long `lsblk` alone takes to show the
 * device after the kernel creates it, in the same run. Needs root and zram.
 *
 *   node build/run-ts.js test/bench/drives-plug-latency.ts
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { watchDrives } from '../../electron/drives/index';

const PLUGS = 20;
const DISK_BYTES = 8 * 1024 * 1024;
const CONTROL = '/sys/class/zram-control';

function hotAdd(): number {
  const n = Number(readFileSync(`${CONTROL}/hot_add`, 'utf8').trim());
  writeFileSync(`/sys/block/zram${n}/disksize`, String(DISK_BYTES));
  return n;
}
function hotRemove(n: number): void {
  writeFileSync(`${CONTROL}/hot_remove`, String(n));
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? NaN;
}

// Anchor: poll lsblk as fast as it runs until the new device is listed.
const anchor: number[] = [];
for (let i = 0; i < PLUGS; i++) {
  const t0 = performance.now();
  const n = hotAdd();
  while (!execFileSync('lsblk', ['-ndo', 'NAME'], { encoding: 'utf8' }).split('\n').includes(`zram${n}`));
  anchor.push(performance.now() - t0);
  hotRemove(n);
}

const watcher = watchDrives({ emitInitial: false });
await watcher.ready;
const ours: number[] = [];
for (let i = 0; i < PLUGS; i++) {
  let n = -1;
  const seen = new Promise<number>((resolve) => {
    const off = watcher.on((e) => {
      if (e.type === 'added' && e.drive.device === `/dev/zram${n}`) {
        off();
        resolve(performance.now());
      }
    });
  });
  const t0 = performance.now();
  n = hotAdd();
  ours.push((await seen) - t0);
  hotRemove(n);
  await new Promise((r) => setTimeout(r, 300));
}
await watcher.stop();

const row = (name: string, xs: number[]) => `| ${name} | ${median(xs).toFixed(0)} | ${p95(xs).toFixed(0)} |`;
console.log(`| plug to event (${PLUGS} plugs) | median ms | p95 ms |`);
console.log('| --- | ---: | ---: |');
console.log(row('lsblk polled in a tight loop (anchor)', anchor));
console.log(row('dockhand drive watcher', ours));
console.log(`\nwatcher / anchor, median: ${(median(ours) / median(anchor)).toFixed(1)}x`);
