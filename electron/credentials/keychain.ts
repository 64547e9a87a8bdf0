/**
 * The OS keychain through keytar (libsecret on Linux, Keychain on macOS, Credential Vault on Windows).
 * keytar is native: it is imported on first use, so a machine without a keychain can still run every
 * command that does not need one.
 */
import type { Credentials } from '../importexport/types';

/** The keychain service name every Dockhand entry lives under. */
export const KEYCHAIN_SERVICE = 'dockhand';
/**
 * The service name in force: DOCKHAND_KEYCHAIN_SERVICE lets tests (and people keeping two setups apart) use
 * their own entries without touching the real ones.
 */
export function keychainServiceName(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKHAND_KEYCHAIN_SERVICE || KEYCHAIN_SERVICE;
}

/** The non-secret entry naming which access key id is the default (its password is the key id). */
export const DEFAULT_ACCOUNT = 'default';

export interface Keychain {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export const KEYCHAIN_ALTERNATIVES =
  'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, add a profile to ~/.aws/credentials, or pass --profile NAME';

/** No secret service answered (no D-Bus session, no gnome-keyring/KWallet, a locked keychain). */
export class KeychainUnavailableError extends Error {
  readonly code = 'KeychainUnavailable';
  constructor(reason: string) {
    super(`The OS keychain is not available (${reason}). Instead, ${KEYCHAIN_ALTERNATIVES}.`);
    this.name = 'KeychainUnavailableError';
  }
}

interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

function reasonOf(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0] ?? msg;
}

/** The system keychain; every failure to reach it becomes a KeychainUnavailableError naming the alternatives. */
export function systemKeychain(): Keychain {
  let loaded: Promise<KeytarModule> | undefined;
  const load = (): Promise<KeytarModule> => {
    loaded ??= import('keytar').then(
      (m) => ((m as { default?: KeytarModule }).default ?? m) as KeytarModule,
      (err: unknown) => {
        throw new KeychainUnavailableError(`keytar could not load: ${reasonOf(err)}`);
      },
    );
    return loaded;
  };
  const guard = async <T>(fn: (k: KeytarModule) => Promise<T>): Promise<T> => {
    const k = await load();
    try {
      return await fn(k);
    } catch (err) {
      throw new KeychainUnavailableError(reasonOf(err));
    }
  };
  return {
    getPassword: (s, a) => guard((k) => k.getPassword(s, a)),
    setPassword: (s, a, p) => guard((k) => k.setPassword(s, a, p)),
    deletePassword: (s, a) => guard((k) => k.deletePassword(s, a)),
  };
}

/** Stores a key pair (account = the access key id) and, unless told otherwise, makes it the default. */
export async function saveToKeychain(
  keychain: Keychain,
  credentials: Pick<Credentials, 'accessKeyId' | 'secretAccessKey'>,
  options: { makeDefault?: boolean; service?: string } = {},
): Promise<void> {
  const service = options.service ?? keychainServiceName();
  await keychain.setPassword(service, credentials.accessKeyId, credentials.secretAccessKey);
  if (options.makeDefault ?? true) {
    await keychain.setPassword(service, DEFAULT_ACCOUNT, credentials.accessKeyId);
  }
}

/** Removes a key pair; clears the default pointer when it named this key. True when something was removed. */
export async function deleteFromKeychain(
  keychain: Keychain,
  accessKeyId: string,
  service: string = keychainServiceName(),
): Promise<boolean> {
  const removed = await keychain.deletePassword(service, accessKeyId);
  if ((await keychain.getPassword(service, DEFAULT_ACCOUNT)) === accessKeyId) {
    await keychain.deletePassword(service, DEFAULT_ACCOUNT);
  }
  return removed;
}

/** The default key pair saved by `dockhand configure`, if any. */
export async function readDefaultFromKeychain(
  keychain: Keychain,
  service: string = keychainServiceName(),
): Promise<Credentials | undefined> {
  const keyId = await keychain.getPassword(service, DEFAULT_ACCOUNT);
  if (!keyId) return undefined;
  const secret = await keychain.getPassword(service, keyId);
  return secret ? { accessKeyId: keyId, secretAccessKey: secret } : undefined;
}
