/**
 * One place that decides which endpoint a CLI command talks to and which keys it signs with:
 * --endpoint-url, AWS_ENDPOINT_URL_IMPORTEXPORT, AWS_ENDPOINT_URL, the app settings file, then the
 * embedded local test endpoint (started in-process, signing with its demo account).
 */
import { mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import { appPaths } from '../app-paths';
import { resolveCredentials, type Keychain } from '../credentials';
import { createClient } from '../importexport/client';
import { redactAccessKeyId } from '../importexport/redact';
import type { Credentials, ImportExportClient } from '../importexport/types';
import type { RunningService, ServiceOptions } from '../service/types';
import { CliError, type CliContext } from './context';
import { EXIT } from './exit-codes';

export interface Session {
  client: ImportExportClient;
  endpointUrl: string;
  /** True when the endpoint is the embedded local test endpoint this process started. */
  embedded: boolean;
  /** Where the credentials came from, for the user (never the secret). */
  credentialsSource: string;
  /** A name for the endpoint that stays the same between runs (for the local journal): the URL, or EMBEDDED_ENDPOINT_ID. */
  endpointId: string;
  /** The access key id requests are signed with (not a secret; manifests must name it). */
  accessKeyId: string;
  /** The same keys, for other clients of the same endpoint (reconcile fetches the log with an S3 client). */
  credentials: Credentials;
}

export interface SessionOptions {
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  keychain?: Keychain;
  timeoutMs?: number;
  maxAttempts?: number;
}

export type EndpointChoice =
  { kind: 'configured'; url: string; source: string } | { kind: 'embedded'; source: string };

/** The endpoint order, as a pure function of the flag, the environment and the settings' endpointUrl. */
export function chooseEndpoint(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  settings: { endpointUrl?: string; file: string },
): EndpointChoice {
  if (flag) return { kind: 'configured', url: flag, source: '--endpoint-url' };
  if (env.AWS_ENDPOINT_URL_IMPORTEXPORT) {
    return {
      kind: 'configured',
      url: env.AWS_ENDPOINT_URL_IMPORTEXPORT,
      source: 'AWS_ENDPOINT_URL_IMPORTEXPORT',
    };
  }
  if (env.AWS_ENDPOINT_URL) {
    return { kind: 'configured', url: env.AWS_ENDPOINT_URL, source: 'AWS_ENDPOINT_URL' };
  }
  if (settings.endpointUrl) {
    return { kind: 'configured', url: settings.endpointUrl, source: `endpointUrl in ${settings.file}` };
  }
  return { kind: 'embedded', source: 'no endpoint configured' };
}

async function readSettingsEndpoint(file: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new CliError(
      'InvalidSettings',
      `${file} is not valid JSON (${(err as Error).message}); fix it or delete it to use the defaults.`,
      EXIT.CONFIG,
    );
  }
  const v = (parsed as { endpointUrl?: unknown } | null)?.endpointUrl;
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') {
    throw new CliError(
      'InvalidSettings',
      `${file}: endpointUrl must be a URL string, e.g. "https://importexport.amazonaws.com".`,
      EXIT.CONFIG,
    );
  }
  return v;
}

function checkUrl(url: string, source: string): string {
  // A bad --endpoint-url is the command line (252); one from the environment or settings is configuration (253).
  const exit = source === '--endpoint-url' ? EXIT.USAGE : EXIT.CONFIG;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(
      'InvalidEndpoint',
      `${source}: "${url}" is not a URL; give e.g. https://importexport.amazonaws.com`,
      exit,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new CliError('InvalidEndpoint', `${source}: "${url}" must start with http:// or https://`, exit);
  }
  return url;
}

/** Loaded on demand: a command talking to a remote endpoint never loads the service (or SQLite). */
async function loadService(): Promise<{
  startService(options: ServiceOptions): Promise<RunningService>;
}> {
  return import('../service/index');
}

/**
 * The journal key of the embedded endpoint: its URL changes every run (a fresh port), but its jobs are the
 * same ones, kept in appPaths().endpointDir.
 */
export const EMBEDDED_ENDPOINT_ID = 'embedded://local';

/**
 * The journal key of the endpoint a command would use, without starting or calling anything (completion
 * reads job ids this way).
 */
export async function journalEndpointId(
  ctx: Pick<CliContext, 'endpointUrl'>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const paths = appPaths(env);
  const choice = chooseEndpoint(ctx.endpointUrl, env, {
    endpointUrl: ctx.endpointUrl ? undefined : await readSettingsEndpoint(paths.settingsFile),
    file: paths.settingsFile,
  });
  return choice.kind === 'embedded' ? EMBEDDED_ENDPOINT_ID : choice.url;
}

export async function openSession(ctx: CliContext, options: SessionOptions = {}): Promise<Session> {
  const env = options.env ?? process.env;
  const paths = appPaths(env);
  const choice = chooseEndpoint(ctx.endpointUrl, env, {
    endpointUrl: ctx.endpointUrl ? undefined : await readSettingsEndpoint(paths.settingsFile),
    file: paths.settingsFile,
  });
  let endpointUrl: string;
  let credentials: Credentials;
  let credentialsSource: string;
  switch (choice.kind) {
    case 'configured': {
      endpointUrl = checkUrl(choice.url, choice.source);
      const resolved = await resolveCredentials({
        ...(ctx.profile ? { profile: ctx.profile } : {}),
        env,
        homeDir: options.homeDir ?? os.homedir(),
        ...(options.keychain ? { keychain: options.keychain } : {}),
      });
      credentials = resolved.credentials;
      credentialsSource = resolved.source;
      if (ctx.debug) ctx.err(`dockhand: endpoint ${endpointUrl} (from ${choice.source})`);
      break;
    }
    case 'embedded': {
      await mkdir(paths.endpointDir, { recursive: true });
      const { startService } = await loadService();
      const running = await startService({
        host: '127.0.0.1',
        port: 0,
        dataDir: paths.endpointDir,
        // The endpoint logs its account's key id in full; our debug lines show key ids only partially.
        ...(ctx.debug
          ? {
              log: (line: string) =>
                ctx.err(
                  `endpoint: ${line.replace(/\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g, (k) => redactAccessKeyId(k))}`,
                ),
            }
          : {}),
      });
      ctx.onDispose(() => running.close());
      const account = running.accounts[0];
      if (!account) {
        throw new CliError(
          'EmbeddedEndpointFailed',
          `The local test endpoint in ${paths.endpointDir} has no account; delete that directory to start afresh.`,
        );
      }
      endpointUrl = running.url;
      credentials = { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey };
      credentialsSource = `the local test endpoint's demo account (${paths.endpointDir})`;
      if (ctx.debug) {
        ctx.err(
          `dockhand: local test endpoint at ${endpointUrl} (no endpoint configured; state in ${paths.endpointDir})`,
        );
      }
      break;
    }
  }
  if (ctx.debug) ctx.err(`dockhand: credentials from ${credentialsSource}`);
  const client = createClient({
    endpoint: endpointUrl,
    credentials,
    ...((options.timeoutMs ?? ctx.readTimeoutMs) !== undefined
      ? { timeoutMs: options.timeoutMs ?? ctx.readTimeoutMs }
      : {}),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    ...(ctx.debug ? { debug: (line: string) => ctx.err(`debug: ${line}`) } : {}),
  });
  const embedded = choice.kind === 'embedded';
  return {
    client,
    endpointUrl,
    embedded,
    credentialsSource,
    endpointId: embedded ? EMBEDDED_ENDPOINT_ID : endpointUrl,
    accessKeyId: credentials.accessKeyId,
    credentials,
  };
}
