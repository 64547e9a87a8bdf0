import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { importFiles, KERNEL_COPY_MIN_BYTES } from '../../../../electron/service/objects/batch-import';
import { BlobHasher } from '../../../../electron/service/objects/blob-hasher';
import type { StoredObject } from '../../../../electron/service/objects/index';
import { PACK_STAGE_BYTES } from '../../../../electron/service/objects/packs';
import { openObjectStream } from '../../../../electron/service/objects/read-object';
import { useObjectStore } from '../../../helpers/object-store-fixture';

const fx = useObjectStore();
const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');
const plain = () => ({ contentType: 'application/octet-stream' });
/** The object's bytes as GetObject and the export read them. */
const bytesOf = async (stored: StoredObject | undefined): Promise<Buffer> =>
  buffer(await openObjectStream(stored as StoredObject));
const source = (name: string, bytes: number): Buffer => fx.source(name, bytes);
const dataFiles = (): fs.Dirent[] => fx.dataFiles('dockhand-demo');

describe('importFiles', () => {
  it('stores every file as an object with its MD5, the same bytes, and the headers from its first bytes', async () => {
    // Empty, small, exactly the pack's stage, and several stages with a tail (no walked size: all packed).
    const sizes = [0, 100, PACK_STAGE_BYTES, 2 * PACK_STAGE_BYTES + 7];
    const data = sizes.map((n, i) => source(`f${i}`, n));
    const heads: number[] = [];
    const outcomes = await importFiles(
      fx.store,
      'dockhand-demo',
      sizes.map((_, i) => ({
        key: `k/${i}`,
        source: path.join(fx.dir, `f${i}`),
        headersFor: (head) => {
          heads.push(head.length);
          return i === 1 ? { contentType: 'text/plain', contentEncoding: 'gzip' } : plain();
        },
      })),
    );
    for (const [i, n] of sizes.entries()) {
      const stored = fx.store.get('dockhand-demo', `k/${i}`);
      expect(outcomes[i]).toMatchObject({ ok: true, record: { size: n, md5: md5(data[i] as Buffer) } });
      expect(stored?.md5).toBe(md5(data[i] as Buffer));
      expect((await bytesOf(stored)).equals(data[i] as Buffer)).toBe(true);
    }
    // One pack holds them all.
    expect(dataFiles()).toHaveLength(1);
    expect(fx.store.get('dockhand-demo', 'k/1')).toMatchObject({
      contentType: 'text/plain',
      contentEncoding: 'gzip',
    });
    expect(heads).toHaveLength(sizes.length);
  });

  it('fails an unreadable source alone, and leaves no file behind for it', async () => {
    const good = source('good', 10);
    const outcomes = await importFiles(fx.store, 'dockhand-demo', [
      { key: 'missing', source: path.join(fx.dir, 'nope'), headersFor: plain },
      { key: 'good', source: path.join(fx.dir, 'good'), headersFor: plain },
    ]);
    expect(outcomes[0]).toMatchObject({ ok: false, error: { code: 'ENOENT' } });
    expect(outcomes[1]).toMatchObject({ ok: true, record: { md5: md5(good) } });
    expect(fx.store.get('dockhand-demo', 'missing')).toBeUndefined();
    expect(dataFiles()).toHaveLength(1);
  });

  it('stores nothing and leaves no file when the batch before it failed', async () => {
    source('a', 10);
    const big = source('big', 2 * KERNEL_COPY_MIN_BYTES);
    const previous = Promise.reject(new Error('the batch before failed'));
    // Handled as the dock handles it (it awaits the previous batch too); importFiles still sees it reject.
    previous.catch(() => undefined);
    await expect(
      importFiles(
        fx.store,
        'dockhand-demo',
        [
          { key: 'a', source: path.join(fx.dir, 'a'), headersFor: plain },
          { key: 'big', source: path.join(fx.dir, 'big'), headersFor: plain, size: big.length },
        ],
        { commitAfter: previous },
      ),
    ).rejects.toThrow('the batch before failed');
    expect(fx.store.get('dockhand-demo', 'a')).toBeUndefined();
    expect(fx.store.get('dockhand-demo', 'big')).toBeUndefined();
    expect(dataFiles()).toHaveLength(0);
  });

  it('replaces an existing object and removes the file it pointed at', async () => {
    source('a', 5);
    await importFiles(fx.store, 'dockhand-demo', [
      { key: 'same', source: path.join(fx.dir, 'a'), headersFor: plain },
    ]);
    const first = fx.store.get('dockhand-demo', 'same')?.file as string;
    const second = source('b', 6);
    await importFiles(fx.store, 'dockhand-demo', [
      { key: 'same', source: path.join(fx.dir, 'b'), headersFor: plain },
    ]);
    expect(fx.store.get('dockhand-demo', 'same')).toMatchObject({ size: 6, md5: md5(second) });
    expect(fs.existsSync(first)).toBe(false);
  });

  it('copies large files in the kernel and hashes them in threads: same bytes, MD5, headers and a private mode', async () => {
    // Large files (given with their walked size) among small ones, in one batch; one starts with gzip's magic.
    const sizes = [KERNEL_COPY_MIN_BYTES, 10, 3 * KERNEL_COPY_MIN_BYTES + 1, 2 * PACK_STAGE_BYTES + 5];
    const data = sizes.map((n, i) => source(`f${i}`, n));
    (data[2] as Buffer).set([0x1f, 0x8b]);
    fs.writeFileSync(path.join(fx.dir, 'f2'), data[2] as Buffer);
    fs.chmodSync(path.join(fx.dir, 'f0'), 0o644);
    const hasher = new BlobHasher(2);
    try {
      const outcomes = await importFiles(
        fx.store,
        'dockhand-demo',
        sizes.map((n, i) => ({
          key: `big/${i}`,
          source: path.join(fx.dir, `f${i}`),
          size: n,
          headersFor: (head: Buffer) =>
            head[0] === 0x1f && head[1] === 0x8b ? { contentType: 'x/y', contentEncoding: 'gzip' } : plain(),
        })),
        { hasher },
      );
      for (const [i, n] of sizes.entries()) {
        const want = md5(data[i] as Buffer);
        expect(outcomes[i]).toMatchObject({ ok: true, record: { size: n, md5: want, etag: want } });
        const stored = fx.store.get('dockhand-demo', `big/${i}`);
        expect(stored?.md5).toBe(want);
        expect((await bytesOf(stored)).equals(data[i] as Buffer)).toBe(true);
        expect(fs.statSync(stored?.file as string).mode & 0o777).toBe(0o600);
        // The large ones have files of their own; the small one is in the batch's pack.
        expect(stored?.offset === undefined).toBe(n >= KERNEL_COPY_MIN_BYTES);
      }
      expect(fx.store.get('dockhand-demo', 'big/2')).toMatchObject({
        contentType: 'x/y',
        contentEncoding: 'gzip',
      });
      expect(fx.store.get('dockhand-demo', 'big/0')?.contentEncoding).toBeUndefined();
    } finally {
      await hasher.destroy();
    }
  });

  it('fails a large file that vanished after the walk alone, with no file left for it, and starts its own threads', async () => {
    const kept = source('kept', 2 * KERNEL_COPY_MIN_BYTES);
    const outcomes = await importFiles(fx.store, 'dockhand-demo', [
      { key: 'gone', source: path.join(fx.dir, 'gone'), size: 5 * KERNEL_COPY_MIN_BYTES, headersFor: plain },
      { key: 'kept', source: path.join(fx.dir, 'kept'), size: kept.length, headersFor: plain },
    ]);
    expect(outcomes[0]).toMatchObject({ ok: false, error: { code: 'ENOENT' } });
    expect(outcomes[1]).toMatchObject({ ok: true, record: { md5: md5(kept) } });
    expect(fx.store.get('dockhand-demo', 'gone')).toBeUndefined();
    expect(dataFiles()).toHaveLength(1);
  });
});

describe('BlobHasher', () => {
  it('gives the MD5 of each file, several at once, and names a file it cannot read', async () => {
    const hasher = new BlobHasher(2);
    try {
      const data = [0, 1, 2, 3].map((i) => source(`h${i}`, KERNEL_COPY_MIN_BYTES + i));
      const digests = await Promise.all(
        data.map((_, i) => hasher.md5(path.join(fx.dir, `h${i}`), KERNEL_COPY_MIN_BYTES + i)),
      );
      expect(digests).toEqual(data.map(md5));
      await expect(hasher.md5(path.join(fx.dir, 'nope'), 1)).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await hasher.destroy();
    }
  });

  it('hashes on this thread alone, and finishes files whose thread was stopped mid-way', async () => {
    const data = [0, 1, 2].map((i) => source(`t${i}`, 2 * KERNEL_COPY_MIN_BYTES + i));
    const files = data.map((_, i) => path.join(fx.dir, `t${i}`));
    const alone = new BlobHasher(0);
    expect(await Promise.all(files.map((f, i) => alone.md5(f, 2 * KERNEL_COPY_MIN_BYTES + i)))).toEqual(
      data.map(md5),
    );

    const hasher = new BlobHasher(2);
    const running = Promise.all(files.map((f, i) => hasher.md5(f, 2 * KERNEL_COPY_MIN_BYTES + i)));
    await hasher.destroy();
    expect(await running).toEqual(data.map(md5));
    expect(await hasher.md5(files[0] as string, 2 * KERNEL_COPY_MIN_BYTES)).toBe(md5(data[0] as Buffer));
  });
});
