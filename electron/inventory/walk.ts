/**
 * Lists a device's files without following symbolic links. Names are kept as raw bytes, because a device
 * may carry names that are not UTF-8 and the service treats those differently (reference 8.1).
 */
import { isUtf8 } from 'node:buffer';
import fs, { type Dirent, type Stats } from 'node:fs';
import fsp from 'node:fs/promises';
import { abortError } from './hash-pool';
import { specialFileFinding, symlinkFinding, unreadableFinding } from './findings';
import type { Finding } from './types';

const SLASH = Buffer.from('/');
/** Files stat'ed between two turns of the event loop. */
export const LSTAT_SLICE_FILES = 256;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface WalkedFile {
  /** Device-relative path bytes, `/`-separated. */
  relBytes: Buffer;
  absBytes: Buffer;
  /** Decoded path (U+FFFD where not UTF-8). */
  path: string;
  isUtf8: boolean;
  size: number;
  mtimeMs: number;
}

export interface WalkResult {
  files: WalkedFile[];
  findings: Finding[];
}

export interface WalkOptions {
  signal?: AbortSignal;
  /** Called after each directory with the number of files found so far. */
  onFound?: (files: number) => void;
}

function join(a: Buffer, b: Buffer): Buffer {
  return a.length === 0 ? b : Buffer.concat([a, SLASH, b]);
}

function describeSpecial(d: Dirent<Buffer>): string {
  if (d.isFIFO()) return 'named pipe';
  if (d.isSocket()) return 'socket';
  if (d.isBlockDevice()) return 'block device';
  if (d.isCharacterDevice()) return 'character device';
  return 'special file';
}

export async function walkDevice(root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const { signal } = options;
  // Trailing slashes dropped, so children are root + '/' + name (and '/' itself yields '/name', not '//name').
  const rootBytes = Buffer.from(root.replace(/\/+$/, ''));
  const files: WalkedFile[] = [];
  const findings: Finding[] = [];
  // Depth-first, names sorted by bytes (a folder's files, then its subfolders): stable from run to run.
  const stack: Buffer[] = [Buffer.alloc(0)];
  while (stack.length > 0) {
    if (signal?.aborted) throw abortError(signal);
    const rel = stack.pop() as Buffer;
    const abs =
      rel.length === 0
        ? rootBytes.length === 0
          ? SLASH
          : rootBytes
        : Buffer.concat([rootBytes, SLASH, rel]);
    let dirents: Dirent<Buffer>[];
    try {
      dirents = await fsp.readdir(abs, { withFileTypes: true, encoding: 'buffer' });
    } catch (err) {
      if (rel.length === 0) throw err;
      findings.push(unreadableFinding(decode(rel), (err as Error).message));
      continue;
    }
    dirents.sort((a, b) => Buffer.compare(a.name, b.name));
    const subdirs: Buffer[] = [];
    const regular: Buffer[] = [];
    for (const d of dirents) {
      const childRel = join(rel, d.name);
      if (d.isDirectory()) subdirs.push(childRel);
      else if (d.isFile()) regular.push(childRel);
      else if (d.isSymbolicLink()) {
        const target = await fsp
          .readlink(Buffer.concat([rootBytes, SLASH, childRel]), { encoding: 'buffer' })
          .then(decode, () => '?');
        findings.push(symlinkFinding(decode(childRel), target));
      } else findings.push(specialFileFinding(decode(childRel), describeSpecial(d)));
    }
    // lstat in small synchronous slices: promise-per-file costs ~5x more with many small files, and a
    // slice this size holds the event loop for a few milliseconds at most.
    for (let start = 0; start < regular.length; start += LSTAT_SLICE_FILES) {
      if (start > 0) await yieldToEventLoop();
      for (const r of regular.slice(start, start + LSTAT_SLICE_FILES)) {
        const abs = Buffer.concat([rootBytes, SLASH, r]);
        let s: Stats;
        try {
          s = fs.lstatSync(abs);
        } catch (err) {
          findings.push(unreadableFinding(decode(r), (err as Error).message));
          continue;
        }
        files.push({
          relBytes: r,
          absBytes: abs,
          path: decode(r),
          isUtf8: isUtf8(r),
          size: s.size,
          mtimeMs: s.mtimeMs,
        });
      }
    }
    options.onFound?.(files.length);
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i] as Buffer);
  }
  return { files, findings };
}

function decode(bytes: Buffer): string {
  return bytes.toString('utf8');
}
