/**
 * The copying phase: folders first, then files by a few workers in plan order. Finished files are recorded in
 * groups (their folders fsynced once per group, then one journal transaction), so 5,000 small files do not
 * cost 5,000 journal commits, and no record ever names a file whose rename is not yet durable.
 */
import { syncDirectory } from '../platform/sync-directory';
import fsp from 'node:fs/promises';
import { describeFailure, stopsTheRun } from './errors';
import type { CopyMeter } from './progress';
import type { CopyRecord, CopyRecords, DriveKey } from './records';
import { absOnDrive } from './paths';
import type { NotCopied, PlannedFile } from './types';
import { allocBuffers, copyOneFile, CopySideError, tempPathFor, type WrittenFile } from './write-file';

/** A group of finished files is recorded when it is this large or this old. */
const RECORD_GROUP_FILES = 256;
const RECORD_GROUP_MS = 250;
const SLASH = 0x2f;

export interface CopyLoopInput {
  mountpoint: string;
  dirs: readonly Buffer[];
  files: readonly PlannedFile[];
  records: CopyRecords;
  driveKey: DriveKey;
  meter: CopyMeter;
  concurrency: number;
  chunkBytes: number;
  signal?: AbortSignal;
}

export interface CopyLoopOutcome {
  copied: number;
  copiedBytes: number;
  notCopied: NotCopied[];
}

function parentOf(p: Buffer): Buffer {
  const i = p.lastIndexOf(SLASH);
  return i <= 0 ? p.subarray(0, Math.max(i, 1)) : p.subarray(0, i);
}

export async function copyFiles(input: CopyLoopInput): Promise<CopyLoopOutcome> {
  const { mountpoint, files, meter, signal } = input;
  const notCopied: NotCopied[] = [];
  let stopped: NotCopied | undefined;
  let copied = 0;
  let copiedBytes = 0;
  let filesDone = 0;
  let bytesDone = 0;
  const filesTotal = files.length;
  const bytesTotal = files.reduce((n, f) => n + f.size, 0);
  const tick = (force = false) =>
    meter.update('copying', { filesDone, filesTotal, bytesDone, bytesTotal }, force);
  tick(true);

  try {
    await makeDirs(mountpoint, input.dirs);
  } catch (err) {
    stopped = describeFailure(mountpoint, '(folders)', mountpoint, err);
    notCopied.push(stopped);
  }

  let group: Array<{ file: PlannedFile; written: WrittenFile }> = [];
  let groupStarted = 0;
  let recording: Promise<void> = Promise.resolve();
  const record = (batch: typeof group): Promise<void> => {
    recording = recording.then(async () => {
      if (batch.length === 0) return;
      try {
        const dirs = new Map<string, Buffer>();
        for (const { file } of batch) {
          const dir = parentOf(absOnDrive(mountpoint, file.dest));
          dirs.set(dir.toString('latin1'), dir);
        }
        for (const dir of dirs.values()) await syncDirectory(dir);
      } catch (err) {
        // The renames may not be durable: leave these unrecorded (a resume redoes them) and say so.
        for (const { file } of batch) {
          copied--;
          copiedBytes -= file.size;
          const nc = describeFailure(file.source.toString(), file.destPath, mountpoint, asDriveError(err));
          notCopied.push(nc);
          if (stopsTheRun(nc.reason)) stopped ??= nc;
        }
        return;
      }
      const at = new Date().toISOString();
      input.records.put(
        input.driveKey,
        batch.map(({ file, written }): CopyRecord => ({
          path: file.dest,
          size: written.size,
          mtimeMs: written.mtimeMs,
          md5: written.md5,
          source: file.source,
          sourceSize: written.sourceSize,
          sourceMtimeMs: written.sourceMtimeMs,
          copiedAt: at,
        })),
      );
    });
    return recording;
  };

  let next = 0;
  /** Files in flight when the person cancelled: their temp files are gone, they are listed with the rest. */
  const interrupted: PlannedFile[] = [];
  const worker = async (): Promise<void> => {
    const buffers = allocBuffers(input.chunkBytes);
    while (next < files.length && !stopped && !signal?.aborted) {
      const file = files[next++] as PlannedFile;
      const dest = absOnDrive(mountpoint, file.dest);
      let counted = 0;
      try {
        const written = await copyOneFile(
          file.source,
          dest,
          tempPathFor(dest),
          buffers,
          (n) => {
            counted += n;
            bytesDone += n;
            tick();
          },
          signal,
        );
        copied++;
        copiedBytes += written.size;
        if (group.length === 0) groupStarted = performance.now();
        group.push({ file, written });
        if (group.length >= RECORD_GROUP_FILES || performance.now() - groupStarted >= RECORD_GROUP_MS) {
          const batch = group;
          group = [];
          void record(batch);
        }
      } catch (err) {
        if (signal?.aborted) {
          interrupted.push(file);
          break;
        }
        const nc = describeFailure(file.source.toString(), file.destPath, mountpoint, err);
        if (stopsTheRun(nc.reason)) {
          if (!stopped) {
            stopped = nc;
            notCopied.push(nc);
          } else {
            notCopied.push(followOn(file, stopped));
          }
        } else notCopied.push(nc);
      }
      // A file that failed half-way still counts as dealt with: the bar moves on, never back.
      bytesDone += file.size - counted;
      filesDone++;
      tick();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, input.concurrency) }, worker));
  await record(group);
  // Everything the run did not get to: named, with the reason it stopped.
  const cause = stopped;
  const rest = [...interrupted, ...files.slice(Math.min(next, files.length))];
  for (const file of rest) {
    notCopied.push(
      cause
        ? followOn(file, cause)
        : {
            source: file.source.toString(),
            reason: 'cancelled',
            message: `${file.source.toString()} was not copied: the copy was cancelled.`,
            fix: `Run the same copy again (dockhand copy --resume --to ${mountpoint}) to continue where it stopped.`,
          },
    );
  }
  tick(true);
  return { copied, copiedBytes, notCopied };
}

function followOn(file: PlannedFile, cause: NotCopied): NotCopied {
  return {
    source: file.source.toString(),
    reason: cause.reason,
    message: `${file.source.toString()} was not copied: the copy stopped (${cause.message})`,
    fix: cause.fix,
  };
}

function asDriveError(err: unknown): CopySideError {
  if (err instanceof CopySideError) return err;
  const e = err as NodeJS.ErrnoException;
  return new CopySideError('drive', e.code, 'flush folder', e);
}

async function makeDirs(mountpoint: string, dirs: readonly Buffer[]): Promise<void> {
  const parents = new Map<string, Buffer>();
  for (const d of dirs) {
    const abs = absOnDrive(mountpoint, d);
    try {
      await fsp.mkdir(abs);
      const parent = parentOf(abs);
      parents.set(parent.toString('latin1'), parent);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'EEXIST') continue;
      throw new CopySideError('drive', e.code, 'create folder', e);
    }
  }
  // New folders' entries made durable once, before any file inside them is recorded.
  for (const p of parents.values()) {
    try {
      await syncDirectory(p);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new CopySideError('drive', e.code, 'flush folder', e);
    }
  }
}
