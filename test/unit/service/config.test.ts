import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, ensureDemoAccount, ensureEndpointSecret } from '../../../electron/service/config';
import { readConfigFile, resolveConfig, validateConfig } from '../../../electron/service/config-file';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-config-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const account = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  buckets: [{ name: 'my-bucket', region: 'us-east-1' }],
};

describe('service config', () => {
  it('reads a YAML file with a quota', () => {
    const file = path.join(dir, 'endpoint.yaml');
    fs.writeFileSync(
      file,
      `createJobDailyQuota: 5\naccounts:\n  - accessKeyId: ${account.accessKeyId}\n    secretAccessKey: ${account.secretAccessKey}\n    buckets:\n      - { name: my-bucket, region: us-east-1 }\n`,
    );
    const resolved = resolveConfig(file, dir);
    expect(resolved.createJobDailyQuota).toBe(5);
    expect(resolved.accounts[0]?.buckets[0]?.name).toBe('my-bucket');
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ['no accounts', { accounts: [] }, /accounts must list at least one account/],
    [
      'a bad bucket name',
      { accounts: [{ ...account, buckets: [{ name: 'Bad_Name', region: 'us-east-1' }] }] },
      /accounts\[0\]\.buckets\[0\]\.name/,
    ],
    [
      'a short secret',
      { accounts: [{ ...account, secretAccessKey: 'x' }] },
      /accounts\[0\]\.secretAccessKey/,
    ],
    ['a negative quota', { accounts: [account], createJobDailyQuota: -1 }, /createJobDailyQuota/],
    ['a key listed twice', { accounts: [account, { ...account, buckets: [] }] }, /listed twice/],
    [
      'one bucket in two accounts',
      { accounts: [account, { ...account, accessKeyId: 'AKIAOTHEROTHEROTHER1' }] },
      /my-bucket already belongs to accounts\[0\]/,
    ],
  ];
  it.each(bad)('names the field for %s', (_name, value, message) => {
    expect(() => validateConfig(value, 'Config file x.yaml')).toThrow(message);
    expect(() => validateConfig(value, 'Config file x.yaml')).toThrow(/^Config file x\.yaml: /);
  });

  it('names the file when it is missing or not YAML', () => {
    expect(() => readConfigFile(path.join(dir, 'nope.yaml'))).toThrow(ConfigError);
    expect(() => readConfigFile(path.join(dir, 'nope.yaml'))).toThrow(/nope\.yaml/);
    const file = path.join(dir, 'broken.yaml');
    fs.writeFileSync(file, 'accounts: [\n');
    expect(() => readConfigFile(file)).toThrow(/broken\.yaml is not valid YAML/);
  });

  it('never puts the secret in an error', () => {
    try {
      validateConfig({ accounts: [{ ...account, accessKeyId: 'lower-case' }] }, 'Config object');
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toContain('accessKeyId');
      expect((err as Error).message).not.toContain(account.secretAccessKey);
    }
  });
});

describe('secrets in the data dir', () => {
  it('creates the endpoint secret once (0600) and refuses a damaged one', () => {
    const first = ensureEndpointSecret(dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(ensureEndpointSecret(dir)).toBe(first);
    expect(fs.statSync(path.join(dir, 'endpoint-secret')).mode & 0o777).toBe(0o600);
    fs.writeFileSync(path.join(dir, 'endpoint-secret'), 'short\n');
    expect(() => ensureEndpointSecret(dir)).toThrow(/endpoint-secret is damaged/);
  });

  it('keeps the first demo account when one already exists', () => {
    const a = ensureDemoAccount(dir);
    const b = ensureDemoAccount(dir);
    expect(b).toEqual(a);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
