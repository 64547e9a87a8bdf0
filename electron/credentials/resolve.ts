/**
 * Finds the credentials to sign with, in the AWS CLI's order with the OS keychain last:
 * explicit keys or --profile, AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY, AWS_PROFILE (or `default`) from
 * the shared files, then the key `dockhand configure` saved.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Credentials } from '../importexport/types';
import { parseIni, profileSection, type IniSections } from './ini';
import {
  KEYCHAIN_ALTERNATIVES,
  KeychainUnavailableError,
  keychainServiceName,
  readDefaultFromKeychain,
  systemKeychain,
  type Keychain,
} from './keychain';

export interface ResolveCredentialsInput {
  profile?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  env: NodeJS.ProcessEnv;
  homeDir: string;
  /** Defaults to the system keychain, loaded only if every other source comes up empty. */
  keychain?: Keychain;
  /**
   * A key entered in the app while the keychain is unavailable, held in memory for this session only; it
   * takes the keychain's place in the order.
   */
  sessionKey?: Credentials;
}

/** The source named for a session key, in the app's words. */
export const SESSION_KEY_SOURCE = 'the key entered in Settings (kept in memory until Dockhand closes)';

export interface ResolvedCredentials {
  credentials: Credentials;
  /** Where they came from, for the user: never the secret. */
  source: string;
}

export class CredentialsError extends Error {
  constructor(
    readonly code: 'NoCredentials' | 'ProfileNotFound' | 'IncompleteProfile' | 'IncompleteCredentials',
    message: string,
  ) {
    super(message);
    this.name = 'CredentialsError';
  }
}

interface SharedFiles {
  credentialsFile: string;
  configFile: string;
  credentials: IniSections;
  config: IniSections;
}

async function readIni(file: string): Promise<IniSections> {
  try {
    return parseIni(await readFile(file, 'utf8')).sections;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
}

export function sharedFilePaths(
  env: NodeJS.ProcessEnv,
  homeDir: string,
): { credentialsFile: string; configFile: string } {
  return {
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE || path.join(homeDir, '.aws', 'credentials'),
    configFile: env.AWS_CONFIG_FILE || path.join(homeDir, '.aws', 'config'),
  };
}

async function readShared(env: NodeJS.ProcessEnv, homeDir: string): Promise<SharedFiles> {
  const paths = sharedFilePaths(env, homeDir);
  return {
    ...paths,
    credentials: await readIni(paths.credentialsFile),
    config: await readIni(paths.configFile),
  };
}

/** A profile's keys; the credentials file wins over the config file, key by key, as in the AWS CLI. */
export function profileCredentials(
  files: Pick<SharedFiles, 'credentials' | 'config' | 'credentialsFile' | 'configFile'>,
  profile: string,
): ResolvedCredentials | undefined | CredentialsError {
  const fromCreds = profileSection(files.credentials, profile, 'credentials');
  const fromConfig = profileSection(files.config, profile, 'config');
  if (!fromCreds && !fromConfig) return undefined;
  const pick = (key: string): string | undefined => fromCreds?.[key] || fromConfig?.[key] || undefined;
  const accessKeyId = pick('aws_access_key_id');
  const secretAccessKey = pick('aws_secret_access_key');
  const sessionToken = pick('aws_session_token');
  if (!accessKeyId || !secretAccessKey) {
    const missing = !accessKeyId ? 'aws_access_key_id' : 'aws_secret_access_key';
    return new CredentialsError(
      'IncompleteProfile',
      `Profile "${profile}" has no ${missing} in ${files.credentialsFile} or ${files.configFile}; add it, or choose another profile.`,
    );
  }
  const file = fromCreds?.aws_access_key_id ? files.credentialsFile : files.configFile;
  return {
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    source: `profile "${profile}" in ${file}`,
  };
}

export async function resolveCredentials(input: ResolveCredentialsInput): Promise<ResolvedCredentials> {
  const { env } = input;
  if (input.accessKeyId || input.secretAccessKey) {
    if (!input.accessKeyId || !input.secretAccessKey) {
      throw new CredentialsError(
        'IncompleteCredentials',
        `Give both an access key id and a secret access key (only the ${input.accessKeyId ? 'key id' : 'secret'} was given).`,
      );
    }
    return {
      credentials: {
        accessKeyId: input.accessKeyId,
        secretAccessKey: input.secretAccessKey,
        ...(input.sessionToken ? { sessionToken: input.sessionToken } : {}),
      },
      source: 'keys given on the command line',
    };
  }

  if (input.profile) {
    const files = await readShared(env, input.homeDir);
    const found = profileCredentials(files, input.profile);
    if (found instanceof CredentialsError) throw found;
    if (!found) {
      throw new CredentialsError(
        'ProfileNotFound',
        `--profile ${input.profile}: no [${input.profile}] in ${files.credentialsFile} and no [profile ${input.profile}] in ${files.configFile}. Add it (aws configure --profile ${input.profile}) or drop --profile.`,
      );
    }
    return found;
  }

  const envKey = env.AWS_ACCESS_KEY_ID;
  const envSecret = env.AWS_SECRET_ACCESS_KEY;
  if (envKey || envSecret) {
    if (!envKey || !envSecret) {
      throw new CredentialsError(
        'IncompleteCredentials',
        `${envKey ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID'} is not set although ${envKey ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'} is; set both, or unset it.`,
      );
    }
    return {
      credentials: {
        accessKeyId: envKey,
        secretAccessKey: envSecret,
        ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
      },
      source: 'environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    };
  }

  const files = await readShared(env, input.homeDir);
  const profile = env.AWS_PROFILE || 'default';
  const found = profileCredentials(files, profile);
  if (found instanceof CredentialsError) throw found;
  if (found) return env.AWS_PROFILE ? { ...found, source: `${found.source} (AWS_PROFILE)` } : found;
  if (env.AWS_PROFILE) {
    throw new CredentialsError(
      'ProfileNotFound',
      `AWS_PROFILE=${profile}: no such profile in ${files.credentialsFile} or ${files.configFile}. Add it or unset AWS_PROFILE.`,
    );
  }

  if (input.sessionKey) return { credentials: input.sessionKey, source: SESSION_KEY_SOURCE };
  const keychain = input.keychain ?? systemKeychain();
  let saved: Credentials | undefined;
  try {
    saved = await readDefaultFromKeychain(keychain, keychainServiceName(env));
  } catch (err) {
    if (err instanceof KeychainUnavailableError) {
      throw new CredentialsError(
        'NoCredentials',
        `No credentials found, and ${err.message.charAt(0).toLowerCase()}${err.message.slice(1)}`,
      );
    }
    throw err;
  }
  if (saved) return { credentials: saved, source: 'the OS keychain (saved by dockhand configure)' };
  throw new CredentialsError(
    'NoCredentials',
    `No credentials found. Run "dockhand configure" to save a key in the OS keychain, or ${KEYCHAIN_ALTERNATIVES}.`,
  );
}
