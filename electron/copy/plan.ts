/**
 * The copy plan: every file and folder under the sources, where each lands on the drive (as `cp -r SOURCE...
 * DEST/` would put it), and what is not copied and why, decided the way Preflight would judge the result:
 * the manifest's ignore rules, names that are not UTF-8, keys over 1024 bytes with the prefix, files over
 * 5 TiB, symlinks and special files. Nothing is written here.
 */
import { isUtf8 } from 'node:buffer';
import fs, { type Dirent, type Stats } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { classifyFile, DEFAULT_JOB_KIND, type FileRules } from '../inventory/findings';
import { fileRulesFor } from '../inventory/inventory';
import type { Manifest } from '../protocol/manifest/types';
import { SIGNATURE_FILE_NAME } from '../protocol/signature-file';
import { TEMP_PREFIX, type CopyPlan, type NotCopied, type PlannedFile } from './types';

const SLASH = Buffer.from('/');

export class CopyPlanError extends Error {
  constructor(
    readonly code: 'SourceInsideDrive' | 'DuplicateDestination' | 'NoSources' | 'InvalidTargetDir',
    message: string,
  ) {
    super(message);
    this.name = 'CopyPlanError';
  }
}

export interface PlanInput {
  sources: string[];
  /** The drive's mountpoint (sources inside it are refused). */
  mountpoint: string;
  /** Drive-relative folder, '' for the root. */
  targetDir: string;
  manifest?: Manifest;
  signal?: AbortSignal;
}

/** `a//b/` -> `a/b`; refuses absolute paths and `..`, which would leave the drive. */
export function normalizeTargetDir(dir: string): string {
  const parts = dir.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) {
    throw new CopyPlanError(
      'InvalidTargetDir',
      `--target-dir ${dir} goes above the drive's root (".."); give a folder on the drive, such as "photos/2024".`,
    );
  }
  return parts.join('/');
}

function describeSpecial(s: Stats | Dirent<Buffer>): string {
  if (s.isFIFO()) return 'named pipe';
  if (s.isSocket()) return 'socket';
  if (s.isBlockDevice()) return 'block device';
  if (s.isCharacterDevice()) return 'character device';
  return 'special file';
}

function join(a: Buffer, b: Buffer): Buffer {
  return a.length === 0 ? b : Buffer.concat([a, SLASH, b]);
}

interface Walker {
  rules: FileRules;
  plan: CopyPlan;
  seen: Map<string, string>;
  signal: AbortSignal | undefined;
}

export async function planCopy(input: PlanInput): Promise<CopyPlan> {
  if (input.sources.length === 0) {
    throw new CopyPlanError('NoSources', 'Name at least one file or folder to copy.');
  }
  const targetDir = normalizeTargetDir(input.targetDir);
  const rules = fileRulesFor(input.manifest?.kind ?? DEFAULT_JOB_KIND, input.manifest);
  const w: Walker = {
    rules,
    plan: { files: [], dirs: [], notCopied: [], bytes: 0 },
    seen: new Map(),
    signal: input.signal,
  };
  const mount = await fsp.realpath(input.mountpoint).catch(() => path.resolve(input.mountpoint));
  if (targetDir) {
    let acc: Buffer = Buffer.alloc(0);
    for (const part of targetDir.split('/')) {
      acc = join(acc, Buffer.from(part));
      w.plan.dirs.push(acc);
    }
  }
  const base = Buffer.from(targetDir);
  for (const source of input.sources) {
    const abs = path.resolve(source);
    let st: Stats;
    try {
      // A symlink named on the command line is followed (the person pointed at it); inside folders they are not.
      st = await fsp.stat(abs);
    } catch (err) {
      w.plan.notCopied.push(unreadable(abs, err as NodeJS.ErrnoException));
      continue;
    }
    const real = await fsp.realpath(abs).catch(() => abs);
    if (real === mount || real.startsWith(mount.endsWith('/') ? mount : mount + '/')) {
      throw new CopyPlanError(
        'SourceInsideDrive',
        `${source} is on the drive itself (${input.mountpoint}); name files or folders on this computer.`,
      );
    }
    const name = Buffer.from(path.basename(abs));
    const dest = join(base, name);
    if (st.isDirectory()) {
      await walkDir(w, Buffer.from(abs), dest);
    } else if (st.isFile()) {
      addFile(w, Buffer.from(abs), dest, st);
    } else {
      w.plan.notCopied.push(special(abs, describeSpecial(st)));
    }
  }
  return w.plan;
}

async function walkDir(w: Walker, srcRoot: Buffer, destRoot: Buffer): Promise<void> {
  // Depth-first, names sorted by bytes: the same order every run, so progress and resume read naturally.
  const stack: Array<{ src: Buffer; dest: Buffer }> = [{ src: srcRoot, dest: destRoot }];
  while (stack.length > 0) {
    if (w.signal?.aborted) throw w.signal.reason ?? new Error('aborted');
    const { src, dest } = stack.pop() as { src: Buffer; dest: Buffer };
    let dirents: Dirent<Buffer>[];
    try {
      dirents = await fsp.readdir(src, { withFileTypes: true, encoding: 'buffer' });
    } catch (err) {
      w.plan.notCopied.push(unreadable(src.toString(), err as NodeJS.ErrnoException));
      continue;
    }
    if (isUtf8(dest)) w.plan.dirs.push(dest);
    dirents.sort((a, b) => Buffer.compare(a.name, b.name));
    const subdirs: Array<{ src: Buffer; dest: Buffer }> = [];
    for (const d of dirents) {
      const childSrc = Buffer.concat([src, SLASH, d.name]);
      const childDest = join(dest, d.name);
      if (d.isDirectory()) subdirs.push({ src: childSrc, dest: childDest });
      else if (d.isFile()) {
        let st: Stats;
        try {
          st = fs.lstatSync(childSrc);
        } catch (err) {
          w.plan.notCopied.push(unreadable(childSrc.toString(), err as NodeJS.ErrnoException));
          continue;
        }
        addFile(w, childSrc, childDest, st);
      } else if (d.isSymbolicLink()) {
        const target = await fsp.readlink(childSrc).catch(() => '?');
        w.plan.notCopied.push({
          source: childSrc.toString(),
          reason: 'symlink',
          message: `${childSrc.toString()} is a symbolic link (to ${target}); links are not followed or copied, and the service would not import one.`,
          fix: 'If its target should go on the drive, name the target itself as a source.',
        });
      } else {
        w.plan.notCopied.push(special(childSrc.toString(), describeSpecial(d)));
      }
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i] as { src: Buffer; dest: Buffer });
  }
}

function addFile(w: Walker, src: Buffer, dest: Buffer, st: Stats): void {
  const source = src.toString();
  const destPath = dest.toString();
  const baseName = path.posix.basename(destPath);
  if (baseName.startsWith(TEMP_PREFIX)) {
    w.plan.notCopied.push({
      source,
      reason: 'ignored',
      message: `${source}: names starting with ${TEMP_PREFIX} are Dockhand's temporary files on a drive, so this file is not copied.`,
      fix: 'Rename the file, then copy it again.',
    });
    return;
  }
  const verdict = classifyFile({ path: destPath, nameIsUtf8: isUtf8(dest), size: st.size }, w.rules);
  if (verdict.skipped === 'signature-file') {
    w.plan.notCopied.push({
      source,
      reason: 'ignored',
      message: `${source} would land on the drive's root as ${SIGNATURE_FILE_NAME}, the job's own file; it is not copied.`,
      fix: 'Rename it, or copy it into a folder with --target-dir.',
    });
    return;
  }
  if (verdict.skipped !== undefined) {
    w.plan.notCopied.push({
      source,
      reason: verdict.skipped,
      message: `${source}: ${verdict.finding?.message ?? 'the service would skip this file'} It is not copied.`,
      fix: verdict.finding?.fix ?? 'Rename or move the file, then copy it again.',
    });
    return;
  }
  const key = dest.toString('latin1');
  const earlier = w.seen.get(key);
  if (earlier !== undefined) {
    throw new CopyPlanError(
      'DuplicateDestination',
      `${earlier} and ${source} would both be copied to ${destPath} on the drive; name only one of them, or copy them in separate runs with different --target-dir.`,
    );
  }
  w.seen.set(key, source);
  const file: PlannedFile = { source: src, dest, destPath, size: st.size, mtimeMs: st.mtimeMs };
  w.plan.files.push(file);
  w.plan.bytes += st.size;
}

function unreadable(source: string, err: NodeJS.ErrnoException): NotCopied {
  if (err.code === 'ENOENT') {
    return {
      source,
      reason: 'source-vanished',
      message: `${source} does not exist (or was removed before it could be read).`,
      fix: 'Check the path; if it moved, name it where it is now.',
    };
  }
  return {
    source,
    reason: 'unreadable',
    message: `${source} cannot be read (${err.code ?? err.message}).`,
    fix:
      err.code === 'EACCES' || err.code === 'EPERM'
        ? 'Give your user read permission on it (or run as a user who can read it), then run the copy again.'
        : 'Check that it is readable, then run the copy again.',
  };
}

function special(source: string, what: string): NotCopied {
  return {
    source,
    reason: 'special-file',
    message: `${source} is a ${what}, not a regular file; it is not copied (the service imports only regular files).`,
    fix: 'Nothing to do, unless its contents should go on the drive: then save them to a regular file first.',
  };
}
