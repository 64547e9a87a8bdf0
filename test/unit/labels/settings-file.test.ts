import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  corruptFileName,
  parseSettings,
  readSettings,
  updateSettings,
} from '../../../electron/settings/settings-file';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dockhand-settings-'));
  file = path.join(dir, 'nested', 'settings.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parseSettings', () => {
  it.each([
    ['an object', '{"a":1}', { ok: true, settings: { a: 1 } }],
    ['empty text', '  \n', { ok: true, settings: {} }],
  ])('accepts %s', (_n, text, expected) => expect(parseSettings(text)).toEqual(expected));
  it.each([
    ['broken JSON', '{"a":', /not valid JSON/],
    ['an array', '[1]', /not a JSON object \(found an array\)/],
    ['null', 'null', /not a JSON object \(found null\)/],
    ['a number', '3', /not a JSON object/],
  ])('refuses %s', (_n, text, reason) => {
    const r = parseSettings(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('updateSettings', () => {
  it('creates the file and its folder, then merges without losing other keys', async () => {
    await updateSettings(file, { endpointUrl: 'https://importexport.amazonaws.com' });
    await updateSettings(file, { labelPrinter: 'Zebra' });
    const { settings } = await updateSettings(file, (current) => ({
      count: ((current.count as number) ?? 0) + 1,
    }));
    expect(settings).toEqual({
      endpointUrl: 'https://importexport.amazonaws.com',
      labelPrinter: 'Zebra',
      count: 1,
    });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(settings);
  });

  it('removes a key set to undefined', async () => {
    await updateSettings(file, { a: 1, b: 2 });
    expect((await updateSettings(file, { a: undefined })).settings).toEqual({ b: 2 });
  });

  it('keeps every key when many writers update at once', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => updateSettings(file, { [`k${i}`]: i })));
    const { settings } = await readSettings(file);
    expect(Object.keys(settings).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `k${i}`).sort());
    // No lock or temporary files are left behind.
    expect(await readdir(path.dirname(file))).toEqual(['settings.json']);
  });

  it('moves a corrupt file aside, reports it, and writes the new settings', async () => {
    await updateSettings(file, {});
    await writeFile(file, '{"endpointUrl": "https://x", oops');
    expect((await readSettings(file)).corrupt?.reason).toMatch(/not valid JSON/);
    const at = new Date('2024-05-01T10:20:30.123Z');
    const result = await updateSettings(file, { labelPrinter: 'Zebra' }, () => at);
    expect(result.movedCorruptFileTo).toBe(`${file}.corrupt-2024-05-01T10-20-30-123Z`);
    expect(result.corrupt?.reason).toMatch(/not valid JSON/);
    expect(await readFile(result.movedCorruptFileTo as string, 'utf8')).toBe(
      '{"endpointUrl": "https://x", oops',
    );
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ labelPrinter: 'Zebra' });
  });

  it('reads a missing file as empty settings', async () => {
    expect(await readSettings(file)).toEqual({ settings: {} });
  });
});

describe('corruptFileName', () => {
  it('has no colons, so it is valid on every file system', () => {
    expect(corruptFileName('/a/settings.json', new Date('2024-01-02T03:04:05.006Z'))).toBe(
      '/a/settings.json.corrupt-2024-01-02T03-04-05-006Z',
    );
  });
});
