import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore, type JobStore, type NewJob } from '../../../../electron/service/store';
import { MIGRATIONS } from '../../../../electron/service/store/migrations';
import { summaryPageSql } from '../../../../electron/service/store/list-page';
import { openDatabase } from '../../../../electron/sqlite/index';
import { utcDayBounds } from '../../../../electron/service/operations/context';

let dir: string;
let store: JobStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-store-'));
  store = openStore(dir);
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function job(id: string, createdAt: number, account = 'AKIAONE'): NewJob {
  return {
    id,
    account,
    type: 'Import',
    kind: 's3-import',
    manifest: `manifestVersion: 2.0\n# ${id}\n`,
    deviceId: id,
    createdAt,
    plannedLogBucket: 'b',
    plannedLogKey: `import-log-${id}`,
    signature: 'sig',
    artifacts: [],
  };
}

describe('ListJobs keyset pagination', () => {
  it('walks newest first, breaking equal timestamps by insertion order, with exclusive markers', () => {
    const t = Date.UTC(2024, 0, 1);
    // Three jobs share one timestamp; insertion order decides among them (newest insert first).
    store.insertJobsBulk([
      job('AAAA1', t),
      job('AAAA2', t + 1000),
      job('AAAA3', t + 1000),
      job('AAAA4', t + 1000),
      job('AAAA5', t + 2000),
    ]);
    store.insertJobsBulk([job('BBBB1', t + 5000, 'AKIATWO')]);
    const seen: string[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = store.listJobs('AKIAONE', 2, marker);
      expect(page).toBeDefined();
      if (!page) break;
      seen.push(...page.jobs.map((j) => j.id));
      if (!page.isTruncated) break;
      marker = page.jobs.at(-1)?.id;
    }
    expect(seen).toEqual(['AAAA5', 'AAAA4', 'AAAA3', 'AAAA2', 'AAAA1']);
  });

  it('says IsTruncated only when more jobs remain', () => {
    store.insertJobsBulk([job('AAAA1', 1), job('AAAA2', 2)]);
    expect(store.listJobs('AKIAONE', 2)?.isTruncated).toBe(false);
    expect(store.listJobs('AKIAONE', 1)?.isTruncated).toBe(true);
    expect(store.listJobs('AKIAONE', 0)).toEqual({ jobs: [], isTruncated: true });
  });

  it('reports each job of a full page of 1,000 with its own date, type and cancellation', () => {
    const t = Date.UTC(2024, 0, 1);
    store.insertJobsBulk(
      Array.from({ length: 1_001 }, (_, i) => ({
        ...job(`P${String(i).padStart(4, '0')}`, t + Math.floor(i / 3) * 1000),
        type: i % 2 === 0 ? ('Import' as const) : ('Export' as const),
      })),
    );
    const canceled = store.getJob('P0998');
    if (!canceled) throw new Error('job missing');
    expect(store.applyPatch(canceled, { progress: 'Canceled', canceled: true }, t, 'cancel')).toBe(true);
    const page = store.listJobs('AKIAONE', 1_000);
    expect(page?.isTruncated).toBe(true);
    expect(page?.jobs).toHaveLength(1_000);
    // Newest first; three jobs share each second, the later insert first; the oldest one is left over.
    expect(page?.jobs.slice(0, 4)).toEqual([
      { seq: 1001, id: 'P1000', createdAt: t + 333_000, canceled: false, type: 'Import' },
      { seq: 1000, id: 'P0999', createdAt: t + 333_000, canceled: false, type: 'Export' },
      { seq: 999, id: 'P0998', createdAt: t + 332_000, canceled: true, type: 'Import' },
      { seq: 998, id: 'P0997', createdAt: t + 332_000, canceled: false, type: 'Export' },
    ]);
    expect(page?.jobs.at(-1)?.id).toBe('P0001');
    expect(store.listJobs('AKIAONE', 1_000, 'P0001')).toEqual({
      jobs: [{ seq: 1, id: 'P0000', createdAt: t, canceled: false, type: 'Import' }],
      isTruncated: false,
    });
  });

  it("refuses a marker that is not one of the account's jobs", () => {
    store.insertJobsBulk([job('AAAA1', 1), job('BBBB1', 1, 'AKIATWO')]);
    expect(store.listJobs('AKIAONE', 10, 'BBBB1')).toBeUndefined();
    expect(store.listJobs('AKIAONE', 10, 'ZZZZZ')).toBeUndefined();
  });

  it('reads a page, first or after a marker, from one index alone, in its order (no sort, no table rows)', () => {
    for (const [where, args] of [
      ['account = ?', ['A', 10]],
      ['account = ? AND (created_at, seq) < (?, ?)', ['A', 1, 1, 10]],
    ] as const) {
      const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${summaryPageSql(where)}`).all(...args) as Array<{
        detail: string;
      }>;
      const text = plan.map((p) => p.detail).join('\n');
      expect(text).toContain('USING COVERING INDEX jobs_list_page');
      expect(text).not.toContain('TEMP B-TREE');
    }
  });
});

describe('daily quota count', () => {
  it('counts per UTC calendar day, with the boundary at 00:00 UTC', () => {
    const midnight = Date.UTC(2024, 2, 10);
    store.insertJobsBulk([
      job('AAAA1', midnight - 1),
      job('AAAA2', midnight),
      job('AAAA3', midnight + 1),
      job('BBBB1', midnight, 'AKIATWO'),
    ]);
    const day = utcDayBounds(new Date(midnight + 12 * 3600_000));
    expect(store.createdOnDay('AKIAONE', day.fromMs)).toBe(2);
    const before = utcDayBounds(new Date(midnight - 1));
    expect(store.createdOnDay('AKIAONE', before.fromMs)).toBe(1);
    expect(store.createdOnDay('AKIATWO', day.fromMs)).toBe(1);
  });

  it('refuses the create past the limit inside one transaction', () => {
    const now = Date.UTC(2024, 2, 10, 8);
    const quota = { account: 'AKIAONE', limit: 2, dayStartMs: utcDayBounds(new Date(now)).fromMs };
    let n = 0;
    const next = () => `QQQQ${++n}`;
    expect(store.createJob((id) => job(id, now), next, quota).ok).toBe(true);
    expect(store.createJob((id) => job(id, now), next, quota).ok).toBe(true);
    expect(store.createJob((id) => job(id, now), next, quota)).toEqual({ ok: false, reason: 'quota' });
    expect(store.createdOnDay('AKIAONE', quota.dayStartMs)).toBe(2);
    // The next UTC day has its own count.
    const tomorrow = now + 24 * 3600_000;
    const nextDay = { ...quota, dayStartMs: utcDayBounds(new Date(tomorrow)).fromMs };
    expect(store.createJob((id) => job(id, tomorrow), next, nextDay).ok).toBe(true);
  });

  it('fills the counter rows from the jobs of a store made before the counter (migration 2)', () => {
    store.close();
    const old = path.join(dir, 'old', 'endpoint.sqlite');
    fs.mkdirSync(path.dirname(old));
    const db = openDatabase(old, { busyTimeoutMs: 1000 });
    db.exec(MIGRATIONS[0] as string);
    db.exec('PRAGMA user_version = 1');
    const midnight = Date.UTC(2024, 2, 10);
    const insert = db.prepare(
      `INSERT INTO jobs (id, account, type, kind, manifest, created_at, updated_at, location, progress)
         VALUES (?, ?, 'Import', 's3-import', '', ?, ?, 'NotReceived', 'Pending')`,
    );
    for (const [id, at, account] of [
      ['AAAA1', midnight - 1, 'AKIAONE'],
      ['AAAA2', midnight, 'AKIAONE'],
      ['AAAA3', midnight + 5, 'AKIAONE'],
      ['BBBB1', midnight + 5, 'AKIATWO'],
    ] as const)
      insert.run(id, account, at, at);
    db.close();
    store = openStore(path.dirname(old));
    expect(store.createdOnDay('AKIAONE', midnight)).toBe(2);
    expect(store.createdOnDay('AKIAONE', midnight - 24 * 3600_000)).toBe(1);
    expect(store.createdOnDay('AKIATWO', midnight)).toBe(1);
    const quota = { account: 'AKIAONE', limit: 3, dayStartMs: midnight };
    const ids = ['CCCC1', 'CCCC2'];
    expect(
      store.createJob(
        (id) => job(id, midnight + 9),
        () => ids.shift() as string,
        quota,
      ).ok,
    ).toBe(true);
    expect(
      store.createJob(
        (id) => job(id, midnight + 9),
        () => ids.shift() as string,
        quota,
      ).ok,
    ).toBe(false);
  });

  it('answers a create with the job exactly as a later read finds it', () => {
    store.insertJobsBulk([job('AAAA1', 1)]);
    const out = store.createJob(
      (id) => ({ ...job(id, 5), artifacts: [{ description: 'd', path: `/artifacts/${id}/x` }] }),
      () => 'AAAA2',
    );
    if (!out.ok) throw new Error('create refused');
    expect(out.job).toEqual(store.getJob('AAAA2'));
    expect(out.job.seq).toBe(2);
  });

  it('retries a colliding job id', () => {
    store.insertJobsBulk([job('AAAA1', 1)]);
    const ids = ['AAAA1', 'AAAA1', 'AAAA2'];
    const out = store.createJob(
      (id) => job(id, 2),
      () => ids.shift() as string,
    );
    expect(out.ok && out.job.id).toBe('AAAA2');
  });
});

describe("group commit (the endpoint's connection)", () => {
  let grouped: JobStore;
  let groupDir: string;
  beforeEach(() => {
    groupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockhand-store-group-'));
    grouped = openStore(groupDir, { groupCommit: true });
  });
  afterEach(() => {
    grouped.close();
    fs.rmSync(groupDir, { recursive: true, force: true });
  });

  it('gives creates made together one transaction, and holds each to the quota in turn', async () => {
    const now = Date.UTC(2024, 2, 10, 8);
    const quota = { account: 'AKIAONE', limit: 3, dayStartMs: utcDayBounds(new Date(now)).fromMs };
    let n = 0;
    const next = () => `GGGG${++n}`;
    const exec = vi.spyOn(grouped.db, 'exec');
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => grouped.createJobDurably((id) => job(id, now), next, quota)),
    );
    expect(outcomes.map((o) => (o.ok ? o.job.id : o.reason))).toEqual([
      'GGGG1',
      'GGGG2',
      'GGGG3',
      'quota',
      'quota',
    ]);
    expect(exec.mock.calls.filter(([sql]) => sql === 'BEGIN IMMEDIATE')).toHaveLength(1);
    expect(exec.mock.calls.filter(([sql]) => sql === 'COMMIT')).toHaveLength(1);
    expect(grouped.createdOnDay('AKIAONE', quota.dayStartMs)).toBe(3);
    const other = openStore(groupDir);
    try {
      expect(other.getJob('GGGG3')?.deviceId).toBe('GGGG3');
      expect(other.events('GGGG1').map((e) => e.action)).toEqual(['create']);
    } finally {
      other.close();
    }
  });

  it('answers a group after its own fsync, not after the next group that queued meanwhile', async () => {
    const fsyncs = vi.spyOn(fs, 'fdatasync');
    let n = 0;
    const next = () => `KKKK${++n}`;
    const create = () => grouped.createJobDurably((id) => job(id, 1), next);
    const first = Array.from({ length: 4 }, create);
    // Runs after the first group committed and its fsync started, before that fsync can report back.
    const second = new Promise<unknown[]>((resolve) =>
      setImmediate(() => resolve(Promise.all(Array.from({ length: 4 }, create)))),
    );
    const firstAnswered = Promise.all(first)
      .then(() => grouped.durable())
      .then(() => fsyncs.mock.calls.length);
    expect(await firstAnswered).toBe(1);
    await second;
    expect(fsyncs).toHaveBeenCalledTimes(2);
    fsyncs.mockRestore();
  });

  it('fails only the create whose write throws; the others in its group are stored', async () => {
    let n = 0;
    const next = () => `HHHH${++n}`;
    const results = await Promise.allSettled([
      grouped.createJobDurably((id) => job(id, 1), next),
      grouped.createJobDurably(() => {
        throw new Error('build failed');
      }, next),
      grouped.createJobDurably((id) => job(id, 1), next),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(grouped.hasJob('HHHH1')).toBe(true);
    expect(grouped.hasJob('HHHH2')).toBe(false);
    expect(grouped.hasJob('HHHH3')).toBe(true);
    expect(grouped.createdOnDay('AKIAONE', 0)).toBe(2);
  });
});

describe('reading a job', () => {
  it('gives back every field as stored, text with quotes, newlines and non-ASCII included', () => {
    const manifest = 'manifestVersion: 2.0\nname: "Zoë \\ Roe" # 東京\r\n\ttab';
    store.insertJobsBulk([
      {
        ...job('AAAA1', 1_700_000_000_123),
        manifest,
        deviceId: null,
        artifacts: [{ description: 'SIGNATURE', path: '/artifacts/AAAA1/signature.pdf?token=a"b' }],
      },
    ]);
    const stored = store.getJob('AAAA1');
    if (!stored) throw new Error('job missing');
    const patch = { carrier: 'UPS', tracking: '1Z"9', errorCount: 3, logBucket: 'b', logKey: 'k' } as const;
    expect(store.applyPatch(stored, { ...patch, progress: 'Canceled', canceled: true }, 5, 'cancel')).toBe(
      true,
    );
    expect(store.getJob('aaaa1')).toBeUndefined();
    expect(store.getJob('AAAA1')).toEqual({
      seq: 1,
      id: 'AAAA1',
      account: 'AKIAONE',
      type: 'Import',
      kind: 's3-import',
      manifest,
      deviceId: null,
      createdAt: 1_700_000_000_123,
      updatedAt: 5,
      location: 'NotReceived',
      progress: 'Canceled',
      ...patch,
      plannedLogBucket: 'b',
      plannedLogKey: 'import-log-AAAA1',
      canceled: true,
      signature: 'sig',
      artifacts: [{ description: 'SIGNATURE', path: '/artifacts/AAAA1/signature.pdf?token=a"b' }],
    });
  });
});

describe('state changes', () => {
  it('applies a patch only from the state it was decided on, and records it', () => {
    store.insertJobsBulk([job('AAAA1', 1)]);
    const j = store.getJob('AAAA1');
    if (!j) throw new Error('job missing');
    expect(store.applyPatch(j, { location: 'AtAWS' }, 10, 'receive')).toBe(true);
    // A second writer holding the old state loses, rather than overwriting.
    expect(store.applyPatch(j, { progress: 'Canceled', canceled: true }, 11, 'cancel')).toBe(false);
    expect(store.getJob('AAAA1')).toMatchObject({ location: 'AtAWS', progress: 'Pending', canceled: false });
    expect(store.events('AAAA1')).toEqual([
      { at: 10, action: 'receive', location: 'AtAWS', progress: 'Pending', detail: null },
    ]);
  });

  it('reopens an existing store (migrations are idempotent) and keeps the data', () => {
    store.insertJobsBulk([job('AAAA1', 1)]);
    store.close();
    store = openStore(dir);
    expect(store.getJob('AAAA1')?.deviceId).toBe('AAAA1');
    expect(store.db.pragma('journal_mode')).toBe('wal');
    expect(store.db.pragma('synchronous')).toBe(2);
  });
});
