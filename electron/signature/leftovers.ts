/**
 * Files of Dockhand's own that can be on a customer's device and must not be: the only thing Dockhand
 * leaves there is the job's SIGNATURE. Anything else would be imported into the customer's bucket (a
 * `SIGNATURE.J8PSW.bak` was, and reconciliation flagged it "Unexpected").
 *
 * The names are the ones Dockhand has ever written on a device:
 * - `SIGNATURE.<jobid>.bak`, `SIGNATURE.<jobid>.<n>.bak`: the replaced SIGNATURE, kept at the root by
 *   versions before the backup moved into the app's data (electron/signature/write.ts);
 * - `.SIGNATURE.<hex>.tmp`: the temporary file of an atomic SIGNATURE write that was interrupted before
 *   its rename (write.ts atomicWrite), and `.SIGNATURE.tmp-*`, the same idea under another spelling;
 * - `.dockhand-*` anywhere on the device: the prefix reserved for temporary files of a copy onto the
 *   device (DEVICE_TEMP_PREFIX), so a pulled drive's half file is recognised wherever it was written.
 */
import { syncDirectory } from '../platform/sync-directory';
import { lstat, rm } from 'node:fs/promises';
import path from 'node:path';
import { SIGNATURE_FILE_NAME } from '../protocol/signature-file';

/** Every temporary file Dockhand writes on a device starts with this, in whatever folder it is. */
export const DEVICE_TEMP_PREFIX = '.dockhand-';

export type LeftoverKind = 'signature-backup' | 'signature-temp' | 'copy-temp';

export interface Leftover {
  /** Device-relative, forward slashes. */
  path: string;
  bytes: number;
  kind: LeftoverKind;
  /** What it is, for a person. */
  description: string;
}

const ROOT_BACKUP = /^SIGNATURE\.[A-Za-z0-9_-]+(?:\.\d+)?\.bak$/;
const ROOT_SIGNATURE_TEMP = /^\.SIGNATURE\.(?:[0-9a-f]+\.tmp|tmp-.+)$/;

/** Which of Dockhand's leftovers a device-relative path is, or undefined for anything else (the person's). */
export function leftoverKind(relPath: string): LeftoverKind | undefined {
  const parts = relPath.split('/');
  const name = parts[parts.length - 1] ?? '';
  const atRoot = parts.length === 1;
  if (atRoot && name !== SIGNATURE_FILE_NAME && ROOT_BACKUP.test(name)) return 'signature-backup';
  if (atRoot && ROOT_SIGNATURE_TEMP.test(name)) return 'signature-temp';
  if (name.startsWith(DEVICE_TEMP_PREFIX) && name.length > DEVICE_TEMP_PREFIX.length) return 'copy-temp';
  return undefined;
}

export function describeLeftover(kind: LeftoverKind): string {
  switch (kind) {
    case 'signature-backup':
      return "another job's SIGNATURE, kept on the drive by an earlier Dockhand";
    case 'signature-temp':
      return 'the temporary file of an interrupted SIGNATURE write';
    case 'copy-temp':
      return 'the temporary file of an interrupted copy onto the drive';
    default: {
      const never: never = kind;
      return String(never);
    }
  }
}

/** The leftovers among a device's files (e.g. an inventory's entries). */
export function findLeftovers(files: Iterable<{ path: string; size: number }>): Leftover[] {
  const out: Leftover[] = [];
  for (const f of files) {
    const kind = leftoverKind(f.path);
    if (kind) out.push({ path: f.path, bytes: f.size, kind, description: describeLeftover(kind) });
  }
  return out;
}

export interface RemoveLeftoversResult {
  removed: string[];
  /** Paths not removed, each with why (not one of Dockhand's names, gone already, not a plain file...). */
  kept: Array<{ path: string; reason: string }>;
}

/** A device-relative path that stays under the mountpoint: no absolute paths, no `..`, no empty parts. */
function isPlainRelative(rel: string): boolean {
  if (rel === '' || rel.startsWith('/') || rel.includes('\\') || rel.includes('\0')) return false;
  return rel.split('/').every((p) => p !== '' && p !== '.' && p !== '..');
}

/**
 * Removes the given leftovers under `mountpoint`. Only paths whose name is one of Dockhand's own and that
 * are plain files are touched, whatever the caller asks; each folder is fsynced afterwards so the removal
 * survives the drive being pulled right after.
 */
export async function removeLeftovers(
  mountpoint: string,
  paths: readonly string[],
): Promise<RemoveLeftoversResult> {
  const result: RemoveLeftoversResult = { removed: [], kept: [] };
  const dirs = new Set<string>();
  for (const rel of paths) {
    if (!isPlainRelative(rel) || leftoverKind(rel) === undefined) {
      result.kept.push({ path: rel, reason: 'not a file Dockhand writes, so it is left alone' });
      continue;
    }
    const full = path.join(mountpoint, ...rel.split('/'));
    try {
      const st = await lstat(full);
      if (!st.isFile()) {
        result.kept.push({ path: rel, reason: 'not a plain file, so it is left alone' });
        continue;
      }
      await rm(full);
      result.removed.push(rel);
      dirs.add(path.dirname(full));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') result.removed.push(rel);
      else result.kept.push({ path: rel, reason: `could not be removed (${code ?? String(err)})` });
    }
  }
  for (const dir of dirs) {
    await syncDirectory(dir);
  }
  return result;
}
