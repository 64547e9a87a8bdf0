/**
 * A drive pulled in the middle of `dockhand copy`: the run stops with the drive named and what to do, the
 * journal claims no file that is not fully on the drive, no half file sits under a real name, and after the
 * drive is back `dockhand copy --resume` ends with every file identical and no temporary file left.
 *
 * The pull is device-mapper's `error` table swapped in under the mounted file system (and back) where the
 * kernel has device-mapper; on a kernel without it (this project's Firecracker VMs) ext4's shutdown ioctl
 * (`xfs_io -x -c shutdown`, the same one fstests uses to simulate a pulled disk) makes every I/O fail the
 * same way, and the re-plug is an unmount and mount that replays the journal.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CopyResult } from '../../electron/copy/types';
import { blobToBuffer, openDatabase } from '../../electron/sqlite/index';
import { runDockhand } from '../helpers/cli';
import { createZramDrive, unplugAllZramDrives, zramSkipReason, type ZramDrive } from '../helpers/zram';

const skip = zramSkipReason();
const MiB = 1024 * 1024;
const FILES = 200;

function hasDeviceMapper(): boolean {
  return spawnSync('dmsetup', ['version'], { encoding: 'utf8' }).stdout?.includes('Driver version') === true;
}
function hasShutdownIoctl(): boolean {
  return spawnSync('xfs_io', ['-V']).status === 0;
}
const way = hasDeviceMapper() ? 'device-mapper' : hasShutdownIoctl() ? 'ext4 shutdown' : undefined;
if (skip === undefined && way === undefined) {
  const reason = 'neither device-mapper (dmsetup) nor xfs_io is available; run build/install-system-deps.sh';
  if (process.env.CI === 'true') throw new Error(reason);
  console.warn(`skipping the pulled-drive test: ${reason}`);
}

let work: string;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-copy-pull-'));
  env = { ...process.env, DOCKHAND_HOME: path.join(work, 'home') };
});
afterAll(async () => {
  await unplugAllZramDrives();
  fs.rmSync(work, { recursive: true, force: true });
});

/** A drive whose plug can be pulled and put back. */
interface Pullable {
  mountpoint: string;
  pull(): void;
  replug(): Promise<void>;
  remove(): Promise<void>;
}

async function pullableDrive(): Promise<Pullable> {
  const z: ZramDrive = await createZramDrive({
    sizeBytes: 400 * MiB,
    label: 'DHPULL',
    mount: way !== 'device-mapper',
  });
  if (way !== 'device-mapper') {
    const mp = z.mountpoint;
    return {
      mountpoint: mp,
      pull: () => execFileSync('xfs_io', ['-x', '-c', 'shutdown', mp]),
      replug: async () => {
        await z.unmount();
        await z.mount(mp);
      },
      remove: () => z.unplug(),
    };
  }
  const name = `dockhand-pull-${z.index}`;
  const sectors = execFileSync('blockdev', ['--getsz', z.devicePath]).toString().trim();
  const linear = `0 ${sectors} linear ${z.devicePath} 0`;
  execFileSync('dmsetup', ['create', name, '--table', linear]);
  const mp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-dm-'));
  execFileSync('mount', [`/dev/mapper/${name}`, mp]);
  const swap = (table: string) => {
    execFileSync('dmsetup', ['suspend', '--noflush', name]);
    execFileSync('dmsetup', ['load', name, '--table', table]);
    execFileSync('dmsetup', ['resume', name]);
  };
  return {
    mountpoint: mp,
    pull: () => swap(`0 ${sectors} error`),
    replug: async () => {
      spawnSync('umount', [mp]);
      swap(linear);
      execFileSync('mount', [`/dev/mapper/${name}`, mp]);
    },
    remove: async () => {
      spawnSync('umount', ['-l', mp]);
      spawnSync('dmsetup', ['remove', '--force', name]);
      await z.unplug();
    },
  };
}

function md5(file: string): string {
  return createHash('md5').update(fs.readFileSync(file)).digest('hex');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(skip !== undefined || way === undefined)(`drive pulled mid-copy (${way})`, () => {
  it('stops naming the drive, claims only whole files, and --resume finishes with identical files and no temp file', async () => {
    const src = path.join(work, 'data');
    fs.mkdirSync(src, { recursive: true });
    for (let i = 0; i < FILES; i++) {
      const b = Buffer.alloc(MiB, i);
      b.write(`file ${i}`);
      fs.writeFileSync(path.join(src, `f${String(i).padStart(3, '0')}.bin`), b);
    }
    const drive = await pullableDrive();
    try {
      const running = runDockhand(['copy', src, '--to', drive.mountpoint, '--json'], { env, cwd: work });
      // Pull once a few files are on the drive, while the rest are still being written.
      const target = path.join(drive.mountpoint, 'data');
      for (let i = 0; i < 1000; i++) {
        if (fs.existsSync(target) && fs.readdirSync(target).filter((n) => n.startsWith('f')).length >= 20)
          break;
        await sleep(10);
      }
      drive.pull();
      const r = await running;
      expect(r.code).toBe(1);
      const result = JSON.parse(r.stdout) as CopyResult;
      expect(result.copied).toBeLessThan(FILES);
      const gone = result.notCopied.find((n) => n.reason === 'device-gone');
      expect(gone?.message).toMatch(/stopped answering while writing data\/f\d+\.bin \(EIO\)/);
      expect(gone?.fix).toContain(`dockhand copy --resume --to ${drive.mountpoint}`);
      expect(result.notCopied.length + result.copied).toBe(FILES);

      await drive.replug();
      // Whatever the journal claims is on the drive, whole.
      const db = openDatabase(path.join(work, 'home', 'journal.sqlite'), {
        busyTimeoutMs: 5000,
        readOnly: true,
      });
      const claimed = db
        .prepare('SELECT path, md5 FROM copy_records')
        .all<{ path: Uint8Array; md5: string }>();
      db.close();
      for (const c of claimed) {
        expect(md5(path.join(drive.mountpoint, blobToBuffer(c.path).toString()))).toBe(c.md5);
      }
      const names = fs.readdirSync(target);
      for (const n of names.filter((x) => !x.startsWith('.dockhand-copy-'))) {
        expect(fs.statSync(path.join(target, n)).size).toBe(MiB);
      }

      const resumed = await runDockhand(
        ['copy', '--resume', '--to', drive.mountpoint, '--verify', '--json'],
        {
          env,
          cwd: work,
        },
      );
      expect(resumed.stderr).not.toMatch(/Error/);
      expect(resumed.code).toBe(0);
      const after = JSON.parse(resumed.stdout) as CopyResult;
      expect(after.skippedUnchanged).toBe(claimed.length);
      expect(after.copied).toBe(FILES - claimed.length);
      expect(after.verify?.mismatches).toEqual([]);
      const final = fs.readdirSync(target).sort();
      expect(final).toEqual(fs.readdirSync(src).sort());
      for (const n of final) expect(md5(path.join(target, n))).toBe(md5(path.join(src, n)));
    } finally {
      await drive.remove();
    }
  }, 180_000);
});
