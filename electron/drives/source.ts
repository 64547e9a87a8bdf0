/**
 * The imperative shell of the drive source: asks drivelist, lsblk, blkid and the kernel, then hands it all
 * to mergeDrives(). Linux only for the lsblk/blkid completion; elsewhere drivelist's view is used as is.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, statfs } from 'node:fs/promises';
import { promisify } from 'node:util';
import { mergeDrives, type DrivelistEntry, type ProbeSnapshot } from './merge-drives';
import {
  LSBLK_COLUMNS,
  LSBLK_FALLBACK_COLUMNS,
  parseBlkidExport,
  parseLsblkJson,
  parseMountinfo,
  type BlkidInfo,
  type LsblkDevice,
} from './probe-parsers';
import type { Drive } from './types';
import { macDiskFingerprint } from '../platform/index';

const run = promisify(execFile);

/** A probe that hangs (a dying USB bridge can stall lsblk) must not freeze the watcher forever. */
const PROBE_TIMEOUT_MS = 10_000;
const PROBE_MAX_BUFFER_BYTES = 16 * 1024 * 1024;

async function listDrivelist(): Promise<DrivelistEntry[] | null> {
  try {
    const mod = (await import('drivelist')) as { list(): Promise<DrivelistEntry[]> };
    return await mod.list();
  } catch {
    // No native binding for this platform, or lsblk failed inside it: lsblk alone still works.
    return null;
  }
}

async function runLsblk(): Promise<LsblkDevice[]> {
  if (process.platform !== 'linux') return [];
  const attempt = async (columns: string): Promise<LsblkDevice[]> => {
    const { stdout } = await run('lsblk', ['-J', '-b', '-o', columns], {
      timeout: PROBE_TIMEOUT_MS,
      maxBuffer: PROBE_MAX_BUFFER_BYTES,
    });
    return parseLsblkJson(stdout);
  };
  try {
    return await attempt(LSBLK_COLUMNS);
  } catch (err) {
    // util-linux < 2.37 rejects MOUNTPOINTS/FSUSED/FSAVAIL ("unknown column").
    if (/unknown column/i.test(String((err as { stderr?: unknown }).stderr ?? err))) {
      return attempt(LSBLK_FALLBACK_COLUMNS);
    }
    throw err;
  }
}

/** blkid fills FSTYPE/LABEL/UUID that lsblk leaves empty on machines without udev (containers, CI). */
async function runBlkid(devices: string[]): Promise<Map<string, BlkidInfo>> {
  if (devices.length === 0) return new Map();
  try {
    const { stdout } = await run('blkid', ['-p', '-o', 'export', ...devices], { timeout: PROBE_TIMEOUT_MS });
    return parseBlkidExport(stdout);
  } catch (err) {
    // blkid exits 2 when any device has nothing to report (or cannot be opened) yet still prints the rest.
    const stdout = (err as { stdout?: unknown }).stdout;
    return typeof stdout === 'string' ? parseBlkidExport(stdout) : new Map();
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '';
  }
}

function parseSwaps(text: string): string[] {
  return text
    .split('\n')
    .slice(1)
    .map((l) => l.split(/\s+/)[0] ?? '')
    .filter((d) => d.startsWith('/'));
}

function flatten(devs: LsblkDevice[]): LsblkDevice[] {
  return devs.flatMap((d) => [d, ...flatten(d.children)]);
}

export async function gatherSnapshot(): Promise<ProbeSnapshot> {
  const [drivelist, lsblk, mountinfo, swaps] = await Promise.all([
    listDrivelist(),
    runLsblk(),
    readText('/proc/self/mountinfo'),
    readText('/proc/swaps'),
  ]);
  const mounts = parseMountinfo(mountinfo);
  const all = flatten(lsblk);
  const needBlkid = all.filter((d) => d.sizeBytes > 0 && (!d.fsType || !d.uuid)).map((d) => d.path);
  const blkid = await runBlkid(needBlkid);
  const usage = new Map<string, { usedBytes: number; freeBytes: number }>();
  await Promise.all(
    all
      .filter((d) => d.fsUsedBytes === null || d.fsAvailBytes === null)
      .flatMap((d) => d.mountpoints)
      .map(async (m) => {
        try {
          const s = await statfs(m);
          usage.set(m, { usedBytes: (s.blocks - s.bfree) * s.bsize, freeBytes: s.bavail * s.bsize });
        } catch {
          /* unmounted in between: no usage */
        }
      }),
  );
  return { drivelist, lsblk, blkid, mounts, swapDevices: parseSwaps(swaps), usage };
}

/** Every drive the OS shows, completed and merged. */
export async function listDrives(): Promise<Drive[]> {
  return mergeDrives(await gatherSnapshot());
}

/**
 * A cheap summary of the block-device landscape: the names in /sys/block with their size and ro flag, plus
 * the mount table. When it has not changed, a full (process-spawning) scan can be skipped.
 */
export async function driveFingerprint(): Promise<string> {
  if (process.platform === 'darwin') {
    // No /sys on macOS: the /dev/disk* names change when a disk comes or goes (electron/platform).
    return macDiskFingerprint(await readdir('/dev').catch(() => [String(Date.now())]));
  }
  if (process.platform !== 'linux') return String(Date.now());
  let names: string[];
  try {
    names = await readdir('/sys/block');
  } catch {
    return String(Date.now());
  }
  const parts = await Promise.all(
    names.sort().map(async (n) => {
      const [size, ro] = await Promise.all([
        readText(`/sys/block/${n}/size`),
        readText(`/sys/block/${n}/ro`),
      ]);
      return `${n}:${size.trim()}:${ro.trim()}`;
    }),
  );
  return `${parts.join(',')}\n${await readText('/proc/self/mountinfo')}`;
}
