/**
 * --verify: every file of the plan that is recorded on the drive is read back from the device and its MD5
 * compared with the record (the MD5 of the bytes written). Every mismatch is named.
 */
import { absOnDrive } from './paths';
import type { CopyMeter } from './progress';
import { recordKey, type CopyRecords, type DriveKey } from './records';
import type { CopyResult, PlannedFile, VerifyMismatch } from './types';
import { readBackHelper, readBackMd5, VERIFY_METHOD_DIRECT, VERIFY_METHOD_NOCACHE } from './verify';

export interface VerifyInput {
  mountpoint: string;
  files: readonly PlannedFile[];
  records: CopyRecords;
  driveKey: DriveKey;
  meter: CopyMeter;
  signal?: AbortSignal;
}

export async function verifyCopied(input: VerifyInput): Promise<NonNullable<CopyResult['verify']>> {
  const known = input.records.forDrive(input.driveKey);
  const targets = input.files.flatMap((f) => {
    const rec = known.get(recordKey(f.dest));
    return rec ? [{ file: f, rec }] : [];
  });
  const bytesTotal = targets.reduce((n, t) => n + t.rec.size, 0);
  let filesDone = 0;
  let bytesDone = 0;
  const tick = (force = false) =>
    input.meter.update('verifying', { filesDone, filesTotal: targets.length, bytesDone, bytesTotal }, force);
  tick(true);
  const results = await readBackMd5(
    targets.map((t) => absOnDrive(input.mountpoint, t.file.dest)),
    (i) => {
      filesDone++;
      bytesDone += targets[i]?.rec.size ?? 0;
      tick();
    },
    input.signal,
  );
  tick(true);
  const mismatches: VerifyMismatch[] = [];
  const good: Buffer[] = [];
  const bad: Buffer[] = [];
  let nocache = false;
  results.forEach((r, i) => {
    const { file, rec } = targets[i] as (typeof targets)[number];
    if ('error' in r) {
      mismatches.push({
        path: file.destPath,
        expectedMd5: rec.md5,
        actualMd5: null,
        message: `${file.destPath} could not be read back from the drive (${r.error}). Check the drive, then run the same copy again: the file is copied again.`,
      });
      bad.push(file.dest);
    } else if (r.md5 !== rec.md5) {
      mismatches.push({
        path: file.destPath,
        expectedMd5: rec.md5,
        actualMd5: r.md5,
        message: `${file.destPath} reads back from the drive as MD5 ${r.md5}, but ${rec.md5} was written: the drive changed or lost data. Run the same copy again to rewrite it, or use another drive.`,
      });
      bad.push(file.dest);
    } else {
      good.push(file.dest);
      if (r.method === 'nocache') nocache = true;
    }
  });
  input.records.markVerified(input.driveKey, good, new Date().toISOString());
  // A record must not vouch for bytes the drive no longer holds: Preflight hashes these, a rerun rewrites them.
  input.records.remove(input.driveKey, bad);
  return {
    files: targets.length,
    bytes: bytesTotal,
    mismatches,
    method: `${readBackHelper().name}: ${nocache ? VERIFY_METHOD_NOCACHE : VERIFY_METHOD_DIRECT}`,
  };
}
