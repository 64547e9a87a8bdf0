/**
 * The OS keychain through keytar (libsecret on Linux, Keychain on macOS, Credential Vault on Windows).
 * keytar is native and an optional dependency: npm skips it where it cannot be built (on Linux, when
 * libsecret-1-dev is missing), so it is imported on first use and its absence is an ordinary, explained
 * condition: every command that does not need the keychain still runs, and the app can hold a key in memory.
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

/**
 * Why the keychain cannot be used: keytar is not installed or not built (an install-time gap, fixed by
 * installing libsecret and rebuilding), or it loaded but no secret service answered (no D-Bus session, no
 * gnome-keyring/KWallet, a locked keychain).
 */
export type KeychainProblem = 'not-installed' | 'no-service';

/** What to install to get keytar built, per platform; pure so each platform's advice is table-tested. */
export function keytarInstallAdvice(platform: NodeJS.Platform): string {
  // npm removes an optional dependency it could not build, so the step that brings keytar back is
  // `npm install` (which retries it), not `npm rebuild keytar` (which needs it present).
  switch (platform) {
    case 'linux':
      return (
        'install libsecret-1-0 and libsecret-1-dev (sudo apt-get install libsecret-1-0 libsecret-1-dev), ' +
        "then run npm install in Dockhand's folder to build keytar"
      );
    case 'darwin':
      return "install the Xcode command line tools (xcode-select --install), then run npm install in Dockhand's folder to build keytar";
    case 'win32':
      return "install the Visual Studio C++ build tools, then run npm install in Dockhand's folder to build keytar";
    default:
      return "run npm install in Dockhand's folder to build keytar (it needs a C++ toolchain and the platform's secret store headers)";
  }
}

/** The sentence the app and the CLI show; pure. */
export function keychainUnavailableMessage(
  problem: KeychainProblem,
  detail: string,
  platform: NodeJS.Platform = process.platform,
): string {
  if (problem === 'not-installed') {
    return (
      `The OS keychain is not available: keytar, the module Dockhand reaches it through, is not installed ` +
      `(npm install skips it when it cannot be built; ${detail}). To use the keychain, ${keytarInstallAdvice(platform)}. ` +
      `Until then, ${KEYCHAIN_ALTERNATIVES}.`
    );
  }
  return `The OS keychain is not available (${detail}). Instead, ${KEYCHAIN_ALTERNATIVES}.`;
}

export class KeychainUnavailableError extends Error {
  readonly code = 'KeychainUnavailable';
  constructor(
    reason: string,
    readonly problem: KeychainProblem = 'no-service',
    platform: NodeJS.Platform = process.platform,
  ) {
    super(keychainUnavailableMessage(problem, reason, platform));
    this.name = 'KeychainUnavailableError';
  }
}

interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** How keytar is loaded; tests inject one that fails the way a missing or unbuilt module does. */
export type KeytarLoader = () => Promise<unknown>;

/**
 * The specifier is a variable so that type-checking does not need keytar's own .d.ts: on a machine where npm
 * skipped it, `tsc` still passes and the loader fails at run time, which is the case handled here.
 */
const KEYTAR_MODULE = 'keytar';
const importKeytar: KeytarLoader = () => import(KEYTAR_MODULE) as Promise<unknown>;

function reasonOf(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0] ?? msg;
}

/**
 * True when a load failure means keytar is absent or unbuilt rather than broken: the package is not there
 * (ERR_MODULE_NOT_FOUND, MODULE_NOT_FOUND), its keytar.node was never built, or the library it links
 * against (libsecret-1.so.0) is missing.
 */
export function isKeytarMissing(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return true;
  return /keytar\.node|cannot open shared object file|Cannot find (module|package)/i.test(reasonOf(err));
}

function isKeytarModule(m: unknown): m is KeytarModule {
  return typeof (m as Partial<KeytarModule> | null)?.getPassword === 'function';
}

/** The system keychain; every failure to reach it becomes a KeychainUnavailableError saying what to do. */
export function systemKeychain(options: { load?: KeytarLoader; platform?: NodeJS.Platform } = {}): Keychain {
  const loadModule = options.load ?? importKeytar;
  const platform = options.platform ?? process.platform;
  let loaded: Promise<KeytarModule> | undefined;
  const load = (): Promise<KeytarModule> => {
    loaded ??= loadModule().then(
      (m) => {
        const mod = (m as { default?: unknown }).default ?? m;
        if (!isKeytarModule(mod)) {
          throw new KeychainUnavailableError(
            'keytar loaded without its functions',
            'not-installed',
            platform,
          );
        }
        return mod;
      },
      (err: unknown) => {
        throw isKeytarMissing(err)
          ? new KeychainUnavailableError(reasonOf(err), 'not-installed', platform)
          : new KeychainUnavailableError(`keytar could not load: ${reasonOf(err)}`, 'no-service', platform);
      },
    );
    return loaded;
  };
  const guard = async <T>(fn: (k: KeytarModule) => Promise<T>): Promise<T> => {
    const k = await load();
    try {
      return await fn(k);
    } catch (err) {
      throw new KeychainUnavailableError(reasonOf(err), 'no-service', platform);
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
