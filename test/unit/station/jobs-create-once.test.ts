/**
 * The app's create path over the real handlers and the embedded endpoint: each create carries its own
 * request token, and a second job for a drive with a live job needs the person's yes (allowDuplicateDevice).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPaths } from '../../../electron/app-paths';
import { requestTokenIn } from '../../../electron/importexport/request-token';
import type { OperationName, OperationResults } from '../../../electron/shared/contract';
import { createAppCore, type AppCore } from '../../../electron/shared/handlers';

let core: AppCore;
let home: string;

async function dispatch<K extends OperationName>(op: K, args: unknown) {
  return (await core.dispatch(op, args)) as
    { ok: true; value: OperationResults[K] } | { ok: false; error: { code: string; message: string } };
}
async function call<K extends OperationName>(op: K, args: unknown): Promise<OperationResults[K]> {
  const r = await dispatch(op, args);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value;
}

beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'dockhand-create-once-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKHAND_HOME: home };
  delete env.AWS_ENDPOINT_URL;
  delete env.AWS_ENDPOINT_URL_IMPORTEXPORT;
  core = await createAppCore({ host: 'station', emit: () => undefined, env, paths: appPaths(env) });
});
afterAll(async () => {
  await core?.close();
  if (home) await rm(home, { recursive: true, force: true });
});

describe('jobs.create', () => {
  it('one live job per drive unless the person confirms; each job carries its own token', async () => {
    const drive = {
      device: '/dev/dockhandtest0',
      serial: 'SN-ONCE-1',
      sizeBytes: 64 * 1024 * 1024,
      mountpoint: home,
    };
    const { text } = await call('manifest.format', {
      form: {
        kind: 's3-import',
        deviceId: drive.serial,
        bucket: 'dockhand-demo',
        returnAddress: {
          name: 'Ada Lovelace',
          company: 'Example Corp.',
          street1: '410 Terry Ave N',
          city: 'Seattle',
          stateOrProvince: 'WA',
          postalCode: '98109',
          phoneNumber: '+1 206 555 0100',
          country: 'US',
        },
      },
    });
    const args = { jobType: 'Import', manifestText: text, drive };
    expect(await call('jobs.liveForDevice', { deviceId: drive.serial })).toEqual([]);
    const first = await call('jobs.create', args);

    expect(await call('jobs.liveForDevice', { deviceId: drive.serial })).toEqual([
      expect.objectContaining({ jobId: first.jobId }),
    ]);
    const refused = await dispatch('jobs.create', args);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatchObject({ code: 'DuplicateDevice' });
    expect(!refused.ok && refused.error.message).toContain(first.jobId);

    const second = await call('jobs.create', { ...args, allowDuplicateDevice: true });
    expect(second.jobId).not.toBe(first.jobId);
    const tokens = await Promise.all(
      [first.jobId, second.jobId].map(async (id) => {
        const detail = await call('jobs.status', { jobId: id });
        return requestTokenIn(JSON.stringify(detail).replace(/\\n/g, '\n'));
      }),
    );
    expect(tokens[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(tokens[1]).toMatch(/^[0-9a-f]{32}$/);
    expect(tokens[0]).not.toBe(tokens[1]);
  });
});
