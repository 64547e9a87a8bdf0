/** The options every command takes, wherever they stand on the command line (as with the AWS CLI). */
import { CliError } from './errors';
import { EXIT } from './exit-codes';
import { OUTPUT_FORMATS, isOutputFormat, type OutputFormat } from './output';

export interface GlobalFlags {
  endpointUrl?: string;
  profile?: string;
  output: OutputFormat;
  /** A JMESPath expression applied to the assembled result before it is formatted. */
  query?: string;
  debug: boolean;
  /**
   * --output or --query was given: commands that print a human summary by default (drives, reconcile) print
   * their data in the chosen format instead.
   */
  outputRequested?: boolean;
  /** --cli-read-timeout, in ms: how long one request waits for its answer. */
  readTimeoutMs?: number;
}

/** The global options for help and completion; extractGlobalFlags below is what reads them. */
export const GLOBAL_OPTIONS = {
  'endpoint-url': {
    type: 'string',
    value: 'URL',
    help: 'The Import/Export endpoint.',
    defaultText:
      'AWS_ENDPOINT_URL_IMPORTEXPORT, AWS_ENDPOINT_URL, the settings file, then the embedded local test endpoint',
  },
  profile: {
    type: 'string',
    value: 'NAME',
    help: 'A profile from ~/.aws/credentials or ~/.aws/config.',
    defaultText: 'AWS_PROFILE, else default',
  },
  output: {
    type: 'string',
    value: 'FORMAT',
    help: 'The output format; text is tab-separated, as the AWS CLI prints it.',
    defaultText: 'AWS_DEFAULT_OUTPUT, else json',
    choices: OUTPUT_FORMATS,
  },
  query: {
    type: 'string',
    value: 'JMESPATH',
    help: "A JMESPath expression applied to the result before it is printed, e.g. 'Jobs[].JobId'.",
  },
  debug: { type: 'boolean', help: 'Log requests and responses (secrets redacted) to stderr.' },
  'cli-read-timeout': {
    type: 'string',
    value: 'SECONDS',
    help: 'How long one request waits for its answer before it counts as failed (and is retried).',
    defaultText: '30',
  },
} as const;

function seconds(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n <= 0) {
    throw new CliError(
      'InvalidArguments',
      `--cli-read-timeout must be a number of seconds above 0, not "${value}"`,
      EXIT.USAGE,
    );
  }
  return Math.round(n * 1000);
}

function outputFormat(value: string, source: string): OutputFormat {
  if (!isOutputFormat(value)) {
    throw new CliError(
      'InvalidOutput',
      `${source} must be one of ${OUTPUT_FORMATS.join(', ')}, not "${value}"`,
      // A bad environment variable is configuration (253); a bad flag is the command line (252).
      source.startsWith('--') ? EXIT.USAGE : EXIT.CONFIG,
    );
  }
  return value;
}

/** Pulls the global flags out wherever they stand, leaving the command and its own flags. */
export function extractGlobalFlags(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): { globals: GlobalFlags; rest: string[] } {
  const rest: string[] = [];
  const fromEnv = env.AWS_DEFAULT_OUTPUT;
  const globals: GlobalFlags = {
    output: fromEnv ? outputFormat(fromEnv, 'AWS_DEFAULT_OUTPUT') : 'json',
    debug: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    // After `--` everything is a positional of the command.
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const [flag, inline] = arg.startsWith('--')
      ? (arg.split(/=(.*)/s, 2) as [string, string?])
      : [arg, undefined];
    const take = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--'))
        throw new CliError('MissingValue', `${flag} needs a value`, EXIT.USAGE);
      i++;
      return next;
    };
    switch (flag) {
      case '--endpoint-url':
        globals.endpointUrl = take();
        break;
      case '--profile':
        globals.profile = take();
        break;
      case '--output':
        globals.output = outputFormat(take(), '--output');
        globals.outputRequested = true;
        break;
      case '--query':
        globals.query = take();
        globals.outputRequested = true;
        break;
      case '--debug':
        globals.debug = true;
        break;
      case '--cli-read-timeout':
        globals.readTimeoutMs = seconds(take());
        break;
      default:
        rest.push(arg);
    }
  }
  return { globals, rest };
}
