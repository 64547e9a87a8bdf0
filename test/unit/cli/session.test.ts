import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createContext } from '../../../electron/cli/context';
import { chooseEndpoint, EMBEDDED_ENDPOINT_ID, openSession } from '../../../electron/cli/session';
import { ACCOUNT_A, startTestService } from '../../helpers/service';

describe('chooseEndpoint order', () => {
  const settings = { endpointUrl: 'http://settings', file: '/x/settings.json' };
  const env = { AWS_ENDPOINT_URL_IMPORTEXPORT: 'http://ie', AWS_ENDPOINT_URL: 'http://all' };
  it.each([
    ['--endpoint-url first', 'http://flag', env, settings, 'http://flag'],
    ['then AWS_ENDPOINT_URL_IMPORTEXPORT', undefined, env, settings, 'http://ie'],
    ['then AWS_ENDPOINT_URL', undefined, { AWS_ENDPOINT_URL: 'http://all' }, settings, 'http://all'],
    ['then the settings file', undefined, {}, settings, 'http://settings'],
    ['else the embedded endpoint', undefined, {}, { file: '/x/settings.json' }, 'embedded'],
  ])('%s', (_n, flag, e, s, expected) => {
    const choice = chooseEndpoint(flag, e, s);
    expect(choice.kind === 'configured' ? choice.url : choice.kind).toBe(expected);
  });
});

const dirs: string[] = [];
afterEach(async () => {
  while (dirs.length) await rm(dirs.pop() as string, { recursive: true, force: true });
});

async function tempHome(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'dockhand-session-'));
  dirs.push(d);
  return d;
}

describe('openSession', () => {
  it('starts the embedded endpoint with its demo account and stops it on dispose', async () => {
    const home = await tempHome();
    const ctx = createContext({ output: 'json', debug: false });
    const s = await openSession(ctx, { env: { DOCKHAND_HOME: home }, homeDir: home });
    expect(s.embedded).toBe(true);
    expect(s.endpointId).toBe(EMBEDDED_ENDPOINT_ID);
    expect(s.credentialsSource).toContain('demo account');
    expect((await s.client.listJobs()).Jobs).toEqual([]);
    await ctx.dispose();
    await expect(s.client.listJobs()).rejects.toMatchObject({ code: 'NetworkError', sent: false });
  });

  it('uses endpointUrl from the settings file, with credentials from the environment', async () => {
    const home = await tempHome();
    const service = await startTestService();
    try {
      await writeFile(path.join(home, 'settings.json'), JSON.stringify({ endpointUrl: service.url }));
      const ctx = createContext({ output: 'json', debug: false });
      const s = await openSession(ctx, {
        env: {
          DOCKHAND_HOME: home,
          AWS_ACCESS_KEY_ID: ACCOUNT_A.accessKeyId,
          AWS_SECRET_ACCESS_KEY: ACCOUNT_A.secretAccessKey,
        },
        homeDir: home,
      });
      expect(s.embedded).toBe(false);
      expect(s.endpointUrl).toBe(service.url);
      expect(s.credentialsSource).toContain('environment');
      expect((await s.client.listJobs()).Jobs).toEqual([]);
      await ctx.dispose();
    } finally {
      await service.close();
    }
  });

  it.each([
    ['not JSON', '{ endpointUrl: ', /settings\.json is not valid JSON/],
    ['a number for endpointUrl', '{"endpointUrl": 5}', /endpointUrl must be a URL string/],
    ['a URL without http(s)', '{"endpointUrl": "ftp://x"}', /must start with http/],
  ])('names the settings file when it holds %s', async (_n, text, message) => {
    const home = await tempHome();
    await mkdir(home, { recursive: true });
    await writeFile(path.join(home, 'settings.json'), text);
    const ctx = createContext({ output: 'json', debug: false });
    await expect(openSession(ctx, { env: { DOCKHAND_HOME: home }, homeDir: home })).rejects.toThrow(message);
  });
});
