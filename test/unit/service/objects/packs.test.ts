/**
 * Packs: a dock batch's small files share one data file. What a person would notice if this went wrong: an
 * object reading back as another's bytes, an object lost when its neighbour is replaced, or disk space that
 * never comes back once every object of a pack is gone.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it, vi } from 'vitest';
import { importFiles } from '../../../../electron/service/objects/batch-import';
import type { StoredObject } from '../../../../electron/service/objects/index';
import { PACK_STAGE_BYTES } from '../../../../electron/service/objects/packs';
import { copyObjectTo, openObjectStream } from '../../../../electron/service/objects/read-object';
import { useObjectStore } from '../../../helpers/object-store-fixture';

const BUCKET = 'dockhand-demo';
const fx = useObjectStore();
const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');
const plain = () => ({ contentType: 'application/octet-stream' });
const source = (name: string, bytes: number): Buffer => fx.source(name, bytes);

function stored(key: string): StoredObject {
  const found = fx.store.get(BUCKET, key);
  if (!found) throw new Error(`no object ${key}`);
  return found;
}

const bytesOf = async (key: string): Promise<Buffer> => buffer(await openObjectStream(stored(key)));

function dataFiles(): string[] {
  return fx.dataFiles(BUCKET).map((d) => path.join(d.parentPath, d.name));
}

async function importSmall(names: string[]): Promise<void> {
  const outcomes = await importFiles(
    fx.store,
    BUCKET,
    names.map((n) => ({ key: n, source: path.join(fx.dir, n), headersFor: plain, size: 100 })),
  );
  expect(outcomes.every((o) => o.ok)).toBe(true);
}

describe('packs', () => {
  it('puts a batch of small files in one pack, each object its own bytes, whole, by range and copied out', async () => {
    const data = ['a', 'b', 'c', 'empty'].map((n) => source(n, n === 'empty' ? 0 : 1000 + n.charCodeAt(0)));
    await importSmall(['a', 'b', 'c', 'empty']);
    expect(dataFiles()).toHaveLength(1);
    const [a, b, c, empty] = data as [Buffer, Buffer, Buffer, Buffer];
    expect(await bytesOf('a')).toEqual(a);
    expect(await bytesOf('b')).toEqual(b);
    expect(await bytesOf('c')).toEqual(c);
    expect(await bytesOf('empty')).toEqual(empty);
    expect(stored('b')).toMatchObject({ offset: a.length, size: b.length, md5: md5(b) });
    // A range is within the object, never its neighbour's bytes.
    const range = await buffer(await openObjectStream(stored('b'), { start: 10, end: b.length - 1 }));
    expect(range).toEqual(b.subarray(10));
    // The export writes the object's bytes only, and never over a file that is there.
    await copyObjectTo(stored('c'), path.join(fx.dir, 'out-c'));
    expect(fs.readFileSync(path.join(fx.dir, 'out-c'))).toEqual(c);
    expect(fs.statSync(path.join(fx.dir, 'out-c')).mode & 0o777).toBe(0o600);
    await expect(copyObjectTo(stored('a'), path.join(fx.dir, 'out-c'))).rejects.toMatchObject({
      code: 'EEXIST',
    });
    expect(fs.readFileSync(path.join(fx.dir, 'out-c'))).toEqual(c);
  });

  it('keeps a pack while any object points into it, and removes it with the last one', async () => {
    source('a', 10);
    source('b', 20);
    const c = source('c', 30);
    await importSmall(['a', 'b', 'c']);
    const [pack] = dataFiles();

    expect(await fx.store.delete(BUCKET, 'a')).toBe(true);
    await fx.store.put(BUCKET, 'b', Buffer.from('replaced by a PUT'));
    expect(dataFiles()).toContain(pack);
    expect(await bytesOf('c')).toEqual(c);
    expect((await bytesOf('b')).toString()).toBe('replaced by a PUT');

    // The last object of the pack replaced by another dock batch: the first pack goes.
    const newer = source('c', 31);
    await importSmall(['c']);
    expect(dataFiles()).not.toContain(pack);
    expect(await bytesOf('c')).toEqual(newer);
  });

  it('drops the bytes of a file that fails mid-read: the next file starts where it did, and the pack is trimmed', async () => {
    // `big` fills the stage and fails on its second read, after part of it was written to the pack.
    const first = source('first', 100);
    source('big', PACK_STAGE_BYTES + 1000);
    const last = source('last', 200);
    const realRead = fs.readSync;
    let bigReads = 0;
    const bigFd = { fd: -1 };
    const realOpen = fs.openSync;
    vi.spyOn(fs, 'openSync').mockImplementation(((...args: Parameters<typeof fs.openSync>) => {
      const fd = realOpen(...args);
      if (String(args[0]).endsWith('/big')) bigFd.fd = fd;
      return fd;
    }) as typeof fs.openSync);
    vi.spyOn(fs, 'readSync').mockImplementation(((fd: number, ...rest: unknown[]) => {
      if (fd === bigFd.fd && ++bigReads === 2) {
        throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
      }
      return (realRead as (...a: unknown[]) => number)(fd, ...rest);
    }) as typeof fs.readSync);

    const outcomes = await importFiles(
      fx.store,
      BUCKET,
      ['first', 'big', 'last'].map((n) => ({ key: n, source: path.join(fx.dir, n), headersFor: plain })),
    );
    vi.restoreAllMocks();

    expect(outcomes[1]).toMatchObject({ ok: false, error: { code: 'EIO' } });
    expect(fx.store.get(BUCKET, 'big')).toBeUndefined();
    expect(stored('last').offset).toBe(first.length);
    expect(await bytesOf('first')).toEqual(first);
    expect(await bytesOf('last')).toEqual(last);
    expect(fs.statSync(stored('last').file).size).toBe(first.length + last.length);
  });

  it('answers a GET of an object whose pack is gone as a missing object, not with other bytes', async () => {
    source('a', 10);
    await importSmall(['a']);
    const before = stored('a');
    await fx.store.delete(BUCKET, 'a');
    await expect(openObjectStream(before)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
