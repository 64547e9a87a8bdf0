import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPaths } from '../../../electron/app-paths';
import { createAppCore, type AppCore } from '../../../electron/shared/handlers';
import { testKeychain, type TestKeychain } from '../../helpers/keychain';
import { ACCOUNT_A, startTestService, type TestService } from '../../helpers/service';

const kc: TestKeychain = await testKeychain();

describe.skipIf(!kc.available)('credentials through the contract, with the real OS keychain', () => {
  let service: TestService;
  let core: AppCore;
  let home: string;
  const answers: string[] = [];

  beforeAll(async () => {
    service = await startTestService();
    home = await mkdtemp(path.join(os.tmpdir(), 'dockhand-creds-'));
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
      keychain: kc.keychain,
      homeDir: home,
    });
  });

  afterAll(async () => {
    await core?.close();
    await service?.close();
    await kc.cleanup();
    await rm(home, { recursive: true, force: true });
  });

  const call = async (op: string, args: unknown) => {
    const r = await core.dispatch(op, args);
    answers.push(JSON.stringify(r));
    return r;
  };

  it('says what is missing before any credentials exist', async () => {
    const r = await call('credentials.status', {});
    expect(r).toMatchObject({ ok: true, value: { accessKeyId: null } });
    const listed = await call('jobs.list', {});
    expect(listed.ok).toBe(false);
    if (!listed.ok) expect(listed.error.message).toMatch(/Settings/);
  });

  it('saves a key pair in the keychain, signs with it, and never answers with the secret', async () => {
    const saved = await call('credentials.save', {
      accessKeyId: ACCOUNT_A.accessKeyId,
      secretAccessKey: ACCOUNT_A.secretAccessKey,
    });
    expect(saved).toMatchObject({
      ok: true,
      value: { accessKeyId: ACCOUNT_A.accessKeyId, fromKeychain: true },
    });
    const listed = await call('jobs.list', {});
    expect(listed.ok).toBe(true);
    for (const a of answers) expect(a).not.toContain(ACCOUNT_A.secretAccessKey);
  });

  it('removes the key pair again', async () => {
    const cleared = await call('credentials.clear', {});
    expect(cleared).toMatchObject({ ok: true, value: { accessKeyId: null, fromKeychain: false } });
    for (const a of answers) expect(a).not.toContain(ACCOUNT_A.secretAccessKey);
  });
});
