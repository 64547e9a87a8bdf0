/**
 * `dockhand service` and its operator actions `service dock ...`: metadata only. The whole tree runs through
 * commands/service.ts, which receives `dock ACTION ...` as its arguments.
 */
import type { CommandSpec, OptionSpecs } from '../spec';

export const serviceOptions = {
  host: {
    type: 'string',
    value: 'HOST',
    help: 'The address to listen on; a non-loopback one needs --allow-remote.',
    defaultText: '127.0.0.1',
  },
  port: { type: 'string', value: 'N', help: 'The port; 0 picks a free one.', defaultText: '0' },
  'data-dir': {
    type: 'string',
    value: 'DIR',
    help: "The endpoint's store (SQLite) and buckets.",
    defaultText: '$DOCKHAND_HOME/endpoint',
    complete: 'directory',
  },
  config: {
    type: 'string',
    value: 'FILE',
    help: 'A YAML file naming accounts and their buckets.',
    defaultText: 'a demo account with one bucket, created on first start',
    complete: 'file',
  },
  'allow-remote': {
    type: 'boolean',
    help: 'Allow a non-loopback --host (the endpoint speaks plain HTTP).',
  },
} as const satisfies OptionSpecs;

const jobId = {
  type: 'string',
  value: 'ID',
  help: 'The job at the endpoint.',
  required: true,
  complete: 'job-id',
} as const;
const dataDir = serviceOptions['data-dir'];

export const dockReceiveOptions = {
  'job-id': jobId,
  'data-dir': dataDir,
  mountpoint: {
    type: 'string',
    value: 'DIR',
    help: 'Process the device mounted here as the loading station would (import it, or write the export).',
    complete: 'directory',
  },
  device: {
    type: 'string',
    value: 'DEV',
    help: 'The same, by device path (e.g. /dev/sdb); mounted read-only for an import.',
    complete: 'file',
  },
} as const satisfies OptionSpecs;

export const dockStartOptions = { 'job-id': jobId, 'data-dir': dataDir } as const satisfies OptionSpecs;

export const dockFinishOptions = {
  'job-id': jobId,
  'data-dir': dataDir,
  'progress-code': {
    type: 'string',
    value: 'CODE',
    help: 'Complete, SuccessWithErrors, or an abort code such as MissingSignature.',
    required: true,
  },
  'error-count': { type: 'string', value: 'N', help: 'Files that failed.', defaultText: '0' },
} as const satisfies OptionSpecs;

export const dockReturnOptions = {
  'job-id': jobId,
  'data-dir': dataDir,
  carrier: { type: 'string', value: 'NAME', help: 'The return carrier.', defaultText: 'UPS' },
  'tracking-number': {
    type: 'string',
    value: 'N',
    help: 'The return tracking number.',
    defaultText: '1Z followed by 16 random characters',
  },
} as const satisfies OptionSpecs;

/** Every option any dock action takes: the type the implementation reads values through. */
export type DockOptions = typeof dockReceiveOptions & typeof dockFinishOptions & typeof dockReturnOptions;

const dock = (action: string, summary: string, options: OptionSpecs, example: string): CommandSpec => ({
  name: `service dock ${action}`,
  summary,
  options,
  examples: [{ title: summary, command: `dockhand service dock ${action} ${example}` }],
});

export const dockActions: readonly CommandSpec[] = [
  dock(
    'receive',
    'The device arrives at AWS; with --mountpoint or --device it is also processed',
    dockReceiveOptions,
    '--job-id LSTFW --mountpoint /media/usb',
  ),
  dock('start', 'The data transfer starts (InProgress)', dockStartOptions, '--job-id LSTFW'),
  dock(
    'finish',
    'The data transfer ends with a progress code',
    dockFinishOptions,
    '--job-id LSTFW --progress-code Complete',
  ),
  dock(
    'return',
    'The device is shipped back (Returned), with carrier and tracking number',
    dockReturnOptions,
    '--job-id LSTFW --tracking-number 1Z9999999999999999',
  ),
  dock('expire', 'The job expires (no device arrived in time)', dockStartOptions, '--job-id LSTFW'),
];

export const service: CommandSpec = {
  name: 'service',
  summary: 'Run the local Import/Export test endpoint; `service dock` moves its jobs along',
  description:
    'Serves the Import/Export Query API and S3 over the buckets until SIGINT or SIGTERM; prints one line ' +
    'with its URL on stdout, logs on stderr. The dock actions work while it runs.',
  options: serviceOptions,
  examples: [
    { title: 'Serve on a fixed port', command: 'dockhand service --port 4566' },
    { title: 'Move a job to AtAWS', command: 'dockhand service dock receive --job-id LSTFW' },
  ],
  subcommands: [
    {
      name: 'service dock',
      summary: "Move the endpoint's jobs through the receiving dock, as AWS's operators did",
      options: {},
      examples: [
        {
          title: 'Finish a job',
          command: 'dockhand service dock finish --job-id LSTFW --progress-code Complete',
        },
      ],
      subcommands: dockActions,
    },
  ],
  load: () => import('../commands/service'),
};
