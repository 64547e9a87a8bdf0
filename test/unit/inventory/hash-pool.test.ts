import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BATCH_MAX_BYTES,
  BATCH_MAX_FILES,
  clampWorkers,
  defaultWorkerCount,
  hashFiles,
  HashPool,
  MAX_HASH_WORKERS,
  planBatches,
  type HashInput,
} from '../../../electron/inventory/hash-pool';
import { HASH_CHUNK_BYTES } from '../../../electron/inventory/hash-protocol';

let dir: string;
const inputs: HashInput[] = [];
const expected = new Map<number, string>();

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-hash-'));
  for (let i = 0; i < 200; i++) {
    const data = Buffer.alloc(i * 997 + (i % 7), i);
    const p = path.join(dir, `f${i}`);
    fs.writeFileSync(p, data);
    inputs.push({ id: i, path: Buffer.from(p), size: data.length });
    expected.set(i, createHash('md5').update(data).digest('hex'));
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('planBatches', () => {
  it('closes a batch at the file or byte limit and keeps a large file alone', () => {
    const small = Array.from({ length: BATCH_MAX_FILES + 1 }, (_, id) => ({
      id,
      path: Buffer.alloc(0),
      size: 1,
    }));
    expect(planBatches(small).map((b) => b.length)).toEqual([BATCH_MAX_FILES, 1]);
    const mixed = [
      { id: 1, path: Buffer.alloc(0), size: 10 },
      { id: 2, path: Buffer.alloc(0), size: BATCH_MAX_BYTES * 4 },
      { id: 3, path: Buffer.alloc(0), size: 10 },
    ];
    expect(planBatches(mixed).map((b) => b.map((f) => f.id))).toEqual([[1], [2], [3]]);
  });
});

describe('hashFiles', () => {
  it('gives the MD5 of every file, counting every byte once', async () => {
    let bytes = 0;
    let files = 0;
    const results = await hashFiles(inputs, { onBytes: (n) => (bytes += n), onFile: () => files++ });
    expect(results.size).toBe(inputs.length);
    for (const [id, md5] of expected) expect(results.get(id)).toEqual({ md5 });
    expect(bytes).toBe(inputs.reduce((n, f) => n + f.size, 0));
    expect(files).toBe(inputs.length);
  });

  it('never runs more than MAX_HASH_WORKERS threads, whatever is asked', async () => {
    expect(defaultWorkerCount()).toBe(Math.min(os.availableParallelism(), MAX_HASH_WORKERS));
    expect(clampWorkers(64)).toBe(MAX_HASH_WORKERS);
    expect(clampWorkers(0)).toBe(1);
    let peak = 0;
    await hashFiles(inputs, { workers: 64, onWorkerCount: (n) => (peak = Math.max(peak, n)) });
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(MAX_HASH_WORKERS);
  });

  it('reports a file that vanished as an error for that file only', async () => {
    const gone = { id: 999, path: Buffer.from(path.join(dir, 'nope')), size: 5 };
    const results = await hashFiles([inputs[1] as HashInput, gone]);
    expect(results.get(999)).toMatchObject({ error: { code: 'ENOENT' } });
    expect(results.get(1)).toEqual({ md5: expected.get(1) });
  });

  it('stops at once when cancelled mid-file and rejects with AbortError', async () => {
    const big = path.join(dir, 'sparse-big');
    // Sparse: costs no disk, but reading it is real work (4 GiB of zeros).
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 4 * 1024 ** 3);
    const controller = new AbortController();
    let bytes = 0;
    let live = -1;
    const run = hashFiles([{ id: 0, path: Buffer.from(big), size: 4 * 1024 ** 3 }], {
      signal: controller.signal,
      onBytes: (n) => {
        bytes += n;
        controller.abort();
      },
      onWorkerCount: (n) => (live = n),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(4 * 1024 ** 3);
    await expect.poll(() => live).toBe(0);
  });

  it('reads with a fixed buffer: memory stays flat however large the file', async () => {
    const big = path.join(dir, 'sparse-2g');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 2 * 1024 ** 3);
    const pool = new HashPool(1);
    try {
      await pool.hash([inputs[0] as HashInput]); // threads loaded before the baseline
      const before = process.memoryUsage().rss;
      let peak = before;
      const results = await pool.hash([{ id: 1, path: Buffer.from(big), size: 2 * 1024 ** 3 }], {
        onBytes: () => (peak = Math.max(peak, process.memoryUsage().rss)),
      });
      expect(results.get(1)).toEqual({ md5: 'a981130cf2b7e09f4686dc273cf7187e' });
      // A 2 GiB file read whole would add 2 GiB; chunked reading adds next to nothing.
      expect(peak - before).toBeLessThan(64 * 1024 * 1024);
    } finally {
      await pool.destroy();
    }
  }, 120_000); // reading 2 GiB takes seconds alone, far longer on a machine shared with other work

  it('stats paths in the threads: sizes and times, a vanished file named, a folder left out', async () => {
    const pool = new HashPool(2);
    try {
      const paths = [...inputs.map((f) => f.path), path.join(dir, 'nope'), Buffer.from(dir)];
      const stats = await pool.stat(paths);
      inputs.forEach((f, i) => {
        expect(stats.sizes[i]).toBe(f.size);
        expect(stats.mtimesMs[i]).toBe(fs.lstatSync(f.path as Buffer).mtimeMs);
      });
      expect(stats.sizes[inputs.length]).toBeNaN();
      expect(stats.failures.get(inputs.length)).toMatchObject({ code: 'ENOENT' });
      expect(stats.sizes[inputs.length + 1]).toBeNaN();
      expect(stats.failures.has(inputs.length + 1)).toBe(false);
    } finally {
      await pool.destroy();
    }
  });

  it('rejects at once when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(hashFiles(inputs, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('HashPool', () => {
  it('hashes files larger than its buffer right at every chunk edge, reading ahead while it hashes', async () => {
    const sizes = [HASH_CHUNK_BYTES + 1, 3 * HASH_CHUNK_BYTES, 3 * HASH_CHUNK_BYTES + 12_345];
    const files = sizes.map((size, id) => {
      const data = randomBytes(size);
      const p = path.join(dir, `large-${id}`);
      fs.writeFileSync(p, data);
      return { id, path: p, size, md5: createHash('md5').update(data).digest('hex') };
    });
    // The last one is said to be large (lstat) but is small by the time it is read, as after a truncate.
    const shrunk = { id: 9, path: path.join(dir, 'f3'), size: 2 * HASH_CHUNK_BYTES };
    const results = await hashFiles([...files, shrunk]);
    for (const f of files) expect(results.get(f.id)).toEqual({ md5: f.md5 });
    expect(results.get(9)).toEqual({ md5: expected.get(3) });
  });

  it('hashes a file whose size changed since lstat to its end, grown or shrunk', async () => {
    const f = inputs[150] as HashInput;
    const wrong = [
      { ...f, id: 1, size: 5 }, // grew since lstat: the one-read shortcut must not stop at 5 bytes
      { ...f, id: 2, size: f.size + 100 }, // shrank since lstat
    ];
    const results = await hashFiles(wrong);
    expect(results.get(1)).toEqual({ md5: expected.get(150) });
    expect(results.get(2)).toEqual({ md5: expected.get(150) });
  });

  it('with inline, this thread shares the small batches: same MD5s, every byte once, a thread per large file', async () => {
    const large = [0, 1, 2].map((k) => {
      const p = path.join(dir, `large-${k}`);
      const data = Buffer.alloc(BATCH_MAX_BYTES + 1, k + 1);
      fs.writeFileSync(p, data);
      expected.set(1000 + k, createHash('md5').update(data).digest('hex'));
      return { id: 1000 + k, path: p, size: data.length };
    });
    const files = [...inputs, ...large];
    let live = 0;
    const pool = new HashPool(1, (n) => (live = n), { inline: true, maxWorkers: 2 });
    try {
      expect(live).toBe(1);
      let bytes = 0;
      const results = await pool.hash(files, { onBytes: (n) => (bytes += n) });
      expect(results.size).toBe(files.length);
      for (const f of files) expect(results.get(f.id)).toEqual({ md5: expected.get(f.id) });
      expect(bytes).toBe(files.reduce((n, f) => n + f.size, 0));
      // Three files too large for this thread to take: a second thread, never more than asked.
      expect(live).toBe(2);
    } finally {
      await pool.destroy();
    }
  });
});
