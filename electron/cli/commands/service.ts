/**
 * `dockhand service`: runs the embedded Import/Export endpoint in the foreground, and
 * `dockhand service dock …` moves jobs through the receiving dock (an operator's view of AWS).
 */
import { appPaths } from '../../app-paths';
import { CliError, parseCommandArgs, untilStopSignal, type CliContext } from '../context';
import { isLoopbackHost } from '../loopback';
import { dockActions, serviceOptions, type DockOptions } from '../specs/service';
import { DockError, openDock, type Dock } from '../../service/dock/index';
import { FINISH_PROGRESS_CODES, isFinishProgressCode } from '../../protocol/status-codes';
import type { JobRecord } from '../../service/store/index';
import { LoadingError, formatLoadProgress, receiveDevice } from '../../service/loading/index';
import { EXIT } from '../exit-codes';

export { isLoopbackHost } from '../loopback';

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new CliError(
      'InvalidArguments',
      `dockhand service: --port must be a number from 0 to 65535, not "${value}"`,
      EXIT.USAGE,
    );
  }
  return Number(value);
}

export async function run(args: string[], ctx: CliContext): Promise<number> {
  if (args[0] === 'dock') {
    return runDock(args.slice(1), ctx);
  }
  const { values } = parseCommandArgs('service', args, serviceOptions);
  const host = values.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !values['allow-remote']) {
    throw new CliError(
      'NonLoopbackHost',
      `dockhand service: --host ${host} would expose the test endpoint and its demo credentials to the network; ` +
        'add --allow-remote if that is really wanted (it speaks plain HTTP)',
      EXIT.USAGE,
    );
  }
  const port = parsePort(values.port);
  // The server (HTTP, S3, PDFs) loads only here: `service dock ...` needs the store, not the server.
  const { ConfigError, startService } = await import('../../service/index');
  let service;
  try {
    service = await startService({
      host,
      port,
      dataDir: values['data-dir'] ?? appPaths().endpointDir,
      config: values.config,
      log: (line) => ctx.err(line),
    });
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError('InvalidConfig', err.message, EXIT.USAGE);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new CliError(
        'PortInUse',
        `dockhand service: port ${port} on ${host} is in use; pick another --port, or 0 for any free port`,
      );
    }
    if (code === 'EADDRNOTAVAIL') {
      throw new CliError(
        'InvalidArguments',
        `dockhand service: ${host} is not an address of this machine; check --host`,
        EXIT.USAGE,
      );
    }
    throw err;
  }
  ctx.out(`dockhand service listening on ${service.url}`);
  await untilStopSignal(ctx, 'the endpoint');
  await service.close();
  return 0;
}

const DOCK_ACTIONS = ['receive', 'start', 'finish', 'return', 'expire'] as const;
type DockCommand = (typeof DOCK_ACTIONS)[number];

const DOCK_USAGE =
  'Usage: dockhand service dock receive|start|finish|return|expire --job-id ID [--data-dir DIR]\n' +
  '  receive [--mountpoint DIR | --device /dev/X]   (load an import device / write an export device)\n' +
  '  finish --progress-code CODE [--error-count N]\n' +
  '  return [--carrier NAME] [--tracking-number N]';

function parseCount(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d+$/.test(value)) {
    throw new CliError(
      'InvalidArguments',
      `dockhand service dock finish: --error-count must be a whole number, not "${value}"`,
      EXIT.USAGE,
    );
  }
  return Number(value);
}

function applyDock(
  dock: Dock,
  action: DockCommand,
  jobId: string,
  values: Record<string, string | undefined>,
): JobRecord {
  switch (action) {
    case 'receive':
      return dock.receive(jobId);
    case 'start':
      return dock.start(jobId);
    case 'finish': {
      const code = values['progress-code'];
      if (!code || !isFinishProgressCode(code)) {
        throw new CliError(
          'InvalidArguments',
          `dockhand service dock finish: --progress-code must be one of ${FINISH_PROGRESS_CODES.join(', ')}` +
            (code ? ` (not "${code}")` : ''),
          EXIT.USAGE,
        );
      }
      return dock.finish(jobId, code, parseCount(values['error-count']));
    }
    case 'return':
      return dock.returnDevice(jobId, { carrier: values.carrier, trackingNumber: values['tracking-number'] });
    case 'expire':
      return dock.expire(jobId);
    default: {
      const never: never = action;
      throw new Error(`unknown dock action ${String(never)}`);
    }
  }
}

async function runDock(args: string[], ctx: CliContext): Promise<number> {
  const [action, ...rest] = args;
  if (!action || !(DOCK_ACTIONS as readonly string[]).includes(action)) {
    throw new CliError(
      'InvalidArguments',
      `dockhand service dock: ${action ? `unknown action "${action}"` : 'missing action'}\n${DOCK_USAGE}`,
      EXIT.USAGE,
    );
  }
  // Each action takes only its own options (those its --help lists); the values are read through the union.
  const { values } = parseCommandArgs(
    `service dock ${action}`,
    rest,
    (dockActions.find((a) => a.name.endsWith(` ${action}`))?.options ?? {}) as DockOptions,
  );
  const jobId = values['job-id'];
  if (!jobId)
    throw new CliError(
      'MissingParameter',
      `dockhand service dock ${action}: --job-id is required`,
      EXIT.USAGE,
    );
  if (action === 'receive' && (values.mountpoint !== undefined || values.device !== undefined)) {
    return runLoadingStation(jobId, values, ctx);
  }
  const dock = openDock(values['data-dir'] ?? appPaths().endpointDir);
  try {
    const job = applyDock(dock, action as DockCommand, jobId, values);
    ctx.print({
      JobId: job.id,
      LocationCode: job.location,
      ProgressCode: job.progress,
      ErrorCount: job.errorCount,
      ...(job.carrier ? { Carrier: job.carrier } : {}),
      ...(job.tracking ? { TrackingNumber: job.tracking } : {}),
      ...(job.logKey ? { LogBucket: job.logBucket, LogKey: job.logKey } : {}),
    });
    return 0;
  } catch (err) {
    if (err instanceof DockError)
      throw new CliError(err.reason === 'no-such-job' ? 'NoSuchJob' : 'InvalidTransition', err.message);
    throw err;
  } finally {
    dock.close();
  }
}

/** `dock receive` with a device: the loading station reads (import) or writes (export) it; progress on stderr. */
async function runLoadingStation(
  jobId: string,
  values: Record<string, string | undefined>,
  ctx: CliContext,
): Promise<number> {
  let lastMs = 0;
  try {
    const outcome = await receiveDevice({
      dataDir: values['data-dir'] ?? appPaths().endpointDir,
      jobId,
      ...(values.mountpoint !== undefined ? { mountpoint: values.mountpoint } : {}),
      ...(values.device !== undefined ? { device: values.device } : {}),
      log: (line) => ctx.err(line),
      onProgress: (p) => {
        const nowMs = Date.now();
        if (nowMs - lastMs < 500 && p.filesDone !== p.filesTotal) return;
        lastMs = nowMs;
        ctx.err(`job ${jobId}: ${formatLoadProgress(p)}`);
      },
    });
    const job = outcome.job;
    ctx.print({
      JobId: job.id,
      LocationCode: job.location,
      ProgressCode: job.progress,
      ErrorCount: job.errorCount,
      ...(job.logKey ? { LogBucket: job.logBucket, LogKey: job.logKey } : {}),
      ...(outcome.result ? { Files: outcome.result.rows.length } : {}),
      ...(outcome.abortReason ? { Reason: outcome.abortReason } : {}),
    });
    return 0;
  } catch (err) {
    if (err instanceof DockError)
      throw new CliError(err.reason === 'no-such-job' ? 'NoSuchJob' : 'InvalidTransition', err.message);
    if (err instanceof LoadingError) throw new CliError('LoadingFailed', err.message);
    throw err;
  }
}
