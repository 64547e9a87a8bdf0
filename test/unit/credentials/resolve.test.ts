import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCredentials, CredentialsError } from '../../../electron/credentials/resolve';
import { KeychainUnavailableError, type Keychain } from '../../../electron/credentials/keychain';

let home: string;

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'dockhand-creds-'));
  await mkdir(path.join(home, '.aws'));
  await writeFile(
    path.join(home, '.aws', 'credentials'),
    '[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = secret-default\n\n' +
      '[work]\naws_access_key_id = AKIAWORK\naws_secret_access_key = secret-work\naws_session_token = tok\n\n' +
      '[half]\naws_access_key_id = AKIAHALF\n',
  );
  await writeFile(
    path.join(home, '.aws', 'config'),
    '[profile cfgonly]\naws_access_key_id = AKIACFG\naws_secret_access_key = secret-cfg\nregion = us-east-1\n',
  );
  await writeFile(
    path.join(home, 'other-credentials'),
    '[default]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = secret-other\n',
  );
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

/** An in-memory keychain: the edge fake for the pure order tests (the real one is tested in keychain.test.ts). */
function memoryKeychain(entries: Record<string, string> = {}): Keychain {
  const m = new Map(Object.entries(entries));
  return {
    getPassword: async (s, a) => m.get(`${s}/${a}`) ?? null,
    setPassword: async (s, a, p) => void m.set(`${s}/${a}`, p),
    deletePassword: async (s, a) => m.delete(`${s}/${a}`),
  };
}
const saved = memoryKeychain({ 'dockhand/default': 'AKIAKEYCHAIN', 'dockhand/AKIAKEYCHAIN': 'secret-kc' });
const unavailable: Keychain = {
  getPassword: async () => {
    throw new KeychainUnavailableError('Cannot autolaunch D-Bus without X11 $DISPLAY');
  },
  setPassword: async () => undefined,
  deletePassword: async () => false,
};

describe('resolveCredentials order', () => {
  const ENV_KEYS = { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'secret-env' };
  it.each([
    [
      'explicit keys beat everything',
      { accessKeyId: 'AKIAFLAG', secretAccessKey: 'secret-flag', env: ENV_KEYS },
      'AKIAFLAG',
      'command line',
    ],
    ['--profile beats the environment', { profile: 'work', env: ENV_KEYS }, 'AKIAWORK', 'profile "work"'],
    [
      'environment keys beat AWS_PROFILE',
      { env: { ...ENV_KEYS, AWS_PROFILE: 'work' } },
      'AKIAENV',
      'environment variables',
    ],
    ['AWS_PROFILE from the credentials file', { env: { AWS_PROFILE: 'work' } }, 'AKIAWORK', 'AWS_PROFILE'],
    ['[profile x] in the config file', { profile: 'cfgonly', env: {} }, 'AKIACFG', 'config'],
    ['the default profile', { env: {} }, 'AKIADEFAULT', 'profile "default"'],
    [
      'AWS_SHARED_CREDENTIALS_FILE is honoured',
      { env: { AWS_SHARED_CREDENTIALS_FILE: 'OTHER' } },
      'AKIAOTHER',
      'other-credentials',
    ],
  ])('%s', async (_name, input, keyId, sourcePart) => {
    const env = Object.fromEntries(
      Object.entries(input.env).map(([k, v]) => [
        k,
        v === 'OTHER' ? path.join(home, 'other-credentials') : v,
      ]),
    );
    const r = await resolveCredentials({ ...input, env, homeDir: home, keychain: saved });
    expect(r.credentials.accessKeyId).toBe(keyId);
    expect(r.source).toContain(sourcePart);
    expect(r.source).not.toContain(r.credentials.secretAccessKey);
  });

  it('carries the session token from the environment and from a profile', async () => {
    const fromEnv = await resolveCredentials({
      env: { AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'B', AWS_SESSION_TOKEN: 'T' },
      homeDir: home,
      keychain: saved,
    });
    expect(fromEnv.credentials.sessionToken).toBe('T');
    const fromProfile = await resolveCredentials({
      profile: 'work',
      env: {},
      homeDir: home,
      keychain: saved,
    });
    expect(fromProfile.credentials.sessionToken).toBe('tok');
  });

  it('falls back to the keychain when no file or variable has keys', async () => {
    const r = await resolveCredentials({ env: {}, homeDir: path.join(home, 'nowhere'), keychain: saved });
    expect(r.credentials).toEqual({ accessKeyId: 'AKIAKEYCHAIN', secretAccessKey: 'secret-kc' });
    expect(r.source).toContain('keychain');
  });
});

describe('resolveCredentials errors name the fix', () => {
  it.each([
    ['an unknown --profile', { profile: 'nope', env: {} }, 'ProfileNotFound', /--profile nope.*credentials/],
    ['an unknown AWS_PROFILE', { env: { AWS_PROFILE: 'nope' } }, 'ProfileNotFound', /AWS_PROFILE=nope/],
    [
      'a profile without a secret',
      { profile: 'half', env: {} },
      'IncompleteProfile',
      /aws_secret_access_key/,
    ],
    [
      'only AWS_ACCESS_KEY_ID',
      { env: { AWS_ACCESS_KEY_ID: 'X' } },
      'IncompleteCredentials',
      /AWS_SECRET_ACCESS_KEY/,
    ],
  ])('%s', async (_name, input, code, message) => {
    const err = await resolveCredentials({ ...input, homeDir: home, keychain: saved }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CredentialsError);
    expect(err).toMatchObject({ code });
    expect((err as Error).message).toMatch(message);
  });

  it('says when no keychain is available and names the alternatives', async () => {
    const err = (await resolveCredentials({
      env: {},
      homeDir: path.join(home, 'nowhere'),
      keychain: unavailable,
    }).catch((e: unknown) => e)) as CredentialsError;
    expect(err.code).toBe('NoCredentials');
    expect(err.message).toContain('keychain is not available');
    expect(err.message).toContain('AWS_ACCESS_KEY_ID');
    expect(err.message).toContain('~/.aws/credentials');
    expect(err.message).toContain('--profile');
  });

  it('says to run configure when the keychain is empty', async () => {
    const err = (await resolveCredentials({
      env: {},
      homeDir: path.join(home, 'nowhere'),
      keychain: memoryKeychain(),
    }).catch((e: unknown) => e)) as CredentialsError;
    expect(err.message).toContain('dockhand configure');
  });
});
