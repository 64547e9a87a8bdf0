/** `dockhand copy SOURCE... --to MOUNTPOINT`: put files on a drive, hashing as it writes; resume; verify. */
import path from 'node:path';
import { captureIdentity, listDrives } from '../../drives/index';
import { CopyError, CopyRecords, runCopy, BY_DESIGN } from '../../copy/index';
import type { CopyProgress, CopyRequest, CopyResult, PlanSummary } from '../../copy/index';
import { formatBytes } from '../../inventory/findings';
import { readManifest } from '../../protocol/manifest';
import type { Manifest } from '../../protocol/manifest/types';
import { CliError, parseCommandArgs, type CliContext } from '../context';
import { EXIT } from '../exit-codes';
import { copyOptions } from '../specs/devices';
import { formatIssue, readManifestArgument } from './create-job';
import { resolveDrive } from './write-signature';

export const summary =
  'Copy files and folders onto a drive, hashing (MD5) as it writes: the inventory for free; --verify reads back';

const USAGE =
  'Usage: dockhand copy SOURCE... --to MOUNTPOINT [--target-dir DIR] [--manifest file://manifest.yaml] [--verify] [--json]\n' +
  '       dockhand copy --resume --to MOUNTPOINT [--verify] [--json]';
/**
 * Any file not on the drive at the end, a refused plan included, is exit 1, as `aws s3 cp` when a transfer
 * failed; the AWS CLI's other codes keep their meaning (usage 252, Ctrl-C 130).
 */
const EXIT_NOT_ALL_COPIED = 1;
/** Lines of "not copied" shown in the text summary; --json lists all. */
const SHOWN_NOT_COPIED = 30;

export async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('copy', args, copyOptions, true);
  if (values.to === undefined) {
    throw new CliError(
      'MissingParameter',
      `dockhand copy: --to MOUNTPOINT is required.\n${USAGE}`,
      EXIT.USAGE,
    );
  }
  if (!values.resume && positionals.length === 0) {
    throw new CliError(
      'InvalidArguments',
      `dockhand copy: name at least one file or folder to copy.\n${USAGE}`,
      EXIT.USAGE,
    );
  }
  const drives = await listDrives();
  const { drive, mountpoint } = await resolveDrive(drives, { mountpoint: values.to });
  const identity = captureIdentity(drive, mountpoint);

  let request: CopyRequest;
  if (values.resume && positionals.length === 0) {
    request = resumeRequest(identity, drive.fsUuid);
  } else {
    const manifest = values.manifest === undefined ? undefined : await loadManifest(values.manifest);
    request = {
      sources: positionals.map((p) => path.resolve(p)),
      identity,
      targetDir: values['target-dir'] ?? '',
      ...(manifest ? { manifest } : {}),
    };
  }

  const controller = new AbortController();
  const onSigint = (): void => controller.abort(new Error('cancelled'));
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigint);
  const tty = process.stderr.isTTY === true;
  let result: CopyResult;
  try {
    result = await runCopy({
      request,
      verify: values.verify === true,
      signal: controller.signal,
      // The drive was chosen from this very scan a moment ago: its identity and eligibility are checked
      // against it without a second scan (a resume is a new command, which scans afresh).
      list: async () => drives,
      onPlan: (plan) => ctx.err(planLine(plan, mountpoint)),
      ...(tty ? { onProgress: (p: CopyProgress) => process.stderr.write(`\r${progressLine(p)}\x1b[K`) } : {}),
    });
  } catch (err) {
    if (err instanceof CopyError)
      throw new CliError(err.code, `dockhand copy: ${err.message}`, EXIT_NOT_ALL_COPIED);
    if (controller.signal.aborted) {
      ctx.err('\nCopy cancelled before it started; nothing was written.');
      return EXIT.INTERRUPTED;
    }
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
  if (tty) process.stderr.write('\n');
  if (values.json) ctx.out(JSON.stringify(result, null, 2));
  else ctx.out(formatResult(result));
  if (result.cancelled) return EXIT.INTERRUPTED;
  const failed =
    result.notCopied.some((n) => !BY_DESIGN.includes(n.reason)) ||
    (result.verify?.mismatches.length ?? 0) > 0;
  return failed ? EXIT_NOT_ALL_COPIED : EXIT.OK;
}

function resumeRequest(identity: CopyRequest['identity'], fsUuid: string): CopyRequest {
  const records = new CopyRecords();
  try {
    const run = records.unfinishedRun({ serial: identity.serial, fsUuid: identity.fsUuid ?? fsUuid });
    if (!run) {
      throw new CliError(
        'NothingToResume',
        `dockhand copy: no unfinished copy is recorded for the drive at ${identity.mountpoint}; name the files to copy instead.`,
        2,
      );
    }
    const saved = run.request as { sources: string[]; targetDir: string; manifest: Manifest | null };
    return {
      sources: saved.sources,
      identity,
      targetDir: saved.targetDir,
      ...(saved.manifest ? { manifest: saved.manifest } : {}),
    };
  } finally {
    records.close();
  }
}

async function loadManifest(value: string): Promise<Manifest> {
  const arg = await readManifestArgument('copy', value);
  const result = readManifest(arg.text);
  if (!result.ok) {
    throw new CliError(
      result.issues[0]?.code ?? 'InvalidManifest',
      `dockhand copy: the manifest has problems:\n${result.issues.map((i) => '  ' + formatIssue(i, arg.file)).join('\n')}`,
      EXIT.USAGE,
    );
  }
  return result.manifest;
}

function planLine(plan: PlanSummary, mountpoint: string): string {
  const parts = [
    `Copying ${plan.files.toLocaleString('en-US')} files (${formatBytes(plan.bytes)}) to ${mountpoint}`,
  ];
  if (plan.alreadyOnDrive > 0) {
    parts.push(
      `${plan.alreadyOnDrive.toLocaleString('en-US')} (${formatBytes(plan.alreadyOnDriveBytes)}) already there from an earlier run`,
    );
  }
  parts.push(`${formatBytes(plan.fit.neededBytes)} needed, ${formatBytes(plan.fit.freeBytes)} free`);
  if (plan.notCopied.length > 0) parts.push(`${plan.notCopied.length} not copied (listed at the end)`);
  return parts.join('; ') + (plan.fit.fits ? '.' : ': it does not fit.');
}

export function progressLine(p: CopyProgress): string {
  const verb = p.phase === 'verifying' ? 'Verifying' : p.phase === 'copying' ? 'Copying' : 'Planning';
  const files = `${p.filesDone.toLocaleString('en-US')}/${p.filesTotal.toLocaleString('en-US')} files`;
  const bytes = `${formatBytes(p.bytesDone)}/${formatBytes(p.bytesTotal)}`;
  const speed = p.bytesPerSecond > 0 ? `${formatBytes(p.bytesPerSecond)}/s` : '';
  const left = p.secondsLeft === null ? 'time left unknown' : `${formatDuration(p.secondsLeft)} left`;
  return [verb, files, bytes, speed, left].filter(Boolean).join('  ');
}

function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}:${String(s).padStart(2, '0')}`;
}

export function formatResult(r: CopyResult): string {
  const lines = [
    `Copied:     ${r.copied.toLocaleString('en-US')} files (${formatBytes(r.copiedBytes)}) to ${r.mountpoint}${r.targetDir ? `/${r.targetDir}` : ''}, each with its MD5 in the journal`,
  ];
  if (r.skippedUnchanged > 0) {
    lines.push(
      `Unchanged:  ${r.skippedUnchanged.toLocaleString('en-US')} files already copied by an earlier run`,
    );
  }
  if (r.leftoversRemoved > 0) {
    lines.push(`Cleaned:    ${r.leftoversRemoved} temporary files of an interrupted run removed`);
  }
  if (r.verify) {
    const v = r.verify;
    lines.push(
      v.mismatches.length === 0
        ? `Verified:   ${v.files.toLocaleString('en-US')} files (${formatBytes(v.bytes)}) read back from the device; every MD5 matches (${v.method})`
        : `Verify:     ${v.mismatches.length} of ${v.files} files do NOT match what was written:`,
    );
    for (const m of v.mismatches) lines.push(`  ${m.message}`);
  }
  if (r.cancelled)
    lines.push('Cancelled:  run the same command again (or --resume) to continue where it stopped.');
  if (r.notCopied.length > 0) {
    lines.push('', `Not copied (${r.notCopied.length}):`);
    for (const n of r.notCopied.slice(0, SHOWN_NOT_COPIED))
      lines.push(`  [${n.reason}] ${n.message}`, `      fix: ${n.fix}`);
    if (r.notCopied.length > SHOWN_NOT_COPIED) {
      lines.push(`  ...and ${r.notCopied.length - SHOWN_NOT_COPIED} more; run with --json to list them all.`);
    }
  }
  return lines.join('\n');
}
