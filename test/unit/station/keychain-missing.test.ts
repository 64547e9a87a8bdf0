/**
 * The app where keytar is not installed (npm skipped it: libsecret-1-dev missing). The one fake is at the edge:
 * keytar's loader fails the way Node fails for a missing package. Everything else is real: the contract's
 * handlers, an embedded endpoint, the journal, the files in the app's home.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPaths } from '../../../electron/app-paths';
import { systemKeychain } from '../../../electron/credentials/keychain';
import type { CredentialsStatus } from '../../../electron/shared/contract';
import { createAppCore, type AppCore } from '../../../electron/shared/handlers';
import { ACCOUNT_A, startTestService, type TestService } from '../../helpers/service';

/** The error Node gives for `import('keytar')` when the package is absent. */
function moduleNotFound(): Promise<never> {
  return import(/* a name no registry has */ 'keytar-is-not-installed-here-' + 'dockhand').then(() => {
    throw new Error('expected the import to fail');
  });
}

const missingKeytar = (): ReturnType<typeof systemKeychain> =>
  systemKeychain({ load: moduleNotFound, platform: 'linux' });

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(dir)) {
    const p = path.join(dir, name);
    if ((await stat(p)).isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

describe('without keytar, against a configured endpoint', () => {
  let service: TestService;
  let core: AppCore;
  let home: string;
  const answers: string[] = [];
  const call = async (op: string, args: unknown) => {
    const r = await core.dispatch(op, args);
    answers.push(JSON.stringify(r));
    return r;
  };

  beforeAll(async () => {
    service = await startTestService();
    home = await mkdtemp(path.join(os.tmpdir(), 'dockhand-nokeytar-'));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      DOCKHAND_HOME: home,
      AWS_ENDPOINT_URL: service.url,
    };
    core = await createAppCore({
      host: 'station',
      emit: () => undefined,
      env,
      paths: appPaths(env),
      keychain: missingKeytar(),
      homeDir: home,
    });
  });
  afterAll(async () => {
    await core?.close();
    await service?.close();
    await rm(home, { recursive: true, force: true });
  });

  it('says plainly that the keychain is unavailable and what to install', async () => {
    const r = await call('credentials.status', {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const status = r.value as CredentialsStatus;
    expect(status.keychainAvailable).toBe(false);
    expect(status.problem).toMatch(/OS keychain is not available: keytar.*is not installed/);
    expect(status.problem).toContain('sudo apt-get install libsecret-1-0 libsecret-1-dev');
    expect(status.problem).toContain('then run npm install in Dockhand');
    const listed = await call('jobs.list', {});
    expect(listed.ok).toBe(false);
    if (!listed.ok) expect(listed.error.message).toMatch(/Settings/);
  });

  it('uses a key entered in Settings for this session, held in memory only', async () => {
    const saved = await call('credentials.save', {
      accessKeyId: ACCOUNT_A.accessKeyId,
      secretAccessKey: ACCOUNT_A.secretAccessKey,
    });
    expect(saved).toMatchObject({
      ok: true,
      value: {
        accessKeyId: ACCOUNT_A.accessKeyId,
        fromSession: true,
        fromKeychain: false,
        keychainAvailable: false,
      },
    });
    if (saved.ok)
      expect((saved.value as CredentialsStatus).source).toMatch(/in memory until Dockhand closes/);
    expect((await call('jobs.list', {})).ok).toBe(true);
    for (const a of answers) expect(a).not.toContain(ACCOUNT_A.secretAccessKey);
    // Never written to a file: nothing under the app's home (journal, WAL, settings) holds the secret.
    for (const file of await filesUnder(home)) {
      expect((await readFile(file)).includes(ACCOUNT_A.secretAccessKey), file).toBe(false);
    }
  });

  it('forgets the session key when asked', async () => {
    const cleared = await call('credentials.clear', {});
    expect(cleared).toMatchObject({ ok: true, value: { accessKeyId: null, fromKeychain: false } });
    expect((await call('jobs.list', {})).ok).toBe(false);
  });
});

describe('without keytar, the other sources still work', () => {
  it('signs with the environment credentials', async () => {
    const service = await startTestService();
    const home = await mkdtemp(path.join(os.tmpdir(), 'dockhand-nokeytar-env-'));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      DOCKHAND_HOME: home,
      AWS_ENDPOINT_URL: service.url,
      AWS_ACCESS_KEY_ID: ACCOUNT_A.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ACCOUNT_A.secretAccessKey,
    };
    const core = await createAppCore({
      host: 'station',
      emit: () => undefined,
      env,
      paths: appPaths(env),
      keychain: missingKeytar(),
      homeDir: home,
    });
    try {
      expect((await core.dispatch('jobs.list', {})).ok).toBe(true);
      const status = await core.dispatch('credentials.status', {});
      expect(status).toMatchObject({
        ok: true,
        value: { accessKeyId: ACCOUNT_A.accessKeyId, keychainAvailable: false },
      });
    } finally {
      await core.close();
      await service.close();
      await rm(home, { recursive: true, force: true });
    }
  });

  it("runs on the embedded endpoint's own account", async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'dockhand-nokeytar-embedded-'));
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, DOCKHAND_HOME: home };
    const core = await createAppCore({
      host: 'station',
      emit: () => undefined,
      env,
      paths: appPaths(env),
      keychain: missingKeytar(),
      homeDir: home,
    });
    try {
      expect((await core.dispatch('jobs.list', {})).ok).toBe(true);
      const info = await core.dispatch('app.info', {});
      expect(info).toMatchObject({ ok: true, value: { localTestEndpoint: true } });
    } finally {
      await core.close();
      await rm(home, { recursive: true, force: true });
    }
  });
});
