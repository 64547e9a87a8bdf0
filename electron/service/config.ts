/**
 * Accounts and buckets the endpoint knows with no config: a demo account created once and kept in the data
 * dir. A config file or object is read by ./config-file (zod), loaded only when one is given.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AccountConfig } from './types';

/** Reference section 1 (confirmed): 50 CreateJob calls per account per day. */
export const DEFAULT_CREATE_JOB_DAILY_QUOTA = 50;
export const DEMO_ACCOUNT_FILE = 'demo-account.json';
export const ENDPOINT_SECRET_FILE = 'endpoint-secret';
export const DEMO_BUCKET = { name: 'dockhand-demo', region: 'us-east-1' } as const;
const SECRET_FILE_MODE = 0o600;
const MIN_ENDPOINT_SECRET_CHARS = 32;

export const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface ResolvedConfig {
  accounts: AccountConfig[];
  createJobDailyQuota: number;
  /** Where the accounts came from, for the log line. */
  source: string;
}

/** No config: the demo account kept in the data dir (created on first start). */
export function demoConfig(dataDir: string): ResolvedConfig {
  const demo = ensureDemoAccount(dataDir);
  return {
    accounts: [demo],
    createJobDailyQuota: DEFAULT_CREATE_JOB_DAILY_QUOTA,
    source: `demo account in ${path.join(dataDir, DEMO_ACCOUNT_FILE)}`,
  };
}

/**
 * Our own demo-account file, checked by hand rather than with the config file's zod schema: zod costs more
 * to load than the rest of the endpoint, and every CLI command on the embedded endpoint reads this file.
 */
function isAccountConfig(value: unknown): value is AccountConfig {
  const v = value as Partial<AccountConfig> | null;
  return (
    !!v &&
    typeof v.accessKeyId === 'string' &&
    /^[A-Z0-9]{16,128}$/.test(v.accessKeyId) &&
    typeof v.secretAccessKey === 'string' &&
    v.secretAccessKey.length >= 16 &&
    Array.isArray(v.buckets) &&
    v.buckets.every(
      (b) => !!b && typeof b.name === 'string' && BUCKET_NAME.test(b.name) && typeof b.region === 'string',
    )
  );
}

const KEY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function randomString(alphabet: string, length: number): string {
  // Alphabets of 32 and 64 symbols divide 256, so taking a byte modulo the length stays uniform.
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

export function generateDemoAccount(): AccountConfig {
  return {
    accessKeyId: 'AKIA' + randomString(KEY_ID_ALPHABET, 16),
    secretAccessKey: randomString(SECRET_ALPHABET, 40),
    buckets: [{ ...DEMO_BUCKET }],
  };
}

/**
 * Creates a file only the owner can read, atomically and only if it does not exist yet: two endpoints
 * starting on one data dir at once agree on one secret. Returns false when the file was already there.
 */
export function createSecretFile(file: string, text: string): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, text, { mode: SECRET_FILE_MODE });
  try {
    fs.chmodSync(tmp, SECRET_FILE_MODE);
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** The demo account kept in the data dir, or undefined when there is none yet. */
export function readDemoAccount(dataDir: string): AccountConfig | undefined {
  const file = path.join(dataDir, DEMO_ACCOUNT_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigError(`${file} is not valid JSON; delete it to create a new demo account`);
  }
  if (!isAccountConfig(value)) {
    throw new ConfigError(`${file} is not a demo account; delete it to create a new one`);
  }
  return { accessKeyId: value.accessKeyId, secretAccessKey: value.secretAccessKey, buckets: value.buckets };
}

export function ensureDemoAccount(dataDir: string): AccountConfig {
  const existing = readDemoAccount(dataDir);
  if (existing) return existing;
  const account = generateDemoAccount();
  if (createSecretFile(path.join(dataDir, DEMO_ACCOUNT_FILE), JSON.stringify(account, null, 2) + '\n')) {
    return account;
  }
  return readDemoAccount(dataDir) as AccountConfig;
}

/** The endpoint's own key for job signatures: generated once, kept (mode 0600), never logged. */
export function ensureEndpointSecret(dataDir: string): string {
  const file = path.join(dataDir, ENDPOINT_SECRET_FILE);
  if (!fs.existsSync(file)) createSecretFile(file, randomBytes(32).toString('base64') + '\n');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new ConfigError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  if (text.length < MIN_ENDPOINT_SECRET_CHARS) {
    // Replacing it silently would make every stored job's signature unverifiable.
    throw new ConfigError(
      `${file} is damaged (shorter than ${MIN_ENDPOINT_SECRET_CHARS} characters); restore it from a backup, ` +
        'or delete it to start with a new secret (existing jobs then need their SIGNATURE files rewritten)',
    );
  }
  return text;
}
