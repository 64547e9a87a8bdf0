/**
 * `dockhand copy` against the two passes a person makes today, whole commands on a real zram ext4 drive,
 * interleaved in the same run (test/bench/harness.ts):
 *
 * - anchor: `cp -r SRC MP/ && sync`, the drive's cache dropped, `md5sum` of every file read back;
 * - ours:   `dockhand copy SRC --to MP && sync` (the MD5s come from the bytes written);
 * - anchor + verify: the anchor plus a second cache drop and md5sum read-back;
 * - ours + verify:   `dockhand copy SRC --to MP --verify && sync` (read back with O_DIRECT).
 *
 * Cases: 1,000 x 1 MiB and 2 x 512 MiB of random bytes (incompressible, as most data is). "Cache dropped" is
 * an unmount and mount of the drive: every cached page of that file system goes, as it would on a
 * multi-terabyte drive, without dropping the rest of the machine's cache (other people's work). Before every
 * run the previous copy is removed, the drive trimmed and remounted. Peak RSS is GNU time's, for the command.
 *
 * Run (root, zram): node build/run-ts.js test/bench/copy-vs-cp.ts   (DOCKHAND_BENCH_ROUNDS=N; default 3)
 */
import { execFileSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createZramDrive, zramAvailable } from '../helpers/zram';
import {
  benchTmp,
  BENCH_CLI,
  compare,
  rounds,
  table,
  type Command,
  type ComparisonResult,
  type Goal,
} from './harness';

const MiB = 1024 * 1024;
const ROUNDS = rounds(3);
const CASES = [
  { name: '1,000 x 1 MiB', files: 1000, bytes: MiB },
  { name: '2 x 512 MiB', files: 2, bytes: 512 * MiB },
] as const;

function makeSource(dir: string, files: number, bytes: number): void {
  fs.mkdirSync(dir, { recursive: true });
  const chunk = Buffer.alloc(Math.min(bytes, 16 * MiB));
  for (let i = 0; i < files; i++) {
    const fd = fs.openSync(path.join(dir, `f${String(i).padStart(4, '0')}.bin`), 'w');
    for (let done = 0; done < bytes; done += chunk.length) {
      randomFillSync(chunk);
      fs.writeSync(fd, chunk, 0, Math.min(chunk.length, bytes - done));
    }
    fs.closeSync(fd);
  }
}

const sh = (label: string, line: string, extra: Partial<Command> = {}): Command => ({
  label,
  argv: ['bash', '-c', `set -e; ${line}`],
  ...extra,
});

async function main(): Promise<void> {
  const avail = zramAvailable();
  if (!avail.ok) {
    console.log(`copy-vs-cp: skipped (${avail.reason})`);
    return;
  }
  const work = benchTmp('copy');
  const env = { ...process.env, DOCKHAND_HOME: path.join(work, 'home') };
  const drive = await createZramDrive({ sizeBytes: 1400 * MiB, label: 'DHBENCH' });
  const mp = drive.mountpoint;
  const remount = `umount ${mp} && mount ${drive.devicePath} ${mp}`;
  const results: ComparisonResult[] = [];
  const goals: Record<string, Goal> = {};
  try {
    for (const c of CASES) {
      const name = `src-${c.files}`;
      const src = path.join(work, name);
      makeSource(src, c.files, c.bytes);
      const readBack = `find ${mp}/${name} -type f -print0 | xargs -0 md5sum > /dev/null`;
      // Untimed: the previous run's copy goes, the drive is trimmed (zram frees the memory) and remounted.
      const before = () => {
        execFileSync('bash', ['-c', `rm -rf ${mp}/src-* && sync && (fstrim ${mp} || true) && ${remount}`]);
      };
      const copyCmd = (verify: boolean) =>
        sh(
          `dockhand copy${verify ? ' --verify' : ''} + sync`,
          `node ${BENCH_CLI} copy ${src} --to ${mp}${verify ? ' --verify' : ''} > /dev/null && sync`,
          { env, before },
        );
      const plain = `copy, ${c.name}`;
      const verified = `copy --verify, ${c.name}`;
      goals[plain] = { minRatio: 1.3, maxPeakRssMiB: 300 };
      goals[verified] = { minRatio: 1.0, maxPeakRssMiB: 300 };
      results.push(
        await compare({
          figure: plain,
          anchor: sh(
            'cp -r + sync + md5sum read-back',
            `cp -r ${src} ${mp}/ && sync && ${remount} && ${readBack}`,
            {
              before,
            },
          ),
          ours: copyCmd(false),
          rounds: ROUNDS,
        }),
      );
      results.push(
        await compare({
          figure: verified,
          anchor: sh(
            'cp -r + sync + md5sum read-back x2',
            `cp -r ${src} ${mp}/ && sync && ${remount} && ${readBack} && ${remount} && ${readBack}`,
            { before },
          ),
          ours: copyCmd(true),
          rounds: ROUNDS,
        }),
      );
      fs.rmSync(src, { recursive: true, force: true });
    }
  } finally {
    await drive.unplug();
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(
    `dockhand copy onto a zram ext4 drive vs the two passes a person makes today (median of ${ROUNDS})\n`,
  );
  console.log(table(results, goals));
}

await main();
