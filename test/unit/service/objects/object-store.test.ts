/**
 * The object store on real files: a store written before flexible checksums and multipart existed opens,
 * keeps its objects and gains the new columns; multipart parts assemble into one file under a random name.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { openObjectStore } from '../../../../electron/service/objects/index';
import { MIN_PART_BYTES } from '../../../../electron/service/objects/uploads';
import { openDatabase } from '../../../../electron/sqlite/index';

let dir: string;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('object store', () => {
  it('opens a store from before the migration list and keeps its objects', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-objects-'));
    // The schema as it was: one table, no user_version.
    const old = openDatabase(path.join(dir, 'objects.sqlite'), { busyTimeoutMs: 1000 });
    old.exec(`CREATE TABLE objects (bucket TEXT NOT NULL, key BLOB NOT NULL, file TEXT NOT NULL, size INTEGER NOT NULL,
      md5 TEXT NOT NULL, content_type TEXT NOT NULL, content_encoding TEXT, last_modified INTEGER NOT NULL,
      PRIMARY KEY (bucket, key)) WITHOUT ROWID`);
    fs.mkdirSync(path.join(dir, 'buckets', 'old-bucket', 'data', 'ab'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'buckets', 'old-bucket', 'data', 'ab', 'abcdef'), 'old bytes');
    old
      .prepare('INSERT INTO objects VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run('old-bucket', Buffer.from('logs/a.csv'), 'ab/abcdef', 9, 'f'.repeat(32), 'text/csv', null, 1000);
    old.close();

    const store = openObjectStore(dir);
    try {
      const found = store.get('old-bucket', 'logs/a.csv');
      expect(found).toMatchObject({
        size: 9,
        md5: 'f'.repeat(32),
        etag: 'f'.repeat(32),
        contentType: 'text/csv',
      });
      expect(found?.checksum).toBeUndefined();
      expect(fs.readFileSync(found!.file, 'utf8')).toBe('old bytes');
      const put = await store.put(
        'old-bucket',
        'new',
        Buffer.from('new'),
        {},
        { checksum: { algorithm: 'CRC32C' } },
      );
      expect(put.checksum).toMatchObject({ algorithm: 'CRC32C', type: 'FULL_OBJECT' });
    } finally {
      store.close();
    }
    // Opening again runs nothing twice.
    openObjectStore(dir).close();
  });

  it('refuses a store a newer Dockhand wrote, naming it, rather than misread its objects', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-objects-'));
    openObjectStore(dir).close();
    const db = openDatabase(path.join(dir, 'objects.sqlite'), { busyTimeoutMs: 1000 });
    db.exec('PRAGMA user_version = 99');
    db.close();
    expect(() => openObjectStore(dir)).toThrow(
      /objects\.sqlite has schema version 99, newer than this Dockhand/,
    );
  });

  it('assembles parts in the order named, with the S3 ETag, and leaves no part files', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-objects-'));
    const store = openObjectStore(dir);
    try {
      const upload = store.uploads.create(
        'parts-bucket',
        '../../etc/passwd',
        {},
        { algorithm: 'SHA256', type: 'COMPOSITE' },
      );
      const a = Buffer.alloc(MIN_PART_BYTES, 1);
      const b = Buffer.from('tail');
      // Uploaded out of order, and part 1 twice: the second upload replaces the first.
      await store.uploads.putPart(upload, 2, Readable.from([b]), {});
      await store.uploads.putPart(upload, 1, Readable.from([Buffer.alloc(MIN_PART_BYTES, 9)]), {});
      const p1 = await store.uploads.putPart(upload, 1, Readable.from([a]), {});
      const p2 = store.uploads.listParts(upload, 1, 10)[0]!;
      const record = await store.uploads.complete(upload, [
        { partNumber: 1, etag: p1.md5 },
        { partNumber: 2, etag: p2.md5 },
      ]);
      const md5 = (x: Buffer) => createHash('md5').update(x).digest();
      expect(record.etag).toBe(
        `${createHash('md5')
          .update(Buffer.concat([md5(a), md5(b)]))
          .digest('hex')}-2`,
      );
      expect(record.md5).toBe(md5(Buffer.concat([a, b])).toString('hex'));
      expect(record.checksum?.value).toMatch(/-2$/);
      const stored = store.get('parts-bucket', '../../etc/passwd')!;
      expect(fs.readFileSync(stored.file).equals(Buffer.concat([a, b]))).toBe(true);
      expect(path.relative(path.join(dir, 'buckets', 'parts-bucket', 'data'), stored.file)).toMatch(
        /^[0-9a-f]{2}\/[0-9a-f-]{36}$/,
      );
      expect(fs.readdirSync(path.join(dir, 'buckets', 'parts-bucket', 'parts'))).toEqual([]);
      expect(() => store.uploads.get(upload.uploadId, 'parts-bucket', '../../etc/passwd')).toThrow(
        /does not exist/,
      );
    } finally {
      store.close();
    }
  });
});
