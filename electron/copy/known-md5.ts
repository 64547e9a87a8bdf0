/**
 * What Preflight's inventory asks before hashing a file: did `dockhand copy` write it, and is it unchanged
 * since (same drive by identity, same size and mtime as recorded)? Then the recorded MD5 is its MD5 and the
 * file is not read again. Anything else on the drive is hashed the usual way.
 */
import { existsSync } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { appPaths } from '../app-paths';
import { listDrives, type Drive } from '../drives/index';
import { CopyRecords, recordKey } from './records';

/** `relBytes` is relative to the inventory's root, `/`-separated. */
export type KnownMd5 = (relBytes: Buffer, size: number, mtimeMs: number) => string | undefined;

/**
 * The lookup for an inventory of `root`, or undefined when no drive is mounted there or nothing was copied
 * to it. `drive` saves a drive scan when the caller already has it.
 */
export async function copiedFilesOn(
  root: string,
  options: { drive?: Drive; journalFile?: string } = {},
): Promise<KnownMd5 | undefined> {
  // Nothing was ever copied on this machine: no journal to open (and none created), no drive scan.
  const journalFile = options.journalFile ?? appPaths().journalFile;
  if (!existsSync(journalFile)) return undefined;
  const peek = new CopyRecords(journalFile);
  let any: boolean;
  try {
    any = peek.hasAny();
  } finally {
    peek.close();
  }
  if (!any) return undefined;
  const real = await fsp.realpath(root).catch(() => path.resolve(root));
  const drives = options.drive ? [options.drive] : await listDrives().catch(() => [] as Drive[]);
  let best: { drive: Drive; mountpoint: string } | undefined;
  for (const d of drives) {
    for (const m of d.mountpoints) {
      const inside = real === m.path || real.startsWith(m.path.endsWith('/') ? m.path : m.path + '/');
      if (inside && (!best || m.path.length > best.mountpoint.length))
        best = { drive: d, mountpoint: m.path };
    }
  }
  if (!best) return undefined;
  const records = new CopyRecords(journalFile);
  let known;
  try {
    known = records.forDrive({ serial: best.drive.serial, fsUuid: best.drive.fsUuid ?? '' });
  } finally {
    records.close();
  }
  if (known.size === 0) return undefined;
  const rel = path.relative(best.mountpoint, real);
  const prefix = rel === '' ? Buffer.alloc(0) : Buffer.from(rel + '/');
  return (relBytes, size, mtimeMs) => {
    const rec = known.get(recordKey(prefix.length === 0 ? relBytes : Buffer.concat([prefix, relBytes])));
    return rec && rec.size === size && rec.mtimeMs === mtimeMs ? rec.md5 : undefined;
  };
}
