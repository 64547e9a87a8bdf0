/**
 * `dockhand station`: the desktop UI served on loopback for headless preparation machines, with the same
 * contract as the Electron window, behind a per-run token.
 */
import { createAppCore } from '../../shared/handlers';
import { ensureRendererBuilt, startStation } from '../../station/server';
import { CliError, parseCommandArgs, untilStopSignal, type CliContext } from '../context';
import { isLoopbackHost } from '../loopback';
import { EXIT } from '../exit-codes';
import { stationOptions } from '../specs/local';

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new CliError(
      'InvalidArguments',
      `dockhand station: --port must be a number from 0 to 65535, not "${value}"`,
      EXIT.USAGE,
    );
  }
  return Number(value);
}

export async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs('station', args, stationOptions);
  const host = values.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !values['allow-remote']) {
    throw new CliError(
      'NonLoopbackHost',
      `dockhand station: --host ${host} would let other machines on the network drive this machine's disks; ` +
        'add --allow-remote if that is really wanted (it speaks plain HTTP; the token is the only guard)',
      EXIT.USAGE,
    );
  }
  await ensureRendererBuilt(undefined, (line) => ctx.err(line));
  const station = await startStation({
    host,
    port: parsePort(values.port),
    createCore: (emit) =>
      createAppCore({
        host: 'station',
        emit,
        ...(ctx.debug ? { log: (line: string) => ctx.err(line) } : {}),
      }),
  });
  ctx.out(`dockhand station on ${station.openUrl}`);
  await untilStopSignal(ctx, 'the station');
  await station.close();
  return 0;
}
