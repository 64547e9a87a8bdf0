/** takeInventory over a real directory tree: nested folders, odd names, links, ignore rules, a 6 TiB sparse file. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeInventory } from '../../../electron/inventory/inventory';
import type { InventoryProgress } from '../../../electron/inventory/types';
import type { S3ImportManifest } from '../../../electron/protocol/manifest/types';

const TIB = 1024 ** 4;
let root: string;
const md5 = (data: string | Buffer) => createHash('md5').update(data).digest('hex');
// "café.txt" in Latin-1: 0xE9 alone is not UTF-8.
const LATIN1_NAME = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x74, 0x78, 0x74]);

const manifest: S3ImportManifest = {
  kind: 's3-import',
  manifestVersion: '2.0',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  deviceId: 'DEV-1',
  returnAddress: {
    name: 'Jane Roe',
    street1: '1 Main St',
    city: 'Seattle',
    stateOrProvince: 'WA',
    postalCode: '98101',
    phoneNumber: '206-555-0100',
    country: 'USA',
  },
  bucket: 'photos',
  prefix: 'trip/',
  ignore: ['.*~$', '^scratch/'],
};

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-device-'));
  const w = (rel: string, data: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), data);
  };
  w('SIGNATURE', 'version:2.0\nsigningMethod:HmacSHA1\njobId:ABCDE\nsignature:x=\n');
  w('a/b/c/deep.txt', 'deep');
  w('a/top.txt', 'top');
  w('notes.txt~', 'editor backup');
  w('scratch/tmp.bin', Buffer.alloc(1000, 1));
  w('z-last.txt', Buffer.alloc(3 * 1024 * 1024 + 17, 7));
  w(
    `${'d'.repeat(200)}/${'e'.repeat(200)}/${'f'.repeat(200)}/${'g'.repeat(200)}/${'h'.repeat(200)}/${'i'.repeat(100)}.txt`,
    'long',
  );
  fs.writeFileSync(Buffer.concat([Buffer.from(root + '/'), LATIN1_NAME]), 'latin');
  fs.symlinkSync('a/top.txt', path.join(root, 'link-to-top'));
  // Sparse: 6 TiB of apparent size, no blocks. Over the 5 TiB limit, so listed and never read.
  execFileSync('truncate', ['-s', '6T', path.join(root, 'huge.img')]);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('takeInventory', () => {
  it('lists every file with its MD5 and key, and reports what the service would skip', async () => {
    const inv = await takeInventory({ root, manifest, fileSystem: 'ext4', deviceSizeBytes: 17 * TIB });
    const byPath = new Map(inv.entries.map((e) => [e.path, e]));

    expect(byPath.get('a/b/c/deep.txt')).toMatchObject({
      md5: md5('deep'),
      size: 4,
      key: 'trip/a/b/c/deep.txt',
      imported: true,
    });
    expect(byPath.get('z-last.txt')?.md5).toBe(md5(Buffer.alloc(3 * 1024 * 1024 + 17, 7)));
    expect(byPath.get('SIGNATURE')).toMatchObject({ imported: false, skipped: 'signature-file' });
    expect(byPath.get('notes.txt~')).toMatchObject({ imported: false, skipped: 'ignored', md5: null });
    expect(byPath.get('scratch/tmp.bin')).toMatchObject({ imported: false, skipped: 'ignored' });
    expect(byPath.get('huge.img')).toMatchObject({ size: 6 * TIB, md5: null, skipped: 'file-too-large' });

    const latin = inv.entries.find((e) => e.pathBytes !== undefined);
    expect(latin).toMatchObject({ path: 'caf\uFFFD.txt', skipped: 'name-not-utf8', imported: false });
    expect(Buffer.from(latin?.pathBytes ?? '', 'base64').equals(LATIN1_NAME)).toBe(true);
    expect(byPath.has('link-to-top')).toBe(false);

    const kinds = inv.findings.map((f) => `${f.kind}:${f.path ?? ''}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'device-too-large:',
        'symlink:link-to-top',
        'ignored:notes.txt~',
        'ignored:scratch/tmp.bin',
        'file-too-large:huge.img',
        'name-not-utf8:caf\uFFFD.txt',
        expect.stringMatching(/^key-too-long:d{200}\//),
      ]),
    );
    expect(inv.findings.find((f) => f.path === 'scratch/tmp.bin')?.message).toContain('`^scratch/`');
    expect(inv.findings.some((f) => f.kind === 'unsupported-file-system')).toBe(false);

    // Walk order: names sorted by bytes, a folder's files before its subfolders.
    expect(inv.entries.map((e) => e.path).slice(0, 3)).toEqual(['SIGNATURE', 'caf\uFFFD.txt', 'huge.img']);
    expect(inv.totals.files).toBe(inv.entries.length);
    expect(inv.totals.importedFiles).toBe(3);
  });

  it('flags a file system the job kind cannot use', async () => {
    // Another device: export devices have no per-file rules, so the 6 TiB file would be read in full.
    const small = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-hfs-'));
    fs.writeFileSync(path.join(small, 'a.txt'), 'a');
    const inv = await takeInventory({ root: small, jobKind: 's3-export', fileSystem: 'hfsplus' });
    fs.rmSync(small, { recursive: true });
    expect(inv.findings.map((f) => f.kind)).toContain('unsupported-file-system');
  });

  it('reports progress that never goes backwards and ends complete', async () => {
    const events: InventoryProgress[] = [];
    const inv = await takeInventory({ root, manifest, onProgress: (p) => events.push({ ...p }) });
    expect(events[0]).toMatchObject({ phase: 'scanning', filesTotal: null, bytesTotal: null });
    for (let i = 1; i < events.length; i++) {
      const [a, b] = [events[i - 1] as InventoryProgress, events[i] as InventoryProgress];
      expect(b.filesDone).toBeGreaterThanOrEqual(a.filesDone);
      expect(b.bytesDone).toBeGreaterThanOrEqual(a.bytesDone);
      expect(b.filesFound).toBeGreaterThanOrEqual(a.filesFound);
      if (a.phase === 'hashing') expect(b.phase).toBe('hashing');
    }
    const last = events.at(-1) as InventoryProgress;
    expect(last).toMatchObject({ phase: 'hashing', filesDone: 3, filesTotal: 3, secondsLeft: 0 });
    expect(last.bytesDone).toBe(inv.totals.importedBytes);
  });

  it('reports a device path that does not exist in words', async () => {
    await expect(takeInventory({ root: path.join(root, 'nope') })).rejects.toThrow(
      /Cannot list .*nope.*mounted/,
    );
  });
});

describe('takeInventory cancellation', () => {
  let big: string;
  beforeAll(() => {
    big = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-bigdev-'));
    // Sparse files under the 5 TiB limit are read for real: 8 x 1 GiB of zeros keeps the pool busy.
    for (let i = 0; i < 8; i++) {
      fs.writeFileSync(path.join(big, `part${i}`), '');
      fs.truncateSync(path.join(big, `part${i}`), 1024 ** 3);
    }
  });
  afterAll(() => fs.rmSync(big, { recursive: true, force: true }));

  it('stops mid-hash and rejects with AbortError', async () => {
    const controller = new AbortController();
    let last: InventoryProgress | undefined;
    const run = takeInventory({
      root: big,
      signal: controller.signal,
      onProgress: (p) => {
        last = p;
        if (p.bytesDone > 0) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(last?.phase).toBe('hashing');
    expect(last?.bytesDone ?? 0).toBeLessThan(8 * 1024 ** 3);
  });
});
