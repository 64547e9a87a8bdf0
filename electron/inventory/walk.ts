/**
 * Lists a device's files without following symbolic links, from directory entries alone: sizes and times
 * come later from the hashing threads (a stat per file on this thread was the walk's main cost). Names are
 * kept exact even when they are not UTF-8, because the service treats those differently (reference 8.1).
 */
import type { Dirent } from 'node:fs';
import fsp from 'node:fs/promises';
import {
  absolutePaths,
  childPath,
  listDirByName,
  type DirEntry,
  type RelPath,
} from '../platform/dir-listing';
import { abortError } from './hash-pool';
import { specialFileFinding, symlinkFinding, unreadableFinding } from './findings';
import type { Finding } from './types';

/** The files found, by index, without an object per file (the inventory keeps the same indexes). */
export interface WalkResult {
  /** Device-relative, `/`-separated, decoded (U+FFFD where the bytes are not UTF-8), in walk order. */
  paths: string[];
  /** The raw bytes of the paths (by index) that are not valid UTF-8; usually none. */
  relBytes: Map<number, Buffer>;
  findings: Finding[];
}

export { absolutePaths } from '../platform/dir-listing';

export interface WalkOptions {
  signal?: AbortSignal;
  /** Called after each directory with the number of files found so far. */
  onFound?: (files: number) => void;
}

function describeSpecial(d: Dirent | Dirent<Buffer>): string {
  if (d.isFIFO()) return 'named pipe';
  if (d.isSocket()) return 'socket';
  if (d.isBlockDevice()) return 'block device';
  if (d.isCharacterDevice()) return 'character device';
  return 'special file';
}

export async function walkDevice(root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const { signal } = options;
  const absOf = absolutePaths(root);
  const paths: string[] = [];
  const pathBytes = new Map<number, Buffer>();
  const findings: Finding[] = [];
  // Depth-first, names sorted by bytes (a folder's files, then its subfolders): stable from run to run.
  const stack: RelPath[] = [{ rel: '' }];
  while (stack.length > 0) {
    if (signal?.aborted) throw abortError(signal);
    const dir = stack.pop() as RelPath;
    let entries: DirEntry[];
    try {
      entries = await listDirByName(absOf(dir.rel, dir.relBytes));
    } catch (err) {
      if (dir.rel === '') throw err;
      findings.push(unreadableFinding(dir.rel, (err as Error).message));
      continue;
    }
    const subdirs: RelPath[] = [];
    for (const e of entries) {
      const { rel, relBytes } = childPath(dir, e);
      const d = e.dirent;
      if (d.isDirectory()) subdirs.push(relBytes ? { rel, relBytes } : { rel });
      else if (d.isFile()) {
        if (relBytes) pathBytes.set(paths.length, relBytes);
        paths.push(rel);
      } else if (d.isSymbolicLink()) {
        const target = await fsp.readlink(absOf(rel, relBytes), { encoding: 'buffer' }).then(
          (t) => t.toString('utf8'),
          () => '?',
        );
        findings.push(symlinkFinding(rel, target));
      } else findings.push(specialFileFinding(rel, describeSpecial(d)));
    }
    options.onFound?.(paths.length);
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i] as RelPath);
  }
  return { paths, relBytes: pathBytes, findings };
}
