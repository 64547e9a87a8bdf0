/**
 * Accounts and buckets the endpoint knows: from a YAML file or an object, validated with zod; or, with
 * no config, a demo account created once and kept in the data dir.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { AccountConfig, ServiceConfig } from './types';

/** Reference section 1 (confirmed): 50 CreateJob calls per account per day. */
export const DEFAULT_CREATE_JOB_DAILY_QUOTA = 50;
export const DEMO_ACCOUNT_FILE = 'demo-account.json';
export const ENDPOINT_SECRET_FILE = 'endpoint-secret';
export const DEMO_BUCKET = { name: 'dockhand-demo', region: 'us-east-1' } as const;
const SECRET_FILE_MODE = 0o600;
const MIN_ENDPOINT_SECRET_CHARS = 32;

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const bucketSchema = z.object({
  name: z.string().regex(BUCKET_NAME, 'must be 3-63 characters of a-z, 0-9, "." and "-"'),
  region: z.string().min(1, 'must name a region such as us-east-1'),
});
const accountSchema = z.object({
  accessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/, 'must be upper-case letters and digits (e.g. AKIA…)'),
  secretAccessKey: z.string().min(16, 'must be at least 16 characters'),
  buckets: z.array(bucketSchema),
});
const configSchema = z.object({
  accounts: z.array(accountSchema).min(1, 'must list at least one account'),
  createJobDailyQuota: z.number().int().min(0).optional(),
});

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

/** Validates a config object; `where` names the file (or "config object") in every error. */
export function validateConfig(value: unknown, where: string): ServiceConfig {
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue ? formatPath(issue.path) : '';
    throw new ConfigError(
      `${where}: ${field ? `${field} ` : ''}${issue?.message ?? 'is not valid'}. ` +
        'Expected { accounts: [{ accessKeyId, secretAccessKey, buckets: [{ name, region }] }], createJobDailyQuota? }',
    );
  }
  const config = parsed.data;
  const keys = new Set<string>();
  const buckets = new Map<string, number>();
  config.accounts.forEach((account, i) => {
    if (keys.has(account.accessKeyId)) {
      throw new ConfigError(`${where}: accounts[${i}].accessKeyId ${account.accessKeyId} is listed twice`);
    }
    keys.add(account.accessKeyId);
    account.buckets.forEach((bucket, j) => {
      const owner = buckets.get(bucket.name);
      if (owner !== undefined) {
        throw new ConfigError(
          `${where}: accounts[${i}].buckets[${j}].name ${bucket.name} already belongs to accounts[${owner}]; bucket names are global`,
        );
      }
      buckets.set(bucket.name, i);
    });
  });
  return config;
}

function formatPath(p: readonly PropertyKey[]): string {
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

export function readConfigFile(file: string): ServiceConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`Cannot read config file ${file}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`Config file ${file} is not valid YAML: ${(err as Error).message}`);
  }
  return validateConfig(value, `Config file ${file}`);
}

export function resolveConfig(config: ServiceConfig | string | undefined, dataDir: string): ResolvedConfig {
  if (config === undefined) {
    const demo = ensureDemoAccount(dataDir);
    return {
      accounts: [demo],
      createJobDailyQuota: DEFAULT_CREATE_JOB_DAILY_QUOTA,
      source: `demo account in ${path.join(dataDir, DEMO_ACCOUNT_FILE)}`,
    };
  }
  const parsed =
    typeof config === 'string' ? readConfigFile(config) : validateConfig(config, 'Config object');
  return {
    accounts: parsed.accounts,
    createJobDailyQuota: parsed.createJobDailyQuota ?? DEFAULT_CREATE_JOB_DAILY_QUOTA,
    source: typeof config === 'string' ? config : 'config object',
  };
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
  const parsed = accountSchema.safeParse(value);
  if (!parsed.success) {
    throw new ConfigError(`${file} is not a demo account; delete it to create a new one`);
  }
  return parsed.data;
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
