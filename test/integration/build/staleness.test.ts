/** npm start and the test setup rebuild what is older than its sources, and only that. */
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeBuildIsStale, rendererIsStale } from '../../../build/build.js';

let out: string;
const LONG_AGO = new Date('2001-01-01T00:00:00Z');
const FUTURE = new Date(Date.now() + 3600_000);

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'dockhand-stale-'));
  await mkdir(path.join(out, 'renderer'));
  await writeFile(path.join(out, 'renderer', 'index.html'), '<!doctype html>');
  await writeFile(path.join(out, '.node-build'), 'stamp');
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('what needs building', () => {
  it('a renderer older than any renderer source is rebuilt; a newer one is kept', async () => {
    await utimes(path.join(out, 'renderer', 'index.html'), LONG_AGO, LONG_AGO);
    expect(await rendererIsStale(out)).toBe(true);
    await utimes(path.join(out, 'renderer', 'index.html'), FUTURE, FUTURE);
    expect(await rendererIsStale(out)).toBe(false);
  });

  it('the Node side likewise, by its build stamp; a missing build is always stale', async () => {
    await utimes(path.join(out, '.node-build'), LONG_AGO, LONG_AGO);
    expect(await nodeBuildIsStale(out)).toBe(true);
    await utimes(path.join(out, '.node-build'), FUTURE, FUTURE);
    expect(await nodeBuildIsStale(out)).toBe(false);
    expect(await nodeBuildIsStale(path.join(out, 'nowhere'))).toBe(true);
    expect(await rendererIsStale(path.join(out, 'nowhere'))).toBe(true);
  });
});
