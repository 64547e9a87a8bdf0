/**
 * A fresh object store in a temp dir for each test, and source files of random bytes beside it: what the
 * batch-import and pack tests share.
 */
import { randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { openObjectStore, type ObjectStore } from '../../electron/service/objects/index';

export interface ObjectStoreFixture {
  /** The test's temp dir (the store is in its `data/`). */
  readonly dir: string;
  readonly store: ObjectStore;
  /** Writes `bytes` random bytes to `name` in the temp dir and returns them. */
  source(name: string, bytes: number): Buffer;
  /** Every data file of `bucket` (packs and files of their own). */
  dataFiles(bucket: string): fs.Dirent[];
}

/** Registers the hooks; read the fixture's fields inside tests only. */
export function useObjectStore(): ObjectStoreFixture {
  let dir = '';
  let store: ObjectStore | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-objects-'));
    store = openObjectStore(path.join(dir, 'data'));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    get store() {
      if (!store) throw new Error('the object store fixture is used outside a test');
      return store;
    },
    source(name, bytes) {
      const data = randomFillSync(Buffer.alloc(bytes));
      fs.writeFileSync(path.join(dir, name), data);
      return data;
    },
    dataFiles(bucket) {
      return fs
        .readdirSync(path.join(this.store.bucketDir(bucket), 'data'), {
          recursive: true,
          withFileTypes: true,
        })
        .filter((d) => d.isFile());
    },
  };
}
