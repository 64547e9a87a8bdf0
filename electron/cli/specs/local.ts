/** Commands about this machine: keys, the local journal, tracking, the station host, shell completion. */
import type { CommandSpec, OptionSpecs } from '../spec';

export const configureOptions = {
  'access-key-id': {
    type: 'string',
    value: 'ID',
    help: 'The access key id.',
    defaultText: 'asked for on the terminal',
  },
  'secret-stdin': {
    type: 'boolean',
    help: 'Read the secret access key from standard input (for scripts); needs --access-key-id.',
    defaultText: 'asked for on the terminal, not shown',
  },
  'no-default': {
    type: 'boolean',
    help: 'Save the key without making it the one later commands use.',
  },
} as const satisfies OptionSpecs;

export const configure: CommandSpec = {
  name: 'configure',
  summary: 'Save an access key in the OS keychain for later commands',
  options: configureOptions,
  examples: [
    { title: 'Asked for on the terminal', command: 'dockhand configure' },
    {
      title: 'From a script',
      command: 'printf %s "$SECRET" | dockhand configure --access-key-id AKIAIOSFODNN7EXAMPLE --secret-stdin',
    },
  ],
  load: () => import('../commands/configure'),
};

export const jobsOptions = {} as const satisfies OptionSpecs;

export const jobs: CommandSpec = {
  name: 'jobs',
  summary: 'List the jobs this machine created: drive, SIGNATURE, label, last status',
  options: jobsOptions,
  examples: [
    { title: 'The local journal as a table', command: 'dockhand jobs --output table' },
    {
      title: 'Jobs whose SIGNATURE is not written yet',
      command: 'dockhand jobs --query "[?Signature==\'not written\'].JobId" --output text',
    },
  ],
  load: () => import('../commands/jobs'),
};

export const trackOptions = {
  once: { type: 'boolean', help: 'Poll each open job once, then exit.', defaultText: 'keep following' },
} as const satisfies OptionSpecs;

export const track: CommandSpec = {
  name: 'track',
  summary: 'Follow open jobs with GetStatus; print one JSON line per change (--once: poll each once)',
  options: trackOptions,
  examples: [
    { title: 'Follow every open job', command: 'dockhand track' },
    { title: 'Check every open job once', command: 'dockhand track --once' },
  ],
  load: () => import('../commands/track'),
};

export const stationOptions = {
  host: {
    type: 'string',
    value: 'HOST',
    help: 'The address to listen on; a non-loopback one needs --allow-remote.',
    defaultText: '127.0.0.1',
  },
  port: { type: 'string', value: 'N', help: 'The port; 0 picks a free one.', defaultText: '0' },
  'allow-remote': {
    type: 'boolean',
    help: 'Allow a non-loopback --host (plain HTTP; the token is the only guard).',
  },
} as const satisfies OptionSpecs;

export const station: CommandSpec = {
  name: 'station',
  summary: 'Serve the desktop UI on 127.0.0.1 for a headless machine (a token guards it)',
  options: stationOptions,
  examples: [{ title: 'Serve the UI on port 8080', command: 'dockhand station --port 8080' }],
  load: () => import('../commands/station'),
};

export const completionOptions = {
  'job-ids': {
    type: 'boolean',
    help: 'Print the job ids of the local journal, one per line (what the completion scripts call).',
  },
} as const satisfies OptionSpecs;

export const completion: CommandSpec = {
  name: 'completion',
  summary: 'Print a bash or zsh completion script (commands, options, job ids from the journal)',
  positionals: 'bash|zsh',
  options: completionOptions,
  examples: [
    { title: 'Enable in the current bash', command: 'source <(dockhand completion bash)' },
    {
      title: 'Install for zsh',
      command: 'dockhand completion zsh > "${fpath[1]}/_dockhand"',
    },
  ],
  load: () => import('../commands/completion'),
};
