import { createHash, randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles, IMPORT_CHUNK_BYTES } from '../../../../electron/service/objects/batch-import';
import { openObjectStore, type ObjectStore } from '../../../../electron/service/objects/index';

let dir: string;
let store: ObjectStore;
const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');
const plain = () => ({ contentType: 'application/octet-stream' });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-batch-'));
  store = openObjectStore(path.join(dir, 'data'));
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function source(name: string, bytes: number): Buffer {
  const data = randomFillSync(Buffer.alloc(bytes));
  fs.writeFileSync(path.join(dir, name), data);
  return data;
}

describe('importFiles', () => {
  it('stores every file as an object with its MD5, the same bytes, and the headers from its first bytes', async () => {
    // Empty, small, exactly one chunk, and several chunks with a tail: every read/write path.
    const sizes = [0, 100, IMPORT_CHUNK_BYTES, 2 * IMPORT_CHUNK_BYTES + 7];
    const data = sizes.map((n, i) => source(`f${i}`, n));
    const heads: number[] = [];
    const outcomes = await importFiles(
      store,
      'dockhand-demo',
      sizes.map((_, i) => ({
        key: `k/${i}`,
        source: path.join(dir, `f${i}`),
        headersFor: (head) => {
          heads.push(head.length);
          return i === 1 ? { contentType: 'text/plain', contentEncoding: 'gzip' } : plain();
        },
      })),
    );
    sizes.forEach((n, i) => {
      const stored = store.get('dockhand-demo', `k/${i}`);
      expect(outcomes[i]).toMatchObject({ ok: true, record: { size: n, md5: md5(data[i] as Buffer) } });
      expect(stored?.md5).toBe(md5(data[i] as Buffer));
      expect(fs.readFileSync(stored?.file as string).equals(data[i] as Buffer)).toBe(true);
    });
    expect(store.get('dockhand-demo', 'k/1')).toMatchObject({
      contentType: 'text/plain',
      contentEncoding: 'gzip',
    });
    expect(heads).toHaveLength(sizes.length);
  });

  it('fails an unreadable source alone, and leaves no file behind for it', async () => {
    const good = source('good', 10);
    const outcomes = await importFiles(store, 'dockhand-demo', [
      { key: 'missing', source: path.join(dir, 'nope'), headersFor: plain },
      { key: 'good', source: path.join(dir, 'good'), headersFor: plain },
    ]);
    expect(outcomes[0]).toMatchObject({ ok: false, error: { code: 'ENOENT' } });
    expect(outcomes[1]).toMatchObject({ ok: true, record: { md5: md5(good) } });
    expect(store.get('dockhand-demo', 'missing')).toBeUndefined();
    const dataDir = path.join(store.bucketDir('dockhand-demo'), 'data');
    const files = fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    expect(files).toHaveLength(1);
  });

  it('replaces an existing object and removes the file it pointed at', async () => {
    source('a', 5);
    await importFiles(store, 'dockhand-demo', [
      { key: 'same', source: path.join(dir, 'a'), headersFor: plain },
    ]);
    const first = store.get('dockhand-demo', 'same')?.file as string;
    const second = source('b', 6);
    await importFiles(store, 'dockhand-demo', [
      { key: 'same', source: path.join(dir, 'b'), headersFor: plain },
    ]);
    expect(store.get('dockhand-demo', 'same')).toMatchObject({ size: 6, md5: md5(second) });
    expect(fs.existsSync(first)).toBe(false);
  });
});
