/**
 * Power lost at the receiving dock: the endpoint's data dir sits on a zram ext4 drive, and the moment the
 * first batch of a device is committed the drive is shut down without flushing its journal (ext4's shutdown
 * ioctl, `xfs_io -x -c shutdown`, as fstests simulates a power cut: nothing more reaches the disk). After a
 * remount (the journal replays), every object the store committed must be whole, with the MD5 it was
 * committed with, for large files (copied by the kernel, hashed in threads, fsynced as they go) and small
 * ones (fsynced together) alike.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_BATCH_MAX_FILES } from '../../electron/service/loading/import-device';
import { KERNEL_COPY_MIN_BYTES } from '../../electron/service/objects/batch-import';
import { openObjectStore, type StoredObject } from '../../electron/service/objects/index';
import { openObjectStream } from '../../electron/service/objects/read-object';
import { runDockhand } from '../helpers/cli';
import { BENCH_MANIFEST } from '../bench/harness';
import { createZramDrive, unplugAllZramDrives, zramSkipReason, type ZramDrive } from '../helpers/zram';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const skip = zramSkipReason();
const MiB = 1024 * 1024;
const hasXfsIo = spawnSync('xfs_io', ['-V']).status === 0;
if (skip === undefined && !hasXfsIo) {
  const reason = 'xfs_io is missing; run build/install-system-deps.sh';
  if (process.env.CI === 'true') throw new Error(reason);
  console.warn(`skipping the dock power-loss test: ${reason}`);
}

let work: string;
let drive: ZramDrive | undefined;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-dock-power-'));
});
afterAll(async () => {
  await unplugAllZramDrives();
  fs.rmSync(work, { recursive: true, force: true });
});

const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');

describe.skipIf(skip !== undefined || !hasXfsIo)('power lost while the dock imports', () => {
  it('keeps every committed object whole, large and small, after the journal replays', async () => {
    // The device: large files first (byte order), then enough small ones that a second batch follows.
    const src = path.join(work, 'device');
    const expected = new Map<string, string>();
    const add = (rel: string, bytes: number): void => {
      const data = randomFillSync(Buffer.alloc(bytes));
      fs.mkdirSync(path.dirname(path.join(src, rel)), { recursive: true });
      fs.writeFileSync(path.join(src, rel), data);
      expected.set(rel, md5(data));
    };
    for (let i = 0; i < 6; i++) add(`a-large/f${i}.bin`, 3 * KERNEL_COPY_MIN_BYTES + i);
    for (let i = 0; i < IMPORT_BATCH_MAX_FILES + 40; i++)
      add(`b-small/f${String(i).padStart(4, '0')}.bin`, 8 * 1024 + i);

    drive = await createZramDrive({ sizeBytes: 256 * MiB, label: 'DHPOWER' });
    const mp = drive.mountpoint;
    // The job is created by the CLI on its embedded endpoint, whose data dir is on the drive: in another
    // process, since the station's disk must be left with no file open when the power goes.
    const home = path.join(mp, 'home');
    const dataDir = path.join(home, 'endpoint');
    fs.writeFileSync(path.join(work, 'import.yaml'), BENCH_MANIFEST);
    const created = await runDockhand(
      ['create-job', '--job-type', 'Import', '--manifest', `file://${path.join(work, 'import.yaml')}`],
      { cwd: work, env: { ...process.env, DOCKHAND_HOME: home } },
    );
    expect(created.code, created.stderr).toBe(0);
    const job = JSON.parse(created.stdout) as { JobId: string; SignatureFileContents: string };
    const jobId = job.JobId;
    fs.writeFileSync(path.join(src, 'SIGNATURE'), job.SignatureFileContents);

    // The import runs in its own process, which dies with the power (a test process could not close
    // its store on a dead drive, and the drive would stay busy).
    const child = spawn(
      process.execPath,
      ['build/run-ts.js', 'test/devices/dock-power-loss-child.ts', dataDir, jobId, src, mp],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const [, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    expect(out).toBe('cut\n');
    expect(signal).toBe('SIGKILL');

    await drive.unmount();
    await drive.mount(mp);
    const bucket = /^bucket: (.+)$/m.exec(BENCH_MANIFEST)?.[1] as string;
    const store = openObjectStore(dataDir);
    try {
      const committed = [...expected].filter(([rel]) => store.get(bucket, rel) !== undefined);
      // The first batch (every large file and the first small ones) was committed before the cut.
      expect(committed.length).toBeGreaterThanOrEqual(IMPORT_BATCH_MAX_FILES);
      expect(committed.filter(([rel]) => rel.startsWith('a-large/'))).toHaveLength(6);
      for (const [rel, want] of committed) {
        const stored = store.get(bucket, rel);
        expect(stored?.md5, rel).toBe(want);
        expect(md5(await buffer(await openObjectStream(stored as StoredObject))), rel).toBe(want);
      }
    } finally {
      store.close();
    }
  });
});
