/** `dockhand inventory` as a user runs it. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../../electron/inventory/types';
import { runDockhand, type CliRun } from '../../helpers/cli';

let dir: string;
let device: string;

function dockhand(args: string[]): Promise<CliRun> {
  return runDockhand(args, { cwd: dir, env: { ...process.env, DOCKHAND_HOME: path.join(dir, 'data') } });
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-cli-inv-'));
  device = path.join(dir, 'device');
  fs.mkdirSync(path.join(device, 'photos'), { recursive: true });
  fs.writeFileSync(path.join(device, 'photos', 'a.jpg'), 'jpeg bytes');
  fs.writeFileSync(path.join(device, 'photos', 'a.psd'), 'layers');
  fs.writeFileSync(path.join(device, 'SIGNATURE'), 'version:2.0\n');
  fs.writeFileSync(
    path.join(dir, 'm.yaml'),
    [
      'manifestVersion: 2.0',
      'accessKeyId: AKIAIOSFODNN7EXAMPLE',
      'deviceId: DEV-1',
      'bucket: my-bucket',
      'prefix: 2026/',
      'eraseDevice: yes',
      'ignore:',
      '  - \\.psd$',
      'returnAddress:',
      '  name: Jane Roe',
      '  street1: 1 Main St',
      '  city: Seattle',
      '  stateOrProvince: WA',
      '  postalCode: 98101',
      '  phoneNumber: 206-555-0100',
      '  country: USA',
      '',
    ].join('\n'),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('dockhand inventory', () => {
  it('--json lists every file with MD5 and key, applying the manifest', async () => {
    const r = await dockhand(['inventory', device, '--manifest', 'file://m.yaml', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const inv = JSON.parse(r.stdout) as Inventory;
    const jpg = inv.entries.find((e) => e.path === 'photos/a.jpg');
    expect(jpg).toMatchObject({
      key: '2026/photos/a.jpg',
      md5: createHash('md5').update('jpeg bytes').digest('hex'),
    });
    expect(inv.entries.find((e) => e.path === 'photos/a.psd')).toMatchObject({
      skipped: 'ignored',
      md5: null,
    });
    expect(inv.findings.find((f) => f.kind === 'ignored')?.message).toContain('`\\.psd$`');
  });

  it('--query with --output text picks fields out of the inventory, as the AWS CLI would', async () => {
    const r = await dockhand([
      'inventory',
      device,
      '--manifest',
      'file://m.yaml',
      '--query',
      'entries[?skipped==null].key',
      '--output',
      'text',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('2026/photos/a.jpg\n');
  });

  it('prints a summary with findings and their fixes', async () => {
    const r = await dockhand(['inventory', device, '--manifest', 'file://m.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Files:\s+3/);
    expect(r.stdout).toMatch(/Imported:\s+1/);
    expect(r.stdout).toContain('[ignored] photos/a.psd');
    expect(r.stdout).toContain('fix:');
  });

  it('names the bad flag or path and exits non-zero', async () => {
    const kind = await dockhand(['inventory', device, '--job-kind', 'tape']);
    expect(kind.code).toBe(252);
    expect(kind.stderr).toContain('--job-kind must be one of');
    const missing = await dockhand(['inventory', path.join(dir, 'not-mounted')]);
    expect(missing.code).toBe(255);
    expect(missing.stderr).toMatch(/not-mounted.*mounted there/);
    const none = await dockhand(['inventory']);
    expect(none.code).toBe(252);
    expect(none.stderr).toContain('give one mountpoint');
  });
});
