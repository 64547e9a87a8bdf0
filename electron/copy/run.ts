/**
 * runCopy: the whole `dockhand copy`. Check the drive (as for the SIGNATURE), plan, skip what an earlier run
 * finished, remove its temporary files, check the plan fits, then copy with hashing, recording each file once
 * it is flushed and renamed; optionally read everything back from the device and compare MD5s.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { appPaths } from '../app-paths';
import type { Drive } from '../drives/index';
import { checkDriveForCopy } from './drive-check';
import { CopyError } from './errors';
import { checkFit } from './fit';
import { copyFiles } from './copy-loop';
import { absOnDrive } from './paths';
import { CopyPlanError, planCopy } from './plan';
import { CopyMeter } from './progress';
import { CopyRecords, recordKey, type DriveKey } from './records';
import { verifyCopied } from './verify-run';
import {
  TEMP_PREFIX,
  type CopyPlan,
  type CopyProgress,
  type CopyRequest,
  type CopyResult,
  type FitCheck,
  type PlannedFile,
} from './types';

const SLASH = Buffer.from('/');

export interface PlanSummary {
  files: number;
  bytes: number;
  /** Recorded by an earlier run and unchanged on the drive: not copied again. */
  alreadyOnDrive: number;
  alreadyOnDriveBytes: number;
  fit: FitCheck;
  notCopied: CopyPlan['notCopied'];
}

export interface RunCopyOptions {
  request: CopyRequest;
  verify?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: CopyProgress) => void;
  /** Called once the plan is checked, before the first byte is written. */
  onPlan?: (summary: PlanSummary) => void;
  /** Edges, injectable for tests. */
  list?: () => Promise<Drive[]>;
  env?: NodeJS.ProcessEnv;
  journalFile?: string;
  /** Files in flight at once. */
  concurrency?: number;
  chunkBytes?: number;
}

export const DEFAULT_COPY_CONCURRENCY = 3;
/**
 * Small enough that a chunk read from the source is still in the CPU's cache when it is hashed and written:
 * measured on 256 MiB onto zram, 256 KiB chunks took ~40% less CPU (and less wall time) than 4 MiB ones.
 */
export const DEFAULT_CHUNK_BYTES = 256 * 1024;

export function driveKeyOf(request: CopyRequest, drive: Drive): DriveKey {
  return { serial: request.identity.serial, fsUuid: request.identity.fsUuid ?? drive.fsUuid ?? '' };
}

interface Prepared {
  drive: Drive;
  key: DriveKey;
  plan: CopyPlan;
  toCopy: PlannedFile[];
  unchanged: PlannedFile[];
  replacing: Buffer[];
  fit: FitCheck;
  summary: PlanSummary;
}

/**
 * Everything before the first byte: the drive's checks, the plan, what an earlier run finished, whether the
 * rest fits. `beforeFit` runs once the plan is known (runCopy removes leftovers there; planning alone does not).
 */
async function prepare(
  options: Omit<RunCopyOptions, 'onProgress' | 'onPlan' | 'verify'>,
  records: CopyRecords,
  beforeFit?: (plan: CopyPlan) => Promise<void>,
): Promise<Prepared> {
  const { request, signal } = options;
  const drive = await checkDriveForCopy(request.identity, options.list, options.env ?? process.env);
  const mountpoint = request.identity.mountpoint;
  let plan: CopyPlan;
  try {
    plan = await planCopy({
      sources: request.sources,
      mountpoint,
      targetDir: request.targetDir,
      ...(request.manifest ? { manifest: request.manifest } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if (err instanceof CopyPlanError) throw new CopyError('InvalidPlan', err.message);
    throw err;
  }
  const key = driveKeyOf(request, drive);
  const { toCopy, unchanged, replacing } = partition(plan.files, records, key, mountpoint);
  await beforeFit?.(plan);
  const stat = await fsp.statfs(mountpoint);
  const newDirs = plan.dirs.filter((d) => !fs.existsSync(absOnDrive(mountpoint, d))).length;
  const fit = checkFit(toCopy, newDirs, {
    freeBytes: stat.bavail * stat.bsize,
    blockBytes: stat.bsize,
    deviceSizeBytes: drive.sizeBytes,
    fileSystem: drive.fileSystem,
  });
  const summary: PlanSummary = {
    files: toCopy.length,
    bytes: toCopy.reduce((n, f) => n + f.size, 0),
    alreadyOnDrive: unchanged.length,
    alreadyOnDriveBytes: unchanged.reduce((n, f) => n + f.size, 0),
    fit,
    notCopied: plan.notCopied,
  };
  return { drive, key, plan, toCopy, unchanged, replacing, fit, summary };
}

/** The plan summary alone (the wizard shows it before the person starts the copy); nothing is written. */
export async function planOnly(
  options: Omit<RunCopyOptions, 'onProgress' | 'onPlan' | 'verify'>,
): Promise<PlanSummary> {
  const records = new CopyRecords(options.journalFile ?? appPaths(options.env ?? process.env).journalFile);
  try {
    return (await prepare(options, records)).summary;
  } finally {
    records.close();
  }
}

export async function runCopy(options: RunCopyOptions): Promise<CopyResult> {
  const { request, signal } = options;
  const env = options.env ?? process.env;
  const mountpoint = request.identity.mountpoint;
  const records = new CopyRecords(options.journalFile ?? appPaths(env).journalFile);
  try {
    let leftoversRemoved = 0;
    const { key, plan, toCopy, unchanged, replacing, fit, summary } = await prepare(
      options,
      records,
      async (p) => {
        leftoversRemoved = await removeLeftovers(mountpoint, p.dirs);
      },
    );
    options.onPlan?.(summary);
    if (!fit.fits) {
      throw new CopyError('DoesNotFit', `Nothing was copied. ${fit.problems.join(' ')}`);
    }
    if (signal?.aborted) throw signal.reason ?? new Error('cancelled');

    records.remove(key, replacing);
    const at = () => new Date().toISOString();
    const runId = records.startRun(
      key,
      mountpoint,
      { sources: request.sources, targetDir: request.targetDir, manifest: request.manifest ?? null },
      at(),
    );
    const meter = new CopyMeter(options.onProgress);
    const outcome = await copyFiles({
      mountpoint,
      dirs: plan.dirs,
      files: toCopy,
      records,
      driveKey: key,
      meter,
      concurrency: options.concurrency ?? DEFAULT_COPY_CONCURRENCY,
      chunkBytes: options.chunkBytes ?? DEFAULT_CHUNK_BYTES,
      ...(signal ? { signal } : {}),
    });
    const notCopied = [...plan.notCopied, ...outcome.notCopied];
    const cancelled = signal?.aborted === true;
    records.finishRun(
      runId,
      cancelled ? 'cancelled' : outcome.notCopied.length > 0 ? 'failed' : 'complete',
      at(),
    );
    const result: CopyResult = {
      mountpoint,
      targetDir: request.targetDir,
      copied: outcome.copied,
      copiedBytes: outcome.copiedBytes,
      skippedUnchanged: unchanged.length,
      leftoversRemoved,
      notCopied,
      cancelled,
    };
    if (options.verify && !cancelled) {
      result.verify = await verifyCopied({
        mountpoint,
        files: plan.files,
        records,
        driveKey: key,
        meter,
        ...(signal ? { signal } : {}),
      });
    }
    return result;
  } finally {
    records.close();
  }
}

/**
 * Which planned files an earlier run already finished: recorded, the drive's file still of the recorded size
 * and mtime, and the source unchanged since. Those are skipped without reading either side.
 */
function partition(
  files: readonly PlannedFile[],
  records: CopyRecords,
  key: DriveKey,
  mountpoint: string,
): { toCopy: PlannedFile[]; unchanged: PlannedFile[]; replacing: Buffer[] } {
  const known = records.forDrive(key);
  const toCopy: PlannedFile[] = [];
  const unchanged: PlannedFile[] = [];
  const replacing: Buffer[] = [];
  for (const f of files) {
    const rec = known.get(recordKey(f.dest));
    if (!rec) {
      toCopy.push(f);
      continue;
    }
    const onDrive = fs.lstatSync(absOnDrive(mountpoint, f.dest), { throwIfNoEntry: false });
    const same =
      onDrive !== undefined &&
      onDrive.isFile() &&
      onDrive.size === rec.size &&
      onDrive.mtimeMs === rec.mtimeMs &&
      f.size === rec.sourceSize &&
      f.mtimeMs === rec.sourceMtimeMs;
    if (same) unchanged.push(f);
    else {
      toCopy.push(f);
      replacing.push(f.dest);
    }
  }
  return { toCopy, unchanged, replacing };
}

/** Removes `.dockhand-copy-*` files an interrupted run left in the folders this copy writes to. */
async function removeLeftovers(mountpoint: string, dirs: readonly Buffer[]): Promise<number> {
  let removed = 0;
  for (const dir of [Buffer.alloc(0), ...dirs]) {
    const abs = absOnDrive(mountpoint, dir);
    let names: Buffer[];
    try {
      names = await fsp.readdir(abs, { encoding: 'buffer' });
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.toString('latin1').startsWith(TEMP_PREFIX)) continue;
      await fsp.rm(Buffer.concat([abs, SLASH, name]), { force: true });
      removed++;
    }
  }
  return removed;
}
