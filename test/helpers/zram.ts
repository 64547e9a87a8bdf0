/**
 * Real block devices for tests: a zram device per call, formatted and (optionally) mounted under a temp dir.
 * Needs root and /sys/class/zram-control. Only devices this process created are ever touched; a pre-existing
 * /dev/zram0 (swap, or someone else's) is left alone because hot_add always hands out a fresh index.
 *
 *   const skip = zramSkipReason();       // prints the reason; under CI=true it throws instead
 *   describe.skipIf(skip !== undefined)(...)
 *   const drive = await createZramDrive({ sizeBytes: 64 * MiB, label: 'DOCKTEST', files: { 'a.txt': 'hi' } });
 *   ...
 *   await drive.unplug();               // idempotent; also run for every live drive at process exit
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';

const run = promisify(execFile);

/**
 * A full garbage collection. The SQLite binding (1.x) cannot finalize prepared statements when a database
 * closes, so a store a test opened on a drive keeps its file open until they are collected; the drive then
 * cannot be unmounted, only detached lazily, and hot_remove says EBUSY for as long as the file stays open
 * (this left the power-loss test's drive behind).
 */
async function collectGarbage(): Promise<void> {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  // The binding's finalizers run after the collection, from the event loop; a second one catches what the
  // first freed.
  for (let i = 0; i < 2; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const ZRAM_CONTROL_DIR = '/sys/class/zram-control';
/** ext4 needs a little room for its journal; below this mkfs refuses or leaves no usable space. */
const MIN_ZRAM_BYTES = 4 * 1024 * 1024;
/**
 * hot_remove says EBUSY for a moment after umount while the kernel drops its last reference; after the
 * power-loss test (a file system shut down, remounted and replayed) that moment passed 1 s at times, and the
 * device was left behind.
 */
const HOT_REMOVE_RETRIES = 100;
const HOT_REMOVE_RETRY_MS = 50;

export type ZramFsType = 'ext4' | 'ext3' | 'ext2' | 'ntfs';

export interface ZramDriveOptions {
  sizeBytes: number;
  fsType?: ZramFsType;
  label?: string;
  /** Mount under a fresh temp dir (default true). */
  mount?: boolean;
  /** Files to create (relative paths, parents made) after mounting; needs mount. */
  files?: Record<string, string | Buffer>;
  /** Mount here instead of a fresh temp dir (it is created if missing). */
  mountpoint?: string;
}

export interface ZramDrive {
  index: number;
  /** e.g. /dev/zram3 */
  devicePath: string;
  /** Where it is mounted ('' when created with mount: false). */
  mountpoint: string;
  fsType: ZramFsType;
  label: string;
  sizeBytes: number;
  /** The file system UUID blkid reports. */
  fsUuid: string;
  mount(at?: string): Promise<void>;
  remountReadOnly(): Promise<void>;
  remountReadWrite(): Promise<void>;
  unmount(): Promise<void>;
  /** umount + hot_remove; safe to call more than once. */
  unplug(): Promise<void>;
}

export type ZramAvailability = { ok: true } | { ok: false; reason: string };

export function zramAvailable(): ZramAvailability {
  if (process.platform !== 'linux') return { ok: false, reason: 'zram devices need Linux' };
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return { ok: false, reason: 'zram devices need root (hot_add/mkfs/mount)' };
  }
  if (!existsSync(path.join(ZRAM_CONTROL_DIR, 'hot_add'))) {
    return { ok: false, reason: `${ZRAM_CONTROL_DIR} is missing (modprobe zram)` };
  }
  return { ok: true };
}

/** The skip reason for describe.skipIf, or throws under CI=true so a missing prerequisite cannot pass silently. */
export function zramSkipReason(): string | undefined {
  const a = zramAvailable();
  if (a.ok) return undefined;
  if (process.env.CI === 'true') throw new Error(`device tests cannot run: ${a.reason}`);
  console.warn(`skipping device tests: ${a.reason}`);
  return a.reason;
}

/** Everything created and not yet unplugged, so a crashed test still gives its devices back. */
const live = new Set<ZramDrive>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Synchronous: 'exit' handlers cannot await. Best effort; vitest's afterAll should normally get there first.
  process.on('exit', () => {
    for (const d of live) unplugSync(d);
  });
}

function unplugSync(d: ZramDrive): void {
  try {
    // umount -l never blocks on a file a crashed test left open.
    if (d.mountpoint && isMounted(d.mountpoint)) spawnSync('umount', ['-l', d.mountpoint]);
    writeFileSync(path.join(ZRAM_CONTROL_DIR, 'hot_remove'), String(d.index));
  } catch {
    /* best effort at exit */
  }
}

function isMounted(mountpoint: string): boolean {
  const want = path.resolve(mountpoint);
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .some((line) => unescapeMount(line.split(' ')[4] ?? '') === want);
}

function unescapeMount(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function hotAdd(): Promise<number> {
  const text = readFileSync(path.join(ZRAM_CONTROL_DIR, 'hot_add'), 'utf8').trim();
  const index = Number(text);
  if (!Number.isInteger(index)) throw new Error(`zram hot_add returned "${text}", not an index`);
  return index;
}

async function hotRemove(index: number): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(path.join(ZRAM_CONTROL_DIR, 'hot_remove'), String(index));
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENODEV' || code === 'ENOENT') return;
      if (code !== 'EBUSY' || attempt >= HOT_REMOVE_RETRIES) throw err;
      await sleep(HOT_REMOVE_RETRY_MS);
    }
  }
}

async function mkfs(fsType: ZramFsType, device: string, label: string): Promise<void> {
  switch (fsType) {
    case 'ext4':
    case 'ext3':
    case 'ext2':
      await run(`mkfs.${fsType}`, ['-q', '-F', '-L', label, device]);
      return;
    case 'ntfs':
      await run('mkfs.ntfs', ['-Q', '-F', '-q', '-L', label, device]);
      return;
  }
}

async function blkidValue(device: string, tag: string): Promise<string> {
  try {
    const { stdout } = await run('blkid', ['-p', '-s', tag, '-o', 'value', device]);
    return stdout.trim();
  } catch {
    return '';
  }
}

export async function createZramDrive(options: ZramDriveOptions): Promise<ZramDrive> {
  const avail = zramAvailable();
  if (!avail.ok) throw new Error(`cannot create a zram drive: ${avail.reason}`);
  const fsType = options.fsType ?? 'ext4';
  const label = options.label ?? 'DOCKTEST';
  const sizeBytes = Math.max(MIN_ZRAM_BYTES, options.sizeBytes);
  const shouldMount = options.mount ?? true;
  installExitHook();

  const index = await hotAdd();
  const devicePath = `/dev/zram${index}`;
  let tempDir = '';
  let unplugged = false;

  const drive: ZramDrive = {
    index,
    devicePath,
    mountpoint: '',
    fsType,
    label,
    sizeBytes,
    fsUuid: '',
    async mount(at?: string) {
      const target =
        at ?? options.mountpoint ?? (tempDir ||= mkdtempSync(path.join(os.tmpdir(), 'dockhand-zram-')));
      await mkdir(target, { recursive: true });
      if (fsType === 'ntfs') await run('ntfs-3g', [devicePath, target]);
      else await run('mount', ['-t', fsType, devicePath, target]);
      drive.mountpoint = target;
    },
    async remountReadOnly() {
      if (!drive.mountpoint) throw new Error(`${devicePath} is not mounted`);
      if (fsType === 'ntfs') {
        await run('umount', [drive.mountpoint]);
        await run('ntfs-3g', ['-o', 'ro', devicePath, drive.mountpoint]);
      } else {
        await run('mount', ['-o', 'remount,ro', drive.mountpoint]);
      }
    },
    async remountReadWrite() {
      if (!drive.mountpoint) throw new Error(`${devicePath} is not mounted`);
      if (fsType === 'ntfs') {
        await run('umount', [drive.mountpoint]);
        await run('ntfs-3g', [devicePath, drive.mountpoint]);
      } else {
        await run('mount', ['-o', 'remount,rw', drive.mountpoint]);
      }
    },
    async unmount() {
      if (drive.mountpoint && isMounted(drive.mountpoint)) {
        await run('umount', [drive.mountpoint]);
      }
    },
    async unplug() {
      if (unplugged) return;
      if (drive.mountpoint && isMounted(drive.mountpoint)) {
        await collectGarbage();
        try {
          await run('umount', [drive.mountpoint]);
        } catch {
          // A test left a file open: detach lazily so the device can still go.
          await run('umount', ['-l', drive.mountpoint]);
        }
      }
      await hotRemove(index);
      unplugged = true;
      live.delete(drive);
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
  live.add(drive);

  try {
    await writeFile(`/sys/block/zram${index}/disksize`, String(sizeBytes));
    await mkfs(fsType, devicePath, label);
    drive.fsUuid = await blkidValue(devicePath, 'UUID');
    if (shouldMount) {
      await drive.mount();
      for (const [rel, content] of Object.entries(options.files ?? {})) {
        const file = path.join(drive.mountpoint, rel);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, content);
      }
    } else if (options.files && Object.keys(options.files).length > 0) {
      throw new Error('createZramDrive: files need mount: true');
    }
  } catch (err) {
    await drive.unplug().catch(() => undefined);
    throw err;
  }
  return drive;
}

/** Unplugs every drive this process created and has not unplugged yet (for afterAll). */
export async function unplugAllZramDrives(): Promise<void> {
  for (const d of [...live]) await d.unplug().catch(() => undefined);
}
