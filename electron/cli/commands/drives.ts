/** `dockhand drives`: every drive, and in words why it can or cannot be used; `--watch` follows plugs. */
import type { JobKind } from '../../protocol/manifest/types';
import {
  eligibilityContextFor,
  ineligibleReasons,
  listDrives,
  watchDrives,
  type Drive,
  type EligibilityContext,
} from '../../drives/index';
import { CliError, formatTable, parseCommandArgs, untilStopSignal, type CliContext } from '../context';
import { EXIT } from '../exit-codes';
import { drivesOptions } from '../specs/devices';

const JOB_KINDS: readonly JobKind[] = ['s3-import', 's3-export', 'ebs-import', 'glacier-import'];

export interface DriveReport extends Drive {
  eligible: boolean;
  reasons: string[];
}

function report(drive: Drive, ctx: EligibilityContext): DriveReport {
  const reasons = ineligibleReasons(drive, ctx).map((r) => r.message);
  return { ...drive, eligible: reasons.length === 0, reasons };
}

function gib(bytes: number | null): string {
  if (bytes === null) return '';
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(1)} GiB`
    : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

function row(d: DriveReport): Record<string, string> {
  return {
    Drive: d.displayName,
    Size: gib(d.sizeBytes),
    Serial: d.serial,
    Mounted: d.mountpoints.map((m) => m.path).join(', '),
    FS: d.fileSystem,
    Used: gib(d.usedBytes),
    Bus: d.bus,
    Usable: d.eligible ? 'yes' : `no: ${d.reasons.join(' ')}`,
  };
}

export async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs('drives', args, drivesOptions);
  const kind = values['job-kind'];
  if (kind !== undefined && !(JOB_KINDS as readonly string[]).includes(kind)) {
    throw new CliError(
      'InvalidArguments',
      `dockhand drives: --job-kind must be one of ${JOB_KINDS.join(', ')}`,
      EXIT.USAGE,
    );
  }
  const eligibility = await eligibilityContextFor(kind as JobKind | undefined);

  if (values.watch) {
    const watcher = watchDrives();
    watcher.on((event) =>
      ctx.out(JSON.stringify({ event: event.type, drive: report(event.drive, eligibility) })),
    );
    watcher.onError((err) => ctx.err(`drives: ${err.message}`));
    await untilStopSignal(ctx, 'the drive watcher');
    await watcher.stop();
    return 0;
  }

  const drives = (await listDrives()).map((d) => report(d, eligibility));
  if (values.json || ctx.outputRequested) ctx.print(drives);
  else ctx.out(drives.length > 0 ? formatTable(drives.map(row)) : 'No drives found.');
  return 0;
}
