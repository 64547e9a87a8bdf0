/**
 * The endpoint's cache of job reads (electron/service/store/read-cache.ts): a job read again is served
 * without SQLite only while no connection, in this process or another, has committed since.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type JobStore, type NewJob } from '../../../../electron/service/store';
import { CommittedReadCache } from '../../../../electron/service/store/read-cache';
import { openDatabase } from '../../../../electron/sqlite/index';
import { DOCKHAND_CLI } from '../../../helpers/cli';

let dir: string;
let store: JobStore;
let other: JobStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-read-cache-'));
  // The endpoint's own connection, and a second one as `dockhand service dock` would hold.
  store = openStore(dir, { groupCommit: true });
  other = openStore(dir);
});
afterEach(() => {
  other.close();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function job(id: string): NewJob {
  return {
    id,
    account: 'AKIAONE',
    type: 'Import',
    kind: 's3-import',
    manifest: `manifestVersion: 2.0\n# ${id}\n`,
    deviceId: id,
    createdAt: Date.now(),
    plannedLogBucket: 'b',
    plannedLogKey: `import-log-${id}`,
    signature: 'sig',
    artifacts: [{ description: 'SIGNATURE', path: `/artifacts/${id}/signature.pdf` }],
  };
}

function mustGet(s: JobStore, id: string, commitsChecked?: boolean) {
  const found = s.getJob(id, commitsChecked);
  if (!found) throw new Error(`${id} missing`);
  return found;
}

describe('reading a job again', () => {
  it("sees another connection's commit on the very next read", () => {
    store.insertJobsBulk([job('AAAA1')]);
    expect(mustGet(store, 'AAAA1').location).toBe('NotReceived');
    expect(mustGet(store, 'AAAA1').location).toBe('NotReceived');
    expect(other.applyPatch(mustGet(other, 'AAAA1'), { location: 'AtAWS' }, 10, 'receive')).toBe(true);
    expect(mustGet(store, 'AAAA1')).toMatchObject({ location: 'AtAWS', updatedAt: 10 });
  });

  it("sees a commit another process made (the dock's, through the CLI) on the next read", () => {
    store.insertJobsBulk([job('AAAA1')]);
    expect(mustGet(store, 'AAAA1').location).toBe('NotReceived');
    const dock = spawnSync(
      process.execPath,
      [DOCKHAND_CLI, 'service', 'dock', 'receive', '--job-id', 'AAAA1', '--data-dir', dir],
      { encoding: 'utf8' },
    );
    expect(dock.status, dock.stderr).toBe(0);
    expect(mustGet(store, 'AAAA1').location).toBe('AtAWS');
  });

  it('hands out one frozen record, so no caller can change what the next one reads', () => {
    store.insertJobsBulk([job('AAAA1')]);
    const first = mustGet(store, 'AAAA1');
    expect(mustGet(store, 'AAAA1')).toBe(first);
    expect(() => {
      (first as { location: string }).location = 'AtAWS';
    }).toThrow(TypeError);
    expect(() => first.artifacts.push({ description: 'x', path: '/x' })).toThrow(TypeError);
    expect(mustGet(store, 'AAAA1').location).toBe('NotReceived');
  });

  it('keeps nothing a rolled-back transaction of our own had written', () => {
    expect(() =>
      store.db.immediate(() => {
        store.insertJobsBulk([job('AAAA1')]);
        expect(store.getJob('AAAA1')?.id).toBe('AAAA1');
        throw new Error('undo');
      }),
    ).toThrow('undo');
    expect(store.getJob('AAAA1')).toBeUndefined();
  });

  it('reads our own write back at once, even inside the request that made it', async () => {
    store.insertJobsBulk([job('AAAA1')]);
    const checked = await store.commitsChecked();
    expect(checked).toBe(true);
    const before = mustGet(store, 'AAAA1', checked);
    expect(store.applyPatch(before, { location: 'AtAWS' }, 10, 'receive')).toBe(true);
    expect(mustGet(store, 'AAAA1', checked).location).toBe('AtAWS');
  });

  it('answers requests that arrive together from one look for commits, taken after they all arrived', async () => {
    store.insertJobsBulk([job('AAAA1')]);
    expect(mustGet(store, 'AAAA1').location).toBe('NotReceived');
    // Two requests arrive; the dock commits before the look their turn shares.
    const first = store.commitsChecked();
    const second = store.commitsChecked();
    expect(other.applyPatch(mustGet(other, 'AAAA1'), { location: 'AtAWS' }, 10, 'receive')).toBe(true);
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    expect(mustGet(store, 'AAAA1', true).location).toBe('AtAWS');
    // A commit after the look is concurrent with those requests: either answer is right for them...
    expect(other.applyPatch(mustGet(other, 'AAAA1'), { progress: 'InProgress' }, 11, 'start')).toBe(true);
    expect(['Pending', 'InProgress']).toContain(mustGet(store, 'AAAA1', true).progress);
    // ...and a request that arrives after it gets a new look.
    const later = await store.commitsChecked();
    expect(mustGet(store, 'AAAA1', later).progress).toBe('InProgress');
  });

  it('after a conditional write lost to the other process, the retry reads the state that beat it', async () => {
    store.insertJobsBulk([job('AAAA1')]);
    const checked = await store.commitsChecked();
    const seen = mustGet(store, 'AAAA1', checked);
    expect(other.applyPatch(mustGet(other, 'AAAA1'), { location: 'AtAWS' }, 10, 'receive')).toBe(true);
    expect(store.applyPatch(seen, { progress: 'Canceled', canceled: true }, 11, 'cancel')).toBe(false);
    expect(mustGet(store, 'AAAA1', checked).location).toBe('AtAWS');
  });
});

describe('CommittedReadCache', () => {
  it('calls load once while nothing is committed, and again after any commit', () => {
    const db = openDatabase(path.join(dir, 'plain.sqlite'), { busyTimeoutMs: 1000 });
    try {
      db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)');
      db.exec("INSERT INTO t VALUES ('a', 'one')");
      const cache = new CommittedReadCache<{ v: string }>(db, Object.freeze);
      let loads = 0;
      const read = () =>
        cache.get('a', () => {
          loads++;
          return db.prepare("SELECT v FROM t WHERE k = 'a'").get<{ v: string }>();
        });
      expect(read()?.v).toBe('one');
      expect(read()?.v).toBe('one');
      expect(loads).toBe(1);
      db.exec("UPDATE t SET v = 'two'"); // an autocommit statement, outside any transaction helper
      expect(read()?.v).toBe('two');
      expect(loads).toBe(2);
      cache.close();
    } finally {
      db.close();
    }
  });

  it('starts again empty past its limit instead of growing', () => {
    const db = openDatabase(path.join(dir, 'plain.sqlite'), { busyTimeoutMs: 1000 });
    try {
      db.exec('CREATE TABLE t (k TEXT)');
      const cache = new CommittedReadCache<{ k: string }>(db, Object.freeze, 2);
      let loads = 0;
      const read = (k: string) =>
        cache.get(k, () => {
          loads++;
          return { k };
        });
      read('a');
      read('b');
      read('a');
      expect(loads).toBe(2);
      read('c'); // third key: the cache starts again
      read('a');
      expect(loads).toBe(4);
      cache.close();
    } finally {
      db.close();
    }
  });

  it('reads through to SQLite every time when the database has no WAL index to check', () => {
    const file = path.join(dir, 'rollback-journal.sqlite');
    const setup = openDatabase(file, { busyTimeoutMs: 1000, durable: false });
    setup.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('one')");
    const cache = new CommittedReadCache<{ v: string }>(setup, Object.freeze);
    let loads = 0;
    const read = () =>
      cache.get('a', () => {
        loads++;
        return setup.prepare('SELECT v FROM t').get<{ v: string }>();
      });
    read();
    read();
    expect(fs.existsSync(`${file}-shm`)).toBe(false);
    expect(loads).toBe(2);
    cache.close();
    setup.close();
  });
});
