import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findLeftovers, leftoverKind, removeLeftovers } from '../../../electron/signature/leftovers';

describe('leftoverKind', () => {
  it.each([
    ['SIGNATURE.J8PSW.bak', 'signature-backup'],
    ['SIGNATURE.ZZZZ1.2.bak', 'signature-backup'],
    ['.SIGNATURE.3fa9c0d1e2b4.tmp', 'signature-temp'],
    ['.SIGNATURE.tmp-1234', 'signature-temp'],
    ['.dockhand-partial-a.bin', 'copy-temp'],
    ['photos/2026/.dockhand-IMG_0001.jpg.part', 'copy-temp'],
  ] as const)('%s is Dockhand’s own (%s)', (p, kind) => {
    expect(leftoverKind(p)).toBe(kind);
  });

  it.each([
    'SIGNATURE',
    'photos/SIGNATURE.J8PSW.bak', // only the root ever had backups; deeper down it is the person's file
    'SIGNATURE.bak',
    'notes.bak',
    '.dockhand-',
    'dockhand-notes.txt',
    '.SIGNATURE',
    'a/.SIGNATURE.abc.tmp',
  ])('%s is the person’s', (p) => {
    expect(leftoverKind(p)).toBeUndefined();
  });

  it('finds them among an inventory’s files, with sizes and words', () => {
    const found = findLeftovers([
      { path: 'SIGNATURE', size: 120 },
      { path: 'SIGNATURE.J8PSW.bak', size: 121 },
      { path: 'a.txt', size: 1 },
    ]);
    expect(found).toEqual([
      {
        path: 'SIGNATURE.J8PSW.bak',
        bytes: 121,
        kind: 'signature-backup',
        description: expect.stringContaining('earlier Dockhand') as unknown as string,
      },
    ]);
  });
});

describe('removeLeftovers on a real directory', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dockhand-leftovers-'));
    await mkdir(path.join(dir, 'photos'));
    for (const f of ['SIGNATURE', 'SIGNATURE.J8PSW.bak', '.SIGNATURE.abc123.tmp', 'keep.txt'])
      await writeFile(path.join(dir, f), f);
    await writeFile(path.join(dir, 'photos', '.dockhand-a.jpg'), 'half');
    await writeFile(path.join(dir, 'photos', 'a.jpg'), 'whole');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('removes only Dockhand’s own files, whatever it is asked', async () => {
    const r = await removeLeftovers(dir, [
      'SIGNATURE.J8PSW.bak',
      '.SIGNATURE.abc123.tmp',
      'photos/.dockhand-a.jpg',
      'keep.txt',
      'SIGNATURE',
      '../outside/.dockhand-x',
    ]);
    expect(r.removed).toEqual(['SIGNATURE.J8PSW.bak', '.SIGNATURE.abc123.tmp', 'photos/.dockhand-a.jpg']);
    expect(r.kept.map((k) => k.path)).toEqual(['keep.txt', 'SIGNATURE', '../outside/.dockhand-x']);
    expect((await readdir(dir)).sort()).toEqual(['SIGNATURE', 'keep.txt', 'photos']);
    expect(await readdir(path.join(dir, 'photos'))).toEqual(['a.jpg']);
  });

  it('leaves a symlink with a leftover’s name alone (it may point at the person’s data)', async () => {
    await symlink(path.join(dir, 'keep.txt'), path.join(dir, '.dockhand-link'));
    const r = await removeLeftovers(dir, ['.dockhand-link']);
    expect(r.removed).toEqual([]);
    expect(r.kept[0]?.reason).toContain('not a plain file');
  });
});
