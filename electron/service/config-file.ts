/**
 * A config file or object naming the endpoint's accounts and buckets, validated with zod. Loaded only when a
 * config is given (`dockhand service --config`, tests): the embedded endpoint's demo account needs none of it.
 */
import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  BUCKET_NAME,
  ConfigError,
  DEFAULT_CREATE_JOB_DAILY_QUOTA,
  demoConfig,
  type ResolvedConfig,
} from './config';
import type { ServiceConfig } from './types';

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
  if (config === undefined) return demoConfig(dataDir);
  const parsed =
    typeof config === 'string' ? readConfigFile(config) : validateConfig(config, 'Config object');
  return {
    accounts: parsed.accounts,
    createJobDailyQuota: parsed.createJobDailyQuota ?? DEFAULT_CREATE_JOB_DAILY_QUOTA,
    source: typeof config === 'string' ? config : 'config object',
  };
}
